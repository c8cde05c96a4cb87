#pragma once
// What the command line lists for staff (dps-server usage, inventory list, inventory changes):
// rows read as they are, newest or by DPS first, for the commands to format.
#include <cstdint>
#include <string>
#include <vector>

namespace dps::server {

// One terminal's day as received.
struct UsageListingRow {
    std::string date, terminalId;
    std::int64_t visits = 0, minutes = 0, rev = 0;
    bool final = false;
    std::string receivedAt, dpsName;
};

// A terminal's latest inventory and how many of the devices staff look after it lists (USB
// devices without the kernel's root hubs).
struct LatestInventoryRow {
    std::string terminalId, receivedAt;
    std::string computer; // maker and model, empty when the inventory does not say
    std::int64_t usb = 0, monitors = 0, readers = 0, printers = 0;
    std::int64_t dpsId = 0;
    std::string dpsName;
};

// Something that appeared or disappeared from a terminal's equipment.
struct InventoryChangeRow {
    std::string at, terminalId;
    std::int64_t dpsId = 0;
    std::string change, kind, item;
};

class ListingStore {
public:
    virtual ~ListingStore() = default;
    // The days of the last `days` days (from today, UTC), newest first, then by terminal.
    [[nodiscard]] virtual std::vector<UsageListingRow> usageDays(int days) = 0;
    // Each terminal's latest inventory, by DPS name then terminal.
    [[nodiscard]] virtual std::vector<LatestInventoryRow> latestInventories() = 0;
    // The changes of the last `days` days, of one terminal (all when terminalId is empty), newest first.
    [[nodiscard]] virtual std::vector<InventoryChangeRow> inventoryChanges(const std::string& terminalId, int days) = 0;
};

} // namespace dps::server
