#include "CollectInventory.h"

#include "MonitorCollector.h"
#include "SystemCollectors.h"
#include "UsbCollector.h"

namespace dps::agent::inventory {

Inventory collectInventory(const InventorySources& sources) {
    Inventory inv;
    const SysRoot root(sources.root, sources.credentials);
    collectSystem(root, inv);
    collectMonitors(root, inv);
    collectUsb(root, inv);
    if (sources.cardReaders) inv.cardReaders = sources.cardReaders();
    if (sources.printers) inv.printers = sources.printers(inv.errors);
    return inv;
}

} // namespace dps::agent::inventory
