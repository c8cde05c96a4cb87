#pragma once
// Network interfaces from /sys/class/net: name, MAC, kind and link state only. An interface on a USB
// device that is not the terminal's equipment by the rule of dps/core/UsbEquipment.h (a phone
// sharing its connection, a USB Ethernet or Wi-Fi dongle, a dock's Ethernet chip), or stacked on
// one (a bridge, a VLAN), is left out entirely: its address is its owner's device's (issue 16,
// docs/inventory.md).
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectNetwork(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
