#pragma once
// The USB devices plugged into a terminal (card readers, Braille displays, keyboards…), from the
// kernel's USB bus: /sys/bus/usb/devices/<device>/ and its interfaces <device>:<config>.<n>/.
#include "SysRoot.h"

namespace dps::agent::inventory {

void collectUsb(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
