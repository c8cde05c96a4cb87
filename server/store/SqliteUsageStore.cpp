#include "server/store/SqliteUsageStore.h"

#include "dps/storage/Transaction.h"
#include "server/store/IdempotentAnswers.h"

#include <fmt/core.h>

#include <set>

namespace dps::server {
namespace {

// One transaction's statements, each prepared on first use and reset for every day after it: a
// batch of a few hundred days compiles each once.
class SqliteBatchWriter : public UsageBatchWriter {
public:
    explicit SqliteBatchWriter(storage::Database& d) : d_(d) {}

    std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, std::string_view route,
                                           const std::string& key) override {
        return storedAnswer(d_, terminal, route, key);
    }

    std::optional<StoredDay> storedDay(std::string_view terminalId, std::string_view date) override {
        if (!current_)
            current_.emplace(
                d_.prepare("SELECT rev, dps_id, counters FROM usage_days WHERE terminal_id = ?1 AND date = ?2"));
        current_->reset();
        current_->bind(1, terminalId).bind(2, date);
        if (!current_->step()) return std::nullopt;
        return StoredDay{current_->integer(0), current_->integer(1), current_->text(2)};
    }

    void saveDay(std::string_view terminalId, const UsageDayRow& day) override {
        if (!upsert_)
            upsert_.emplace(d_.prepare(R"sql(
INSERT INTO usage_days (terminal_id, date, rev, final, dps_id, counters, received_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (terminal_id, date) DO UPDATE SET rev = excluded.rev, final = excluded.final, dps_id = excluded.dps_id,
  counters = excluded.counters, received_at = excluded.received_at)sql"));
        upsert_->reset();
        upsert_->bind(1, terminalId)
            .bind(2, std::string_view(day.date))
            .bind(3, day.rev)
            .bind(4, std::int64_t{day.final ? 1 : 0})
            .bind(5, day.dpsId)
            .bind(6, std::string_view(day.counters))
            .bind(7, std::string_view(day.receivedAt))
            .run();
    }

    void addToMonths(const std::vector<UsageMonthDelta>& deltas) override {
        auto upsert = d_.prepare(R"sql(
INSERT INTO usage_months (dps_id, month, metric, value) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (dps_id, month, metric) DO UPDATE SET value = value + excluded.value)sql");
        for (const auto& m : deltas) {
            if (m.delta == 0) continue;
            upsert.reset();
            upsert.bind(1, m.dpsId)
                .bind(2, std::string_view(m.month))
                .bind(3, std::string_view(m.metric))
                .bind(4, m.delta)
                .run();
            months_.insert(m.month);
        }
    }

    void keepAnswer(const Terminal& terminal, std::string_view route, const std::string& key,
                    const StoredAnswer& answer, std::string_view at) override {
        server::keepAnswer(d_, terminal, route, key, answer, std::string(at));
    }

    void usageReceived(std::string_view terminalId, std::string_view at) override {
        d_.prepare("UPDATE terminals SET last_usage_at = ?2 WHERE id = ?1").bind(1, terminalId).bind(2, at).run();
    }

    // The months whose sums this transaction changed.
    [[nodiscard]] const std::set<std::string>& months() const { return months_; }

private:
    storage::Database& d_;
    std::optional<storage::Statement> current_, upsert_;
    std::set<std::string> months_;
};

} // namespace

std::optional<StoredAnswer> SqliteUsageStore::keptAnswer(const Terminal& terminal, std::string_view route,
                                                         const std::string& key) {
    return db_.with([&](storage::Database& d) { return storedAnswer(d, terminal, route, key); });
}

void SqliteUsageStore::inTransaction(const std::function<bool(UsageBatchWriter&)>& write) {
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        SqliteBatchWriter writer(d);
        if (!write(writer)) return;
        tx.commit();
        db_.usageStamps().changed(writer.months());
    });
}

void SqliteUsageStore::forgetAnswersOlderThan(std::chrono::days age) {
    db_.with([&](storage::Database& d) {
        d.prepare("DELETE FROM idempotent_answers WHERE created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)")
            .bind(1, std::string_view(fmt::format("-{} days", age.count())))
            .run();
    });
}

} // namespace dps::server
