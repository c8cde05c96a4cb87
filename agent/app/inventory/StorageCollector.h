#pragma once
// Disks from /sys/block, without loop, ram, zram and device-mapper devices.
#include "SysRoot.h"

namespace dps::agent::inventory {

void collectStorage(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
