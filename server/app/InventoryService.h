#pragma once
// POST /api/v1/inventory: a terminal's equipment (dps-inventory/1, docs/inventory.md). The latest
// document per terminal is kept; each new one is compared with it, item by item, and what
// appeared or disappeared (a USB device, a monitor, a card reader, the computer itself…) is
// written to inventory_changes, so that staff can see a reader or a laptop went missing.
#include "ApiError.h"
#include "IngestService.h"
#include "ServerDb.h"
#include "TerminalAuth.h"
#include "dps/core/Clock.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dps::server {

// (kind, item) → how many of them: two identical keyboards without a serial are two.
using InventoryItems = std::map<std::pair<std::string, std::string>, int>;

// The items of a message whose coming and going is tracked: usb, monitor, storage, printer,
// card_reader, battery, network and computer (see docs/server.md, Inventory).
[[nodiscard]] InventoryItems inventoryItems(const nlohmann::json& glpi, const nlohmann::json& dps);

class InventoryService {
public:
    InventoryService(ServerDb& db, const Clock& clock) : db_(db), clock_(clock) {}

    // key: the Idempotency-Key header, when sent (its first answer is given again, unparsed).
    // The answer is {"stored": true|false, "changes": n}.
    [[nodiscard]] Result<StoredAnswer> receive(const Terminal& terminal, std::string_view body,
                                               const std::optional<std::string>& key);

private:
    ServerDb& db_;
    const Clock& clock_;
};

} // namespace dps::server
