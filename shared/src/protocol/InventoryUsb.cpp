#include "dps/protocol/InventoryUsb.h"

#include "dps/core/UsbEquipment.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>

namespace dps::protocol {
namespace {

using nlohmann::json;

json* member(json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string text(const json& object, std::string_view key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Keeps the items of `list` (an array) for which keep(item, index) holds; returns how many went.
template <class Keep> int keepOnly(json& list, Keep&& keep) {
    json kept = json::array();
    int dropped = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (keep(list[i], i))
            kept.push_back(std::move(list[i]));
        else
            ++dropped;
    }
    list = std::move(kept);
    return dropped;
}

// "/dev/sdb", "/dev/sdb1", "/dev/mmcblk1p2": the disk `name` itself or one of its partitions.
bool onDisk(const std::string& volume, const std::string& name) {
    const std::string prefix = "/dev/" + name;
    if (volume.compare(0, prefix.size(), prefix) != 0) return false;
    std::string_view rest = std::string_view(volume).substr(prefix.size());
    if (!rest.empty() && rest.front() == 'p') rest.remove_prefix(1);
    return std::all_of(rest.begin(), rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Consumes `letter` and the digits after it; false (and nothing consumed) when they are not there.
bool take(std::string_view& s, char letter) {
    if (s.size() < 2 || s.front() != letter || !std::isdigit(static_cast<unsigned char>(s[1]))) return false;
    s.remove_prefix(1);
    while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    return true;
}

} // namespace

bool isUsbInterfaceName(std::string_view name) {
    if (name.size() > 15) return false; // IFNAMSIZ: no interface has a longer name
    if (name.substr(0, 3) == "usb") return allDigits(name.substr(3));
    const std::string_view prefix = name.substr(0, 2);
    if (prefix != "en" && prefix != "wl" && prefix != "ww") return false;
    std::string_view rest = name.substr(2);
    // x<MAC>: twelve lower-case hex digits (net_id's "%02x" for each byte).
    if (!rest.empty() && rest.front() == 'x')
        return rest.size() == 13 && std::all_of(rest.begin() + 1, rest.end(), [](char c) {
                   return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
               });
    // [P<domain>](p<bus>s<slot>|s<slot>)[f<function>] then u<port>: the USB port chain after the
    // PCI part of the host controller.
    take(rest, 'P');
    if (take(rest, 'p')) {
        if (!take(rest, 's')) return false;
    } else if (!take(rest, 's')) {
        return false;
    }
    take(rest, 'f');
    return take(rest, 'u');
}

DroppedDevices dropVisitorsDevices(json& glpi, json& dps) {
    DroppedDevices dropped;
    json* content = member(glpi, "content");
    json* usbdevices = content ? member(*content, "usbdevices") : nullptr;
    json* kinds = member(dps, "usb_kinds");

    if (usbdevices && usbdevices->is_array()) {
        const json none = json::array();
        const json& k = kinds && kinds->is_array() ? *kinds : none;
        auto equipment = [&](const json& device, std::size_t i) {
            if (i >= k.size()) return false;
            const json& kind = k[i];
            return text(kind, "vendorid") == text(device, "vendorid") &&
                   text(kind, "productid") == text(device, "productid") && usbKindNamed(text(kind, "kind"));
        };
        std::vector<bool> keep(usbdevices->size());
        for (std::size_t i = 0; i < usbdevices->size(); ++i)
            keep[i] = equipment((*usbdevices)[i], i);
        dropped.usb = keepOnly(*usbdevices, [&](const json&, std::size_t i) { return keep[i]; });
        if (kinds && kinds->is_array())
            keepOnly(*kinds, [&](const json&, std::size_t i) { return i < keep.size() && keep[i]; });
    } else if (kinds && kinds->is_array()) {
        // No GLPI list to go with it: only the kinds of equipment stay.
        keepOnly(*kinds, [](const json& kind, std::size_t) { return usbKindNamed(text(kind, "kind")).has_value(); });
    }

    std::set<std::string> removable;
    if (json* storages = content ? member(*content, "storages") : nullptr; storages && storages->is_array()) {
        dropped.disks = keepOnly(*storages, [&](const json& disk, std::size_t) {
            if (text(disk, "type") != "removable") return true;
            removable.insert(text(disk, "name"));
            return false;
        });
    }
    if (json* types = member(dps, "disk_types"); types && types->is_array()) {
        keepOnly(*types, [&](const json& disk, std::size_t) {
            if (text(disk, "type") != "removable") return true;
            removable.insert(text(disk, "name"));
            return false;
        });
    }
    removable.erase("");
    if (json* drives = content ? member(*content, "drives") : nullptr; drives && drives->is_array()) {
        dropped.filesystems = keepOnly(*drives, [&](const json& drive, std::size_t) {
            const std::string volume = text(drive, "volumn");
            return std::none_of(removable.begin(), removable.end(),
                                [&](const std::string& name) { return onDisk(volume, name); });
        });
    }
    if (json* networks = content ? member(*content, "networks") : nullptr; networks && networks->is_array()) {
        dropped.networks = keepOnly(*networks, [](const json& network, std::size_t) {
            return !isUsbInterfaceName(text(network, "description"));
        });
    }
    return dropped;
}

} // namespace dps::protocol
