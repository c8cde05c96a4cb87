// The terminal side's storage ports on a real server.db: what a service relies on and the
// PostgreSQL adapter (issue 24) will have to keep too. A transaction either keeps all of a write
// or none of it; a refused code or a revoked terminal is left as it was; kept answers are purged
// by age only.
#include "TempDir.h"
#include "dps/core/Timestamp.h"
#include "dps/protocol/UsageJson.h"
#include "server/services/UsageMonths.h"
#include "server/store/ServerDb.h"
#include "server/store/SqliteStatsStore.h"
#include "server/store/SqliteTerminalStore.h"
#include "server/store/SqliteUsageStore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace dps::test {
namespace {

using server::Terminal;

class SqliteStoresTest : public ::testing::Test {
protected:
    SqliteStoresTest() : db(dir / "server.db") {
        exec("INSERT INTO dps (id, name, street, postcode, municipality) VALUES (1, 'DPS Bravvo', "
             "'Rue de la Caserne 37', '1000', 'Brussels (City)')");
    }

    void exec(const std::string& sql) {
        db.with([&](storage::Database& d) { d.exec(sql); });
    }
    std::string value(const std::string& query) {
        return db.with([&](storage::Database& d) {
            auto q = d.prepare(query);
            return q.step() && !q.isNull(0) ? q.text(0) : std::string("(null)");
        });
    }

    static server::UsageDayRow day(const std::string& date) {
        return {date, 1, false, 1, R"({"visits":{"total":2}})", "2026-12-01T10:00:00Z"};
    }

    TempDir dir;
    server::ServerDb db;
};

TEST_F(SqliteStoresTest, UsageTransactionKeepsAllOrNothing) {
    exec("INSERT INTO terminals (id, dps_id, state, created_at) VALUES ('T-000001', 1, 'active', "
         "'2026-11-01T10:00:00Z')");
    server::SqliteUsageStore store(db);
    auto write = [&](server::UsageBatchWriter& w) {
        w.saveDay("T-000001", day("2026-11-30"));
        w.addToMonths({{1, "2026-11", "visits.total", 2}});
        w.usageReceived("T-000001", "2026-12-01T10:00:00Z");
    };

    store.inTransaction([&](server::UsageBatchWriter& w) {
        write(w);
        return false;
    });
    EXPECT_EQ(value("SELECT count(*) FROM usage_days"), "0") << "a write that returns false is rolled back";
    EXPECT_EQ(value("SELECT count(*) FROM usage_months"), "0");
    EXPECT_EQ(value("SELECT last_usage_at FROM terminals"), "(null)");
    EXPECT_EQ(db.usageStamps().stamp("2026-11", "2026-11"), 0u) << "nothing committed, no month changed";

    EXPECT_THROW(store.inTransaction([&](server::UsageBatchWriter& w) -> bool {
        write(w);
        throw std::runtime_error("the batch failed half-way");
    }),
                 std::runtime_error);
    EXPECT_EQ(value("SELECT count(*) FROM usage_days"), "0") << "a write that throws is rolled back";
    EXPECT_EQ(value("SELECT count(*) FROM usage_months"), "0");
    EXPECT_EQ(db.usageStamps().stamp("2026-11", "2026-11"), 0u);

    store.inTransaction([&](server::UsageBatchWriter& w) {
        write(w);
        return true;
    });
    EXPECT_EQ(value("SELECT rev || ' ' || dps_id || ' ' || counters FROM usage_days WHERE date = '2026-11-30'"),
              R"(1 1 {"visits":{"total":2}})");
    EXPECT_EQ(value("SELECT value FROM usage_months WHERE month = '2026-11' AND metric = 'visits.total'"), "2");
    EXPECT_EQ(value("SELECT last_usage_at FROM terminals"), "2026-12-01T10:00:00Z");
    EXPECT_GT(db.usageStamps().stamp("2026-11", "2026-11"), 0u) << "the committed month is noted for the dashboard";
    EXPECT_EQ(db.usageStamps().stamp("2026-10", "2026-10"), 0u);

    // A second transaction reads what the first kept, and adds to the month's sum.
    store.inTransaction([&](server::UsageBatchWriter& w) {
        const auto stored = w.storedDay("T-000001", "2026-11-30");
        EXPECT_TRUE(stored && stored->rev == 1 && stored->dpsId == 1);
        EXPECT_FALSE(w.storedDay("T-000001", "2026-11-29"));
        w.addToMonths({{1, "2026-11", "visits.total", 3}, {1, "2026-11", "visits.guided", 0}});
        return true;
    });
    EXPECT_EQ(value("SELECT value FROM usage_months WHERE month = '2026-11' AND metric = 'visits.total'"), "5");
    EXPECT_EQ(value("SELECT count(*) FROM usage_months WHERE metric = 'visits.guided'"), "0")
        << "a sum that does not change is not written";
}

// Issue 20: a day's free_use (dps-usage/1's optional field) is summed per month like every other
// counter, and the stats port gives its visits, minutes and pages with the months' figures and
// its e-ID and USB counts by prefix; a day of an older agent (no free_use) adds nothing there.
TEST_F(SqliteStoresTest, FreeUseSumsReachTheMonthsAndTheStatsPort) {
    exec("INSERT INTO terminals (id, dps_id, state, created_at) VALUES ('T-000001', 1, 'active', "
         "'2026-11-01T10:00:00Z')");
    protocol::UsageDay withFreeUse, older;
    withFreeUse.date = "2026-11-23";
    withFreeUse.visits = 3;
    withFreeUse.freeUse = {2, 71, 6, 1, 0};
    older.date = "2026-11-24";
    older.visits = 4;
    server::SqliteUsageStore usage(db);
    usage.inTransaction([&](server::UsageBatchWriter& w) {
        server::UsageMonthsDelta months;
        for (const auto* d : {&withFreeUse, &older}) {
            const std::string counters = protocol::countersJson(*d);
            months.add(1, d->date, counters, +1);
            w.saveDay("T-000001", {d->date, 1, true, 1, counters, "2026-12-01T10:00:00Z"});
        }
        w.addToMonths(months.deltas());
        return true;
    });
    server::SqliteStatsStore stats(db);
    std::map<std::string, std::int64_t> month, prefix;
    stats.read([&](server::StatsReader& r) {
        for (const auto& m : r.modeSumsPerMonth(server::Scope{}, "2026-11", "2026-11"))
            month[m.metric] = m.sum;
        for (const auto& m : r.prefixSumsPerDps(server::Scope{}, "2026-11", "2026-11", "free_use."))
            prefix[m.metric] = m.sum;
    });
    EXPECT_EQ(month["visits"], 7);
    EXPECT_EQ(month["free_use.visits"], 2);
    EXPECT_EQ(month["free_use.minutes"], 71);
    EXPECT_EQ(month["free_use.pages"], 6);
    EXPECT_EQ(month.count("free_use.eid"), 0u) << "the months' figures hold the totals, not the breakdowns";
    EXPECT_EQ(prefix,
              (std::map<std::string, std::int64_t>{
                  {"free_use.eid", 1}, {"free_use.minutes", 71}, {"free_use.pages", 6}, {"free_use.visits", 2}}))
        << "a sum that stays 0 is not kept (usb)";
}

TEST_F(SqliteStoresTest, KeptAnswersArePerRouteAndPurgedByAge) {
    exec("INSERT INTO terminals (id, dps_id, state, created_at) VALUES ('T-000001', 1, 'active', "
         "'2026-11-01T10:00:00Z')");
    server::SqliteUsageStore store(db);
    const Terminal terminal{"T-000001", 1};
    const auto now = std::chrono::system_clock::now();
    store.inTransaction([&](server::UsageBatchWriter& w) {
        w.keepAnswer(terminal, "usage", "old", {200, R"({"applied":1,"ignored":0})", false},
                     toIsoUtc(now - std::chrono::days(31)));
        w.keepAnswer(terminal, "usage", "recent", {200, R"({"applied":2,"ignored":0})", false},
                     toIsoUtc(now - std::chrono::days(29)));
        return true;
    });
    const auto recent = store.keptAnswer(terminal, "usage", "recent");
    ASSERT_TRUE(recent);
    EXPECT_EQ(recent->body, R"({"applied":2,"ignored":0})");
    EXPECT_TRUE(recent->replayed);
    EXPECT_FALSE(store.keptAnswer(terminal, "inventory", "recent")) << "another route's key is another request";
    EXPECT_FALSE(store.keptAnswer({"T-000002", 1}, "usage", "recent")) << "another terminal's key";

    store.forgetAnswersOlderThan(std::chrono::days(30));
    EXPECT_FALSE(store.keptAnswer(terminal, "usage", "old"));
    EXPECT_TRUE(store.keptAnswer(terminal, "usage", "recent"));
}

TEST_F(SqliteStoresTest, TerminalsAddedRedeemedAndRevoked) {
    server::SqliteTerminalStore store(db);
    EXPECT_FALSE(store.addPending(7, "hash-of-code", "2026-12-01T10:00:00Z", "2026-12-08T10:00:00Z")) << "no DPS 7";
    EXPECT_EQ(value("SELECT count(*) FROM terminals"), "0");
    const auto added = store.addPending(1, "hash-of-code", "2026-12-01T10:00:00Z", "2026-12-08T10:00:00Z");
    ASSERT_TRUE(added);
    EXPECT_EQ(added->id, "T-000001");
    EXPECT_EQ(added->dpsName, "DPS Bravvo");
    EXPECT_EQ(store.addPending(1, "hash-of-code-2", "2026-12-01T10:00:00Z", "2026-12-08T10:00:00Z")->id, "T-000002");

    bool asked = false;
    store.redeemCode("no-such-hash", [&](const server::EnrollmentCodeState&) {
        asked = true;
        return std::optional<server::Activation>();
    });
    EXPECT_FALSE(asked) << "an unknown code is not judged";

    // Refused: the code stays unused and its terminal pending.
    store.redeemCode("hash-of-code", [&](const server::EnrollmentCodeState& code) {
        asked = true;
        EXPECT_EQ(code.terminalId, "T-000001");
        EXPECT_EQ(code.expiresAt, "2026-12-08T10:00:00Z");
        EXPECT_FALSE(code.used);
        EXPECT_FALSE(code.terminalRevoked);
        return std::optional<server::Activation>();
    });
    EXPECT_TRUE(asked);
    EXPECT_EQ(value("SELECT used_at FROM enrollment_codes WHERE code_hash = 'hash-of-code'"), "(null)");
    EXPECT_EQ(value("SELECT state FROM terminals WHERE id = 'T-000001'"), "pending");

    store.redeemCode("hash-of-code", [&](const server::EnrollmentCodeState&) {
        return std::optional(server::Activation{"2026-12-02T09:00:00Z", "hash-of-token", "0.1.0"});
    });
    EXPECT_EQ(value("SELECT used_at FROM enrollment_codes WHERE code_hash = 'hash-of-code'"), "2026-12-02T09:00:00Z");
    EXPECT_EQ(value("SELECT state || ' ' || token_hash || ' ' || agent_version FROM terminals WHERE id = 'T-000001'"),
              "active hash-of-token 0.1.0");
    store.redeemCode("hash-of-code", [&](const server::EnrollmentCodeState& code) {
        EXPECT_TRUE(code.used);
        return std::optional<server::Activation>();
    });

    auto found = store.findByTokenHash("hash-of-token");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->terminal.id, "T-000001");
    EXPECT_EQ(found->terminal.dpsId, 1);
    EXPECT_EQ(found->tokenHash, "hash-of-token");
    EXPECT_FALSE(found->revoked);
    EXPECT_FALSE(store.findByTokenHash("hash-of-another-token"));

    EXPECT_EQ(store.revoke("T-000009", "2026-12-03T09:00:00Z"), server::Revocation::NoSuchTerminal);
    EXPECT_EQ(store.revoke("T-000001", "2026-12-03T09:00:00Z"), server::Revocation::Revoked);
    EXPECT_EQ(store.revoke("T-000001", "2026-12-04T09:00:00Z"), server::Revocation::AlreadyRevoked);
    EXPECT_EQ(value("SELECT revoked_at FROM terminals WHERE id = 'T-000001'"), "2026-12-03T09:00:00Z")
        << "revoked once, when it was first revoked";
    found = store.findByTokenHash("hash-of-token");
    ASSERT_TRUE(found) << "a revoked terminal's token is still known, so that it hears it was revoked";
    EXPECT_TRUE(found->revoked);
    store.redeemCode("hash-of-code", [&](const server::EnrollmentCodeState& code) {
        EXPECT_TRUE(code.terminalRevoked);
        return std::optional<server::Activation>();
    });

    const auto rows = store.list();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, "T-000001");
    EXPECT_EQ(rows[0].state, "revoked");
    EXPECT_EQ(rows[0].agentVersion, std::optional<std::string>("0.1.0"));
    EXPECT_EQ(rows[1].state, "pending");
    EXPECT_FALSE(rows[1].lastHeartbeat);
}

} // namespace
} // namespace dps::test
