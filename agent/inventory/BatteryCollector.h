#pragma once
// Batteries from /sys/class/power_supply, capacities in mWh.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectBatteries(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
