#pragma once
// The displays a terminal has connected, from the kernel's DRM connectors and the EDID each
// display gave the graphics card: /sys/class/drm/card<N>-<connector>/{status,edid}.
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectMonitors(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
