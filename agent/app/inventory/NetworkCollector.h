#pragma once
// Network interfaces from /sys/class/net: name, MAC, kind and link state only.
#include "SysRoot.h"

namespace dps::agent::inventory {

void collectNetwork(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
