#include "agent/inventory/UsbSysfs.h"

#include "agent/core/inventory/HidReport.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

namespace dps::agent::inventory {

namespace {

constexpr int kClassHid = 0x03;

// sysfs writes the descriptors' fields in hexadecimal without a prefix ("046d", "0e").
std::optional<unsigned> hex(const SysRoot& root, const std::string& path, unsigned max, Inventory& into) {
    const auto t = root.text(path, kUsbCollector, into);
    if (!t) return std::nullopt;
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), v, 16);
    if (t->empty() || ec != std::errc() || end != t->data() + t->size()) {
        into.errors.push_back({kUsbCollector, path, "is not a hexadecimal number: '" + t->substr(0, 40) + "'"});
        return std::nullopt;
    }
    if (v > max) {
        into.errors.push_back({kUsbCollector, path, "is too large for its field: '" + t->substr(0, 40) + "'"});
        return std::nullopt;
    }
    return v;
}

int field(const SysRoot& root, const std::string& path, Inventory& into) {
    return static_cast<int>(hex(root, path, 0xFF, into).value_or(0));
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
std::vector<dps::HidUsage> hidApplicationsOf(const SysRoot& root, const std::string& itf, Inventory& into) {
    for (const auto& e : root.list(itf)) {
        if (e.size() < 19 || e[4] != ':' || e[9] != ':' || e[14] != '.') continue;
        const std::string path = itf + "/" + e + "/report_descriptor";
        const auto bytes = root.bytes(path);
        if (!bytes) continue;
        auto read = hidApplications(*bytes);
        if (!read.error.empty()) {
            into.errors.push_back({kUsbCollector, path, read.error});
            return {};
        }
        return std::move(read.applications);
    }
    return {};
}

dps::UsbPort portOf(const SysRoot& root, const std::string& dir, Inventory& into) {
    const auto t = root.text(dir + "/removable", kUsbCollector, into, false);
    if (t == "fixed") return dps::UsbPort::Fixed;
    if (t == "removable") return dps::UsbPort::Removable;
    return dps::UsbPort::Unknown;
}

std::vector<std::string_view> components(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const auto slash = path.find('/');
        if (slash != 0) out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool isRootHub(std::string_view c) {
    return c.size() > 3 && c.compare(0, 3, "usb") == 0 &&
           std::all_of(c.begin() + 3, c.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

// A device below a root hub is named bus-port[.port…] (drivers/usb/core/hub.c: "1-2", "1-2.4").
bool isUsbDeviceName(std::string_view c) {
    const auto dash = c.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash + 1 == c.size()) return false;
    return std::all_of(c.begin(), c.end(),
                       [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.'; });
}

// The root hub "usbN" in a path, followed by one of its devices or by its own interface ("1-0:1.0"):
// a network interface that merely bears such a name (a USB gadget's "usb0" on the terminal's own
// port) is none.
std::vector<std::string_view>::const_iterator rootHubOf(const std::vector<std::string_view>& parts) {
    for (auto it = parts.begin(); it != parts.end() && it + 1 != parts.end(); ++it) {
        const std::string_view next = *(it + 1);
        if (isRootHub(*it) && isUsbDeviceName(next.substr(0, next.find(':')))) return it;
    }
    return parts.end();
}

} // namespace

std::optional<UsbDeviceRead> readUsbFacts(const SysRoot& root, const std::vector<std::string>& entries,
                                          const std::string& name, Inventory& read) {
    const std::string dir = kUsbDevices + name;
    UsbDeviceRead device;
    dps::UsbFacts& facts = device.facts;
    if (const auto v = hex(root, dir + "/idVendor", 0xFFFF, read)) {
        facts.vendor = static_cast<std::uint16_t>(*v);
        device.vendorRead = true;
    }
    if (const auto v = hex(root, dir + "/idProduct", 0xFFFF, read)) {
        facts.product = static_cast<std::uint16_t>(*v);
        device.productRead = true;
    }
    const auto cls = hex(root, dir + "/bDeviceClass", 0xFF, read);
    if (!cls) return std::nullopt;
    facts.usbClass = static_cast<int>(*cls);
    facts.subclass = field(root, dir + "/bDeviceSubClass", read);
    facts.protocol = field(root, dir + "/bDeviceProtocol", read);
    facts.port = portOf(root, dir, read);
    for (const auto& itf : interfacesOf(entries, name)) {
        const std::string idir = kUsbDevices + itf;
        dps::UsbInterfaceClass c;
        c.usbClass = field(root, idir + "/bInterfaceClass", read);
        c.subclass = field(root, idir + "/bInterfaceSubClass", read);
        c.protocol = field(root, idir + "/bInterfaceProtocol", read);
        if (c.usbClass == kClassHid) c.hidApplications = hidApplicationsOf(root, idir, read);
        facts.interfaces.push_back(std::move(c));
    }
    return device;
}

bool onUsbBus(const std::string& devicePath) {
    const auto parts = components(devicePath);
    return rootHubOf(parts) != parts.end();
}

std::optional<std::string> usbDeviceOf(const std::string& devicePath) {
    const auto parts = components(devicePath);
    const auto hub = rootHubOf(parts);
    if (hub == parts.end()) return std::nullopt;
    std::optional<std::string> device;
    for (auto it = hub + 1; it != parts.end(); ++it) {
        // An interface, "<device>:<configuration>.<number>": the device it belongs to.
        const auto colon = it->find(':');
        if (colon != std::string_view::npos) {
            if (isUsbDeviceName(it->substr(0, colon))) return std::string(it->substr(0, colon));
            break;
        }
        if (!isUsbDeviceName(*it)) break;
        device = std::string(*it);
    }
    return device;
}

} // namespace dps::agent::inventory
