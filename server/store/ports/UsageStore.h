#pragma once
// Where the terminals' usage days are kept, with their sums per DPS and month and the answers
// given under an Idempotency-Key (IngestService). A batch is applied in one transaction through
// a UsageBatchWriter, so the service keeps the rules (which record wins, what a month sums) and
// never sees the transaction itself.
#include "server/core/Terminal.h"
#include "server/store/ports/StoredAnswer.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

// A day as stored: what a newer record replaces.
struct StoredDay {
    std::int64_t rev = 0;
    std::int64_t dpsId = 0;
    std::string counters; // canonical JSON
};

struct UsageDayRow {
    std::string date; // YYYY-MM-DD
    std::int64_t rev = 0;
    bool final = false;
    std::int64_t dpsId = 0;
    std::string counters; // canonical JSON
    std::string receivedAt;
};

// What to add to one metric's sum for one DPS and month (negative: a replaced day taken out).
struct UsageMonthDelta {
    std::int64_t dpsId = 0;
    std::string month; // YYYY-MM
    std::string metric;
    std::int64_t delta = 0;
};

// What one transaction of UsageStore::inTransaction can read and write.
class UsageBatchWriter {
public:
    virtual ~UsageBatchWriter() = default;
    // route: "usage", "inventory"; an answer is kept per terminal, route and key.
    [[nodiscard]] virtual std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, std::string_view route,
                                                                 const std::string& key) = 0;
    [[nodiscard]] virtual std::optional<StoredDay> storedDay(std::string_view terminalId, std::string_view date) = 0;
    // In place of the stored day of that date, if any.
    virtual void saveDay(std::string_view terminalId, const UsageDayRow& day) = 0;
    virtual void addToMonths(const std::vector<UsageMonthDelta>& deltas) = 0;
    virtual void keepAnswer(const Terminal& terminal, std::string_view route, const std::string& key,
                            const StoredAnswer& answer, std::string_view at) = 0;
    // When the terminal's usage last arrived (terminal list).
    virtual void usageReceived(std::string_view terminalId, std::string_view at) = 0;
};

class UsageStore {
public:
    virtual ~UsageStore() = default;
    [[nodiscard]] virtual std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, std::string_view route,
                                                                 const std::string& key) = 0;
    // Runs write in one transaction: committed when it returns true, rolled back when it returns
    // false or throws.
    virtual void inTransaction(const std::function<bool(UsageBatchWriter&)>& write) = 0;
    // Deletes the answers kept longer than age (every route's).
    virtual void forgetAnswersOlderThan(std::chrono::days age) = 0;
};

} // namespace dps::server
