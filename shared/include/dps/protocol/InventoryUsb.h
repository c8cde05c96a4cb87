#pragma once
// What dps-server keeps of the devices in a dps-inventory/1 message (docs/protocol.md, issue 16):
// agents before the rule of UsbEquipment.h sent every USB device, every disk and every network
// interface, a visitor's USB stick, charging phone and phone sharing its connection included. The
// same rule, on what such a message says, takes them out.
#include <nlohmann/json.hpp>

#include <string_view>

namespace dps::protocol {

struct DroppedDevices {
    int usb = 0, disks = 0, filesystems = 0, networks = 0;
    [[nodiscard]] int total() const { return usb + disks + filesystems + networks; }
};

// Whether a network interface's name says it is on USB, as Debian 12 names interfaces
// (systemd.net-naming-scheme(7), udev 252): by its address, which Debian's
// /lib/systemd/network/73-usb-net-by-mac.link gives USB interfaces only ("enx3a5f2c8e1d47",
// "wlx…", "wwx…"); by its PCI path or slot and USB port chain ("enp0s20f0u2", "wwp0s29u1u4i6",
// "ens1u2"); or the kernel's own name for a USB link, usbnet's "usb<n>". An older agent's document
// gives nothing else that tells (no driver, no bus): a USB interface under another name ("eth1"
// with net.ifnames=0) cannot be told.
[[nodiscard]] bool isUsbInterfaceName(std::string_view name);

// Removes, in place:
// - from glpi.content.usbdevices and dps.usb_kinds, every device whose kind (dps.usb_kinds at the
//   same position, with the same vendor and product ids) is not one of UsbEquipment.h's; a device
//   without such a kind is removed too;
// - from glpi.content.storages and dps.disk_types, the removable disks (type "removable": USB
//   sticks, memory cards), and from glpi.content.drives the filesystems on them (their volumn is
//   the disk's /dev name or one of its partitions);
// - from glpi.content.networks, every interface whose name (description) is a USB one by
//   isUsbInterfaceName: the agent sends none since the rule, however it is named.
// Parts that are missing or not of the expected shape are left as they are.
DroppedDevices dropVisitorsDevices(nlohmann::json& glpi, nlohmann::json& dps);

} // namespace dps::protocol
