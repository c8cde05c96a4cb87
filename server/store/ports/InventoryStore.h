#pragma once
// Where each terminal's latest inventory (dps-inventory/1, canonical JSON) is kept, with what
// appeared and disappeared from one to the next and the answers given under an Idempotency-Key
// (InventoryService). A new inventory is stored in one transaction through an InventoryWriter,
// so the service keeps the rules (whether it changed, what the answer says) and never sees the
// transaction itself.
#include "server/core/Terminal.h"
#include "server/store/ports/StoredAnswer.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

// A terminal's latest inventory as stored.
struct StoredInventory {
    std::string hash;     // SHA-256 hex of document
    std::string document; // canonical JSON
};

// An item that came or went (docs/server.md, Inventory).
struct InventoryChange {
    std::string change; // appeared, disappeared
    std::string kind, item;
};

// What one transaction of InventoryStore::inTransaction can read and write.
class InventoryWriter {
public:
    virtual ~InventoryWriter() = default;
    // The answer kept for this terminal's inventory under key, if any.
    [[nodiscard]] virtual std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, const std::string& key) = 0;
    // The hash of the terminal's latest inventory, if it has one.
    [[nodiscard]] virtual std::optional<std::string> latestHash(std::string_view terminalId) = 0;
    // In place of the terminal's latest inventory, if any; at: when it was received (ISO 8601 UTC).
    virtual void replaceLatest(std::string_view terminalId, std::string_view at, std::string_view hash,
                               std::string_view document) = 0;
    // Appended to the terminal's history, in this order.
    virtual void addChanges(std::string_view terminalId, std::string_view at,
                            const std::vector<InventoryChange>& changes) = 0;
    virtual void keepAnswer(const Terminal& terminal, const std::string& key, const StoredAnswer& answer,
                            std::string_view at) = 0;
};

class InventoryStore {
public:
    virtual ~InventoryStore() = default;
    [[nodiscard]] virtual std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, const std::string& key) = 0;
    [[nodiscard]] virtual std::optional<StoredInventory> latest(std::string_view terminalId) = 0;
    // Runs write in one transaction: committed when it returns true, rolled back when it returns
    // false or throws.
    virtual void inTransaction(const std::function<bool(InventoryWriter&)>& write) = 0;
    // Deletes the history of every terminal from before at (ISO 8601 UTC).
    virtual void purgeChangesBefore(std::string_view at) = 0;
};

} // namespace dps::server
