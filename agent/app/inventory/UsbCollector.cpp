#include "UsbCollector.h"

#include "core/inventory/HidReport.h"
#include "dps/protocol/UsbEquipment.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

namespace dps::agent::inventory {

namespace {

constexpr const char* kCollector = "usb";
constexpr const char* kDevices = "/sys/bus/usb/devices/";
// The device class by which a device says "see my interfaces"; 0xEF/02/01 (miscellaneous, with
// interface association descriptors) is what webcams and other composite devices say instead.
constexpr int kClassPerInterface = 0x00, kClassMiscellaneous = 0xEF, kClassHid = 0x03;

// sysfs writes the descriptors' fields in hexadecimal without a prefix ("046d", "0e").
std::optional<unsigned> hex(const SysRoot& root, const std::string& path, unsigned max, Inventory& into) {
    const auto t = root.text(path, kCollector, into);
    if (!t) return std::nullopt;
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), v, 16);
    if (t->empty() || ec != std::errc() || end != t->data() + t->size()) {
        into.errors.push_back({kCollector, path, "is not a hexadecimal number: '" + t->substr(0, 40) + "'"});
        return std::nullopt;
    }
    if (v > max) {
        into.errors.push_back({kCollector, path, "is too large for its field: '" + t->substr(0, 40) + "'"});
        return std::nullopt;
    }
    return v;
}

std::string hex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", v & 0xFFFF);
    return buf;
}

// The interfaces of the device's active configuration, lowest number first: "1-1.2" has
// "1-1.2:1.0", "1-1.2:1.1"…
std::vector<std::string> interfacesOf(const std::vector<std::string>& entries, const std::string& device) {
    std::vector<std::pair<int, std::string>> found;
    for (const auto& e : entries) {
        if (e.size() <= device.size() + 1 || e.compare(0, device.size(), device) != 0 || e[device.size()] != ':')
            continue;
        const auto dot = e.rfind('.');
        int n = 0;
        if (dot == std::string::npos || dot < device.size() ||
            std::from_chars(e.data() + dot + 1, e.data() + e.size(), n).ec != std::errc())
            continue;
        found.emplace_back(n, e);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& f : found)
        out.push_back(std::move(f.second));
    return out;
}

// A HID interface's report descriptor is in its HID device's folder, named bus:vendor:product.n
// ("0003:413C:2113.0001"); without usbhid bound there is none, and the boot protocol must do.
std::vector<protocol::HidUsage> hidApplicationsOf(const SysRoot& root, const std::string& itf, Inventory& into) {
    for (const auto& e : root.list(itf)) {
        if (e.size() < 19 || e[4] != ':' || e[9] != ':' || e[14] != '.') continue;
        const std::string path = itf + "/" + e + "/report_descriptor";
        const auto bytes = root.bytes(path);
        if (!bytes) continue;
        auto read = hidApplications(*bytes);
        if (!read.error.empty()) {
            into.errors.push_back({kCollector, path, read.error});
            return {};
        }
        return std::move(read.applications);
    }
    return {};
}

protocol::UsbPort portOf(const SysRoot& root, const std::string& dir, Inventory& into) {
    const auto t = root.text(dir + "/removable", kCollector, into, false);
    if (t == "fixed") return protocol::UsbPort::Fixed;
    if (t == "removable") return protocol::UsbPort::Removable;
    return protocol::UsbPort::Unknown;
}

int field(const SysRoot& root, const std::string& path, Inventory& into) {
    return static_cast<int>(hex(root, path, 0xFF, into).value_or(0));
}

} // namespace

void collectUsb(const SysRoot& root, Inventory& into) {
    const auto entries = root.list(kDevices);
    for (const auto& name : entries) {
        const std::string dir = kDevices + name;
        // Interfaces ("1-1:1.0") have no idVendor; they are read below for their device.
        if (name.find(':') != std::string::npos || !root.exists(dir + "/idVendor")) continue;
        // What could not be read of a device is said only if the device is sent: a visitor's
        // device leaves no trace, not even an error.
        Inventory read;
        UsbDevice d;
        protocol::UsbFacts facts;
        if (const auto v = hex(root, dir + "/idVendor", 0xFFFF, read)) {
            d.vendorId = hex4(*v);
            facts.vendor = static_cast<std::uint16_t>(*v);
        }
        if (const auto v = hex(root, dir + "/idProduct", 0xFFFF, read)) {
            d.productId = hex4(*v);
            facts.product = static_cast<std::uint16_t>(*v);
        }
        const auto cls = hex(root, dir + "/bDeviceClass", 0xFF, read);
        if (!cls) {
            into.errors.push_back({kCollector, dir + "/bDeviceClass", "cannot be read: the device is left out"});
            continue;
        }
        facts.usbClass = static_cast<int>(*cls);
        facts.subclass = field(root, dir + "/bDeviceSubClass", read);
        facts.protocol = field(root, dir + "/bDeviceProtocol", read);
        facts.port = portOf(root, dir, read);
        for (const auto& itf : interfacesOf(entries, name)) {
            const std::string idir = kDevices + itf;
            protocol::UsbInterfaceClass c;
            c.usbClass = field(root, idir + "/bInterfaceClass", read);
            c.subclass = field(root, idir + "/bInterfaceSubClass", read);
            c.protocol = field(root, idir + "/bInterfaceProtocol", read);
            if (c.usbClass == kClassHid) c.hidApplications = hidApplicationsOf(root, idir, read);
            facts.interfaces.push_back(std::move(c));
        }
        const auto kind = protocol::usbEquipmentKind(facts);
        if (!kind) continue;

        d.kind = std::string(protocol::usbKindName(*kind));
        // GLPI's class is the device's, or its first interface's when the device defers to them.
        const bool deferred = facts.usbClass == kClassPerInterface || facts.usbClass == kClassMiscellaneous;
        if (deferred && !facts.interfaces.empty()) {
            d.deviceClass = facts.interfaces.front().usbClass;
            d.subclass = facts.interfaces.front().subclass;
        } else if (!deferred) {
            d.deviceClass = facts.usbClass;
            d.subclass = facts.subclass;
        }
        d.manufacturer = root.text(dir + "/manufacturer", kCollector, read, false).value_or("");
        d.product = root.text(dir + "/product", kCollector, read, false).value_or("");
        d.serial = root.text(dir + "/serial", kCollector, read, false).value_or("");
        into.errors.insert(into.errors.end(), read.errors.begin(), read.errors.end());
        into.usb.push_back(std::move(d));
    }
}

} // namespace dps::agent::inventory
