#include "server/services/IngestService.h"

#include "dps/core/Timestamp.h"
#include "dps/protocol/UsageJson.h"
#include "server/core/BrusselsTime.h"
#include "server/core/RecordFate.h"
#include "server/services/UsageMonths.h"

#include <fmt/core.h>

namespace dps::server {

bool isIdempotencyKey(std::string_view key) {
    if (key.empty() || key.size() > 128) return false;
    for (const char c : key)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

namespace {

constexpr std::string_view kRoute = "usage";

} // namespace

Result<StoredAnswer> IngestService::ingest(const Terminal& terminal, std::string_view body,
                                           const std::optional<std::string>& key) {
    if (key) {
        // Checked before the parse: a retry costs one lookup, not a batch's worth of JSON.
        auto replay = store_.keptAnswer(terminal, kRoute, *key);
        if (replay) return *replay;
    }
    const auto parsed = protocol::parseUsageBatch(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    const auto& batch = std::get<protocol::UsageBatch>(parsed);
    const std::string now = toIsoUtc(clock_.wall());
    // A day after the terminal's tomorrow has not happened yet: a wrong clock or a forged record.
    // The agent sets that one record aside (its path says which) and sends the others again.
    const std::string latest = latestUsageDay(clock_.wall());
    for (std::size_t i = 0; i < batch.records.size(); ++i)
        if (batch.records[i].day.date > latest)
            return ApiError{422,
                            "schema_violation",
                            "is later than the terminal's tomorrow (" + latest +
                                " in Brussels): check the terminal's clock",
                            "/records/" + std::to_string(i) + "/date",
                            {}};

    StoredAnswer out;
    store_.inTransaction([&](UsageBatchWriter& w) {
        // Again inside the transaction: the same batch may have arrived twice at once.
        if (key)
            if (auto replay = w.keptAnswer(terminal, kRoute, *key)) {
                out = *replay;
                return false;
            }
        // usage_months holds the sum of the stored days: a day replaced by a newer rev takes its
        // old counters out before its new ones go in, in this same transaction.
        UsageMonthsDelta months;
        int applied = 0, ignored = 0;
        // In order, each against what the batch itself may have stored just before (a batch can
        // carry the same day twice).
        for (const auto& record : batch.records) {
            const auto stored = w.storedDay(terminal.id, record.day.date);
            if (recordFate(stored ? std::optional(stored->rev) : std::nullopt, record.rev) == RecordFate::Ignore) {
                ++ignored;
                continue;
            }
            if (stored) months.add(stored->dpsId, record.day.date, stored->counters, -1);
            const std::string counters = protocol::countersJson(record.day);
            months.add(terminal.dpsId, record.day.date, counters, +1);
            w.saveDay(terminal.id, {record.day.date, record.rev, record.final, terminal.dpsId, counters, now});
            ++applied;
        }
        w.addToMonths(months.deltas());
        StoredAnswer answer{200, fmt::format(R"({{"applied":{},"ignored":{}}})", applied, ignored), false};
        if (key) {
            w.keepAnswer(terminal, kRoute, *key, answer, now);
        }
        w.usageReceived(terminal.id, now);
        out = answer;
        return true;
    });
    return out;
}

} // namespace dps::server
