#pragma once
// The operating system: os-release, the kernel release, the uptime.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectOs(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
