#include "server/store/SqliteInventoryStore.h"

#include "dps/storage/Transaction.h"
#include "server/store/IdempotentAnswers.h"

namespace dps::server {
namespace {

constexpr std::string_view kRoute = "inventory";

class SqliteInventoryWriter : public InventoryWriter {
public:
    explicit SqliteInventoryWriter(storage::Database& d) : d_(d) {}

    std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, const std::string& key) override {
        return storedAnswer(d_, terminal, kRoute, key);
    }

    std::optional<std::string> latestHash(std::string_view terminalId) override {
        auto stored = d_.prepare("SELECT hash FROM inventories WHERE terminal_id = ?1");
        stored.bind(1, terminalId);
        return stored.step() ? std::optional(stored.text(0)) : std::nullopt;
    }

    void replaceLatest(std::string_view terminalId, std::string_view at, std::string_view hash,
                       std::string_view document) override {
        d_.prepare(R"sql(
INSERT INTO inventories (terminal_id, received_at, hash, document) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, hash = excluded.hash,
  document = excluded.document)sql")
            .bind(1, terminalId)
            .bind(2, at)
            .bind(3, hash)
            .bind(4, document)
            .run();
    }

    void addChanges(std::string_view terminalId, std::string_view at,
                    const std::vector<InventoryChange>& changes) override {
        auto insert = d_.prepare("INSERT INTO inventory_changes (terminal_id, at, change, kind, item) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)");
        for (const auto& c : changes) {
            insert.reset();
            insert.bind(1, terminalId)
                .bind(2, at)
                .bind(3, std::string_view(c.change))
                .bind(4, std::string_view(c.kind))
                .bind(5, std::string_view(c.item))
                .run();
        }
    }

    void keepAnswer(const Terminal& terminal, const std::string& key, const StoredAnswer& answer,
                    std::string_view at) override {
        server::keepAnswer(d_, terminal, kRoute, key, answer, std::string(at));
    }

private:
    storage::Database& d_;
};

} // namespace

std::optional<StoredAnswer> SqliteInventoryStore::keptAnswer(const Terminal& terminal, const std::string& key) {
    return db_.with([&](storage::Database& d) { return storedAnswer(d, terminal, kRoute, key); });
}

std::optional<StoredInventory> SqliteInventoryStore::latest(std::string_view terminalId) {
    return db_.with([&](storage::Database& d) -> std::optional<StoredInventory> {
        auto q = d.prepare("SELECT hash, document FROM inventories WHERE terminal_id = ?1");
        q.bind(1, terminalId);
        if (!q.step()) return std::nullopt;
        return StoredInventory{q.text(0), q.text(1)};
    });
}

void SqliteInventoryStore::inTransaction(const std::function<bool(InventoryWriter&)>& write) {
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        SqliteInventoryWriter writer(d);
        if (!write(writer)) return;
        tx.commit();
    });
}

void SqliteInventoryStore::purgeChangesBefore(std::string_view at) {
    db_.with([&](storage::Database& d) { d.prepare("DELETE FROM inventory_changes WHERE at < ?1").bind(1, at).run(); });
}

} // namespace dps::server
