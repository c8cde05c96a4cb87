#pragma once
// The computer itself from DMI (/sys/class/dmi/id) and its host name.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectDmi(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
