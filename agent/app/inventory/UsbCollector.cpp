#include "UsbCollector.h"

#include "core/inventory/UsbKind.h"

#include <charconv>
#include <cstdio>
#include <limits>

namespace dps::agent::inventory {

namespace {

constexpr const char* kCollector = "usb";
constexpr const char* kDevices = "/sys/bus/usb/devices/";
// The device class by which a device says "see my interfaces"; 0xEF/02/01 (miscellaneous, with
// interface association descriptors) is what webcams and other composite devices say instead.
constexpr int kClassPerInterface = 0x00, kClassMiscellaneous = 0xEF;

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

// The device's first interface in its active configuration: "1-1.2" has "1-1.2:1.0", "1-1.2:1.1"…
std::optional<std::string> firstInterface(const std::vector<std::string>& entries, const std::string& device) {
    std::optional<std::string> first;
    int lowest = std::numeric_limits<int>::max();
    for (const auto& e : entries) {
        if (e.size() <= device.size() + 1 || e.compare(0, device.size(), device) != 0 || e[device.size()] != ':')
            continue;
        const auto dot = e.rfind('.');
        int n = 0;
        if (dot == std::string::npos || dot < device.size() ||
            std::from_chars(e.data() + dot + 1, e.data() + e.size(), n).ec != std::errc())
            continue;
        if (n < lowest) {
            lowest = n;
            first = e;
        }
    }
    return first;
}

} // namespace

void collectUsb(const SysRoot& root, Inventory& into) {
    const auto entries = root.list(kDevices);
    for (const auto& name : entries) {
        const std::string dir = kDevices + name;
        // Interfaces ("1-1:1.0") have no idVendor; they are read below for their device.
        if (name.find(':') != std::string::npos || !root.exists(dir + "/idVendor")) continue;
        UsbDevice d;
        UsbIdentity id;
        if (const auto v = hex(root, dir + "/idVendor", 0xFFFF, into)) {
            d.vendorId = hex4(*v);
            id.vendor = static_cast<std::uint16_t>(*v);
        }
        if (const auto v = hex(root, dir + "/idProduct", 0xFFFF, into)) {
            d.productId = hex4(*v);
            id.product = static_cast<std::uint16_t>(*v);
        }
        d.manufacturer = root.text(dir + "/manufacturer", kCollector, into, false).value_or("");
        d.product = root.text(dir + "/product", kCollector, into, false).value_or("");
        d.serial = root.text(dir + "/serial", kCollector, into, false).value_or("");
        const auto cls = hex(root, dir + "/bDeviceClass", 0xFF, into);
        if (cls && *cls != kClassPerInterface && *cls != kClassMiscellaneous) {
            id.usbClass = static_cast<int>(*cls);
            id.subclass = static_cast<int>(hex(root, dir + "/bDeviceSubClass", 0xFF, into).value_or(0));
            id.protocol = static_cast<int>(hex(root, dir + "/bDeviceProtocol", 0xFF, into).value_or(0));
        } else if (cls) {
            if (const auto itf = firstInterface(entries, name)) {
                const std::string idir = kDevices + *itf;
                id.usbClass = static_cast<int>(hex(root, idir + "/bInterfaceClass", 0xFF, into).value_or(0));
                id.subclass = static_cast<int>(hex(root, idir + "/bInterfaceSubClass", 0xFF, into).value_or(0));
                id.protocol = static_cast<int>(hex(root, idir + "/bInterfaceProtocol", 0xFF, into).value_or(0));
            } else {
                // Unconfigured (no driver chose a configuration yet): the device says only what it is.
                id.usbClass = static_cast<int>(*cls);
            }
        }
        d.deviceClass = id.usbClass;
        d.subclass = id.subclass;
        d.kind = usbKind(id);
        into.usb.push_back(std::move(d));
    }
}

} // namespace dps::agent::inventory
