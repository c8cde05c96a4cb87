#pragma once
// The terminal's USB equipment (card readers, Braille displays, keyboards…), from the kernel's USB
// bus: /sys/bus/usb/devices/<device>/, its interfaces <device>:<config>.<n>/ and their HID report
// descriptors. A device outside the rule of dps/core/UsbEquipment.h (a visitor's USB stick,
// a phone charging) is left out entirely: no name, no serial, no count, no error.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectUsb(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
