#pragma once
// Processors from /proc/cpuinfo, one Cpu per physical package.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectCpu(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
