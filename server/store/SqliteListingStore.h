#pragma once
// ListingStore on server.db (usage_days, inventories, inventory_changes), on the shared connection:
// the lists are of a region's terminals, small next to an export.
#include "server/store/ServerDb.h"
#include "server/store/ports/ListingStore.h"

namespace dps::server {

class SqliteListingStore : public ListingStore {
public:
    explicit SqliteListingStore(ServerDb& db) : db_(db) {}
    std::vector<UsageListingRow> usageDays(int days) override;
    std::vector<LatestInventoryRow> latestInventories() override;
    std::vector<InventoryChangeRow> inventoryChanges(const std::string& terminalId, int days) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
