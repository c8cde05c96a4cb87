#pragma once
// Installed memory: MemTotal from /proc/meminfo.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectMemory(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
