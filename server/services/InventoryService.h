#pragma once
// POST /api/v1/inventory: a terminal's equipment (dps-inventory/1, docs/inventory.md). The latest
// document per terminal is kept; each new one is compared with it, item by item, and what
// appeared or disappeared (a USB device, a monitor, a card reader, the computer itself…) is
// written to inventory_changes, so that staff can see a reader or a laptop went missing.
//
// What one terminal can make the server write is bounded (issue 17: two inventories sent in turn
// wrote 28,000 rows a request, 1.5 GB a minute): an inventory lists at most kChangesListed changes
// one by one and sums up the rest in a row per direction (kind "more"); each terminal's writes
// are counted in bytes against limits.inventory_bytes_per_day (429 beyond); the history is kept
// inventory.history_days.
#include "dps/core/Clock.h"
#include "server/core/RateLimiter.h"
#include "server/services/ApiError.h"
#include "server/services/IngestService.h"
#include "server/services/TerminalAuth.h"
#include "server/store/InventoryItems.h"
#include "server/store/ports/InventoryStore.h"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dps::server {

// Changes written one by one per inventory; a computer replaced with all its equipment is far
// fewer (its own, a dozen USB devices, two screens, a disk, its interfaces).
inline constexpr std::size_t kChangesListed = 100;

struct InventoryLimits {
    std::int64_t bytesPerDay = 8 << 20; // a terminal's writes, refilled evenly over a day
    std::int64_t burstBytes = 8 << 20;  // at once (at least one largest body)
    std::int64_t historyDays = 730;     // inventory_changes older than this are deleted
};

class InventoryService {
public:
    // Deletes the history older than limits.historyDays at once (the server's start).
    InventoryService(InventoryStore& store, const Clock& clock, const InventoryLimits& limits = {});

    // key: the Idempotency-Key header, when sent (its first answer is given again, unparsed).
    // The answer is {"stored": true|false, "changes": n}, n every change (listed or summed up).
    [[nodiscard]] Result<StoredAnswer> receive(const Terminal& terminal, std::string_view body,
                                               const std::optional<std::string>& key);

private:
    void purgeHistory();
    void purgeHistoryHourly();

    InventoryStore& store_;
    const Clock& clock_;
    InventoryLimits limits_;
    RateLimiter bytes_;
    std::mutex purgeMutex_;
    SteadyTime lastPurge_{};
};

} // namespace dps::server
