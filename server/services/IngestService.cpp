#include "server/services/IngestService.h"

#include "dps/core/Timestamp.h"
#include "dps/protocol/UsageJson.h"
#include "dps/storage/Transaction.h"
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
        auto replay = db_.with([&](storage::Database& d) { return storedAnswer(d, terminal, kRoute, *key); });
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

    return db_.with([&](storage::Database& d) -> Result<StoredAnswer> {
        storage::Transaction tx(d);
        // Again inside the transaction: the same batch may have arrived twice at once.
        if (key)
            if (auto replay = storedAnswer(d, terminal, kRoute, *key)) return *replay;
        auto current = d.prepare("SELECT rev, dps_id, counters FROM usage_days WHERE terminal_id = ?1 AND date = ?2");
        auto upsert = d.prepare(R"sql(
INSERT INTO usage_days (terminal_id, date, rev, final, dps_id, counters, received_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (terminal_id, date) DO UPDATE SET rev = excluded.rev, final = excluded.final, dps_id = excluded.dps_id,
  counters = excluded.counters, received_at = excluded.received_at)sql");
        // usage_months holds the sum of the stored days: a day replaced by a newer rev takes its
        // old counters out before its new ones go in, in this same transaction.
        UsageMonthsDelta months;
        int applied = 0, ignored = 0;
        // In order, each against what the batch itself may have stored just before (a batch can
        // carry the same day twice).
        for (const auto& record : batch.records) {
            current.reset();
            current.bind(1, std::string_view(terminal.id)).bind(2, std::string_view(record.day.date));
            const bool found = current.step();
            const auto stored = found ? std::optional(current.integer(0)) : std::nullopt;
            if (recordFate(stored, record.rev) == RecordFate::Ignore) {
                ++ignored;
                continue;
            }
            if (found) months.add(current.integer(1), record.day.date, current.text(2), -1);
            const std::string counters = protocol::countersJson(record.day);
            months.add(terminal.dpsId, record.day.date, counters, +1);
            upsert.reset();
            upsert.bind(1, std::string_view(terminal.id))
                .bind(2, std::string_view(record.day.date))
                .bind(3, record.rev)
                .bind(4, std::int64_t{record.final ? 1 : 0})
                .bind(5, terminal.dpsId)
                .bind(6, std::string_view(counters))
                .bind(7, std::string_view(now))
                .run();
            ++applied;
        }
        months.apply(d);
        StoredAnswer answer{200, fmt::format(R"({{"applied":{},"ignored":{}}})", applied, ignored), false};
        if (key) {
            keepAnswer(d, terminal, kRoute, *key, answer, now);
        }
        d.prepare("UPDATE terminals SET last_usage_at = ?2 WHERE id = ?1")
            .bind(1, std::string_view(terminal.id))
            .bind(2, std::string_view(now))
            .run();
        tx.commit();
        db_.usageStamps().changed(months.months());
        return answer;
    });
}

} // namespace dps::server
