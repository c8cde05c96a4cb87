#pragma once
// InventoryStore on server.db's inventories, inventory_changes and idempotent_answers tables (the
// answers under the route "inventory", server/store/IdempotentAnswers).
#include "server/store/ServerDb.h"
#include "server/store/ports/InventoryStore.h"

namespace dps::server {

class SqliteInventoryStore : public InventoryStore {
public:
    explicit SqliteInventoryStore(ServerDb& db) : db_(db) {}
    std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, const std::string& key) override;
    std::optional<StoredInventory> latest(std::string_view terminalId) override;
    void inTransaction(const std::function<bool(InventoryWriter&)>& write) override;
    void purgeChangesBefore(std::string_view at) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
