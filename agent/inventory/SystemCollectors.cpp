#include "agent/inventory/SystemCollectors.h"

#include "agent/inventory/BatteryCollector.h"
#include "agent/inventory/CpuCollector.h"
#include "agent/inventory/DmiCollector.h"
#include "agent/inventory/MemoryCollector.h"
#include "agent/inventory/NetworkCollector.h"
#include "agent/inventory/OsCollector.h"
#include "agent/inventory/StorageCollector.h"

namespace dps::agent::inventory {

void collectSystem(const SysRoot& root, Inventory& into, const FsStat& stat) {
    collectDmi(root, into);
    collectCpu(root, into);
    collectMemory(root, into);
    collectOs(root, into);
    collectStorage(root, into);
    collectFilesystems(root, into, stat);
    collectNetwork(root, into);
    collectBatteries(root, into);
}

} // namespace dps::agent::inventory
