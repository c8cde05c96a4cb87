#include "SystemCollectors.h"

#include "BatteryCollector.h"
#include "CpuCollector.h"
#include "DmiCollector.h"
#include "MemoryCollector.h"
#include "NetworkCollector.h"
#include "OsCollector.h"
#include "StorageCollector.h"

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
