#pragma once
// What dps-server keeps of the devices in a dps-inventory/1 message (docs/protocol.md, issue 16):
// agents before the rule of UsbEquipment.h sent every USB device and every disk, a visitor's USB
// stick and charging phone included. The same rule, on what such a message says, takes them out.
#include <nlohmann/json.hpp>

namespace dps::protocol {

struct DroppedDevices {
    int usb = 0, disks = 0, filesystems = 0;
    [[nodiscard]] int total() const { return usb + disks + filesystems; }
};

// Removes, in place:
// - from glpi.content.usbdevices and dps.usb_kinds, every device whose kind (dps.usb_kinds at the
//   same position, with the same vendor and product ids) is not one of UsbEquipment.h's; a device
//   without such a kind is removed too;
// - from glpi.content.storages and dps.disk_types, the removable disks (type "removable": USB
//   sticks, memory cards), and from glpi.content.drives the filesystems on them (their volumn is
//   the disk's /dev name or one of its partitions).
// Parts that are missing or not of the expected shape are left as they are.
DroppedDevices dropVisitorsDevices(nlohmann::json& glpi, nlohmann::json& dps);

} // namespace dps::protocol
