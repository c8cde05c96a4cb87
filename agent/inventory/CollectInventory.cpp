#include "agent/inventory/CollectInventory.h"

#include "agent/inventory/MonitorCollector.h"
#include "agent/inventory/SystemCollectors.h"
#include "agent/inventory/UsbCollector.h"

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
