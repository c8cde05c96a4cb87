#include "agent/inventory/NetworkCollector.h"

#include "agent/inventory/TextFields.h"
#include "agent/inventory/UsbSysfs.h"

namespace dps::agent::inventory {

namespace {

constexpr const char* kNetworkCollector = "network";

// ARPHRD_* from <linux/if_arp.h>.
constexpr std::int64_t kArphrdEther = 1;
constexpr std::int64_t kArphrdLoopback = 772;
// How deep interfaces stack (a VLAN on a bridge on a bond…): the kernel's MAX_NEST_DEV.
constexpr int kMaxNesting = 8;

// Whether the interface at `path` (resolved: /sys/devices/…/net/<name>) sits on a USB device that
// is not the terminal's equipment, or is stacked on such an interface: net/core/dev.c links an
// upper device (bridge, VLAN, bond) to each of its lowers as lower_<name>, and it often takes a
// lower's address. What cannot be resolved or read there is a visitor's: when in doubt, out.
bool onVisitorsDevice(const SysRoot& root, const std::string& path, const std::vector<std::string>& usbEntries,
                      int depth) {
    if (onUsbBus(path)) {
        const auto device = usbDeviceOf(path);
        if (!device) return true;
        Inventory ignored; // a question, not a collection: the device itself is the USB collector's
        const auto read = readUsbFacts(root, usbEntries, *device, ignored);
        if (!read || !dps::usbEquipmentKind(read->facts)) return true;
    }
    for (const auto& entry : root.list(path)) {
        if (entry.rfind("lower_", 0) != 0) continue;
        if (depth >= kMaxNesting) return true;
        const auto lower = root.devicePath(path + "/" + entry);
        if (!lower || onVisitorsDevice(root, *lower, usbEntries, depth + 1)) return true;
    }
    return false;
}

} // namespace

// Only what identifies the hardware: no addresses, no SSIDs, nothing that says who uses it.
void collectNetwork(const SysRoot& root, Inventory& into) {
    const auto usbEntries = root.list(kUsbDevices);
    for (const auto& name : root.list("/sys/class/net")) {
        const std::string dir = "/sys/class/net/" + name;
        if (!root.exists(dir + "/type")) continue; // bonding_masters and other plain files
        // /sys/class/net/<name> links to where the kernel put the interface: under its USB
        // interface for a USB one (…/usb1/1-2/1-2:1.0/net/<name>).
        const auto path = root.devicePath(dir);
        if (path && onVisitorsDevice(root, *path, usbEntries, 0)) continue;
        NetworkInterface n;
        n.name = name;
        n.mac = text::trim(root.text(dir + "/address", kNetworkCollector, into).value_or(""));
        if (const auto type = root.number(dir + "/type", kNetworkCollector, into)) {
            // Wi-Fi says ARPHRD_ETHER too; only cfg80211's entries tell it apart.
            if (*type == kArphrdEther)
                n.type = root.exists(dir + "/wireless") || root.exists(dir + "/phy80211") ? "wifi" : "ethernet";
            else if (*type == kArphrdLoopback)
                n.type = "loopback";
            else
                n.type = "other";
        }
        n.up = text::trim(root.text(dir + "/operstate", kNetworkCollector, into).value_or("")) == "up";
        into.networks.push_back(n);
    }
}

} // namespace dps::agent::inventory
