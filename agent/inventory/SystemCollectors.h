#pragma once
// All the collectors that read sysfs, procfs and /etc: computer, cpus, memory, os, disks,
// filesystems, network interfaces, batteries.
#include "agent/inventory/FilesystemCollector.h"
#include "agent/inventory/SysRoot.h"

namespace dps::agent::inventory {

void collectSystem(const SysRoot& root, Inventory& into, const FsStat& stat = statvfsStat);

} // namespace dps::agent::inventory
