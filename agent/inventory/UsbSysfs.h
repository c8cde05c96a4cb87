#pragma once
// What sysfs says of USB devices, for every collector that must apply the rule of
// dps/core/UsbEquipment.h: the USB collector to the devices themselves, the storage and network
// collectors to the disks and network interfaces a device brings (issue 16, docs/inventory.md).
#include "agent/inventory/SysRoot.h"
#include "dps/core/UsbEquipment.h"

#include <optional>
#include <string>
#include <vector>

namespace dps::agent::inventory {

// The kernel's USB devices: /sys/bus/usb/devices/, whose entries are devices ("1-2", "1-2.4") and
// their interfaces ("1-2:1.0").
inline constexpr const char* kUsbDevices = "/sys/bus/usb/devices/";
// The collector named in the errors of both the USB collector and what it reads through this file.
inline constexpr const char* kUsbCollector = "usb";

struct UsbDeviceRead {
    dps::UsbFacts facts;
    bool vendorRead = false, productRead = false; // idVendor, idProduct were there and well formed
};

// What the rule needs of device `name` (an entry of kUsbDevices): ids, classes, every interface of
// its active configuration with the HID report descriptors' applications, and its port. nullopt
// when its class cannot be read. What else could not be read is added to `read`'s errors, for the
// caller to report only when the device is sent. `entries` is the listing of kUsbDevices.
std::optional<UsbDeviceRead> readUsbFacts(const SysRoot& root, const std::vector<std::string>& entries,
                                          const std::string& name, Inventory& read);

// Whether a resolved sysfs path is on a USB bus: it goes through a host controller's root hub,
// "usbN" ("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-5/…").
[[nodiscard]] bool onUsbBus(const std::string& devicePath);

// The USB device a resolved sysfs path sits on: the device whose interface the path goes through
// ("…/usb1/1-2/1-2.4/1-2.4:1.0/net/usb0" → "1-2.4"), or, without an interface, the last device in
// the path. nullopt when the path is on no USB bus or names no device there.
std::optional<std::string> usbDeviceOf(const std::string& devicePath);

} // namespace dps::agent::inventory
