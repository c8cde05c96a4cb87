// POST /api/v1/usage: one row per (terminal, date), the highest rev wins, a batch is applied
// whole or not at all, and an Idempotency-Key gets its first answer again.
#include "ServerFixture.h"

#include "dps/storage/Database.h"

#include <fstream>
#include <iterator>

#ifndef DPS_SOURCE_DIR
#error "DPS_SOURCE_DIR must be defined"
#endif

namespace dps::test {
namespace {

struct Row {
    std::int64_t rev = 0;
    bool final = false;
    std::int64_t dpsId = 0;
    std::string counters;
};

class Usage : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        terminal = server.enrollNewTerminal(dps);
    }
    std::optional<Row> row(const std::string& terminalId, const std::string& date) const {
        auto db = storage::Database::open(server.databasePath(), {true, false, std::chrono::milliseconds(5000), false});
        auto q = db.prepare("SELECT rev, final, dps_id, counters FROM usage_days WHERE terminal_id = ?1 AND date = ?2");
        q.bind(1, std::string_view(terminalId)).bind(2, std::string_view(date));
        if (!q.step()) return std::nullopt;
        return Row{q.integer(0), q.integer(1) != 0, q.integer(2), q.text(3)};
    }
    static nlohmann::json answer(const httplib::Result& res) { return nlohmann::json::parse(res->body); }

    ServerProcess::Enrolled terminal;
};

TEST_F(Usage, TheDocumentedExampleIsStoredAsCanonicalCounters) {
    std::ifstream in(std::string(DPS_SOURCE_DIR) + "/docs/protocol/usage-example.json");
    const std::string example{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto res = postUsage(example, terminal.token);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(answer(res), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
    const auto parsed = std::get<protocol::UsageBatch>(protocol::parseUsageBatch(example));
    const auto stored = row(terminal.terminalId, "2026-11-23");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->counters, protocol::countersJson(parsed.records[0].day));
    EXPECT_EQ(stored->rev, 4);
    EXPECT_TRUE(stored->final);
    EXPECT_EQ(stored->dpsId, dps);
}

TEST_F(Usage, AHigherRevReplacesAnEqualOrLowerOneIsIgnored) {
    ASSERT_EQ(postUsage(usageBatch({usageRecord("2026-11-23", 2, 5)}), terminal.token)->status, 200);
    const auto higher = postUsage(usageBatch({usageRecord("2026-11-23", 3, 7, true)}), terminal.token);
    EXPECT_EQ(answer(higher), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
    EXPECT_EQ(row(terminal.terminalId, "2026-11-23")->counters,
              protocol::countersJson(usageRecord("2026-11-23", 3, 7).day));

    const std::string before = server.snapshot();
    for (const std::int64_t rev : {3, 1}) {
        const auto res = postUsage(usageBatch({usageRecord("2026-11-23", rev, 99)}), terminal.token);
        ASSERT_EQ(res->status, 200);
        EXPECT_EQ(answer(res), (nlohmann::json{{"applied", 0}, {"ignored", 1}})) << rev;
    }
    const auto stored = row(terminal.terminalId, "2026-11-23");
    EXPECT_EQ(stored->rev, 3);
    EXPECT_TRUE(stored->final);
    EXPECT_EQ(stored->counters, protocol::countersJson(usageRecord("2026-11-23", 3, 7).day));
    // Only the terminal's last contact moved.
    auto withoutContact = [](std::string s) {
        const auto at = s.find("[terminals]");
        return s.erase(at, s.find('[', at + 1) - at);
    };
    EXPECT_EQ(withoutContact(server.snapshot()), withoutContact(before));
}

TEST_F(Usage, AMixedBatchAppliesWhatIsNewer) {
    ASSERT_EQ(postUsage(usageBatch({usageRecord("2026-11-20", 5, 1), usageRecord("2026-11-21", 5, 1)}), terminal.token)
                  ->status,
              200);
    const auto res = postUsage(usageBatch({usageRecord("2026-11-20", 6, 2),   // newer: applied
                                           usageRecord("2026-11-21", 5, 9),   // equal: ignored
                                           usageRecord("2026-11-22", 1, 3),   // new day: applied
                                           usageRecord("2026-11-22", 1, 4),   // same day again, equal: ignored
                                           usageRecord("2026-11-19", 1, 8)}), // new day: applied
                               terminal.token);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(answer(res), (nlohmann::json{{"applied", 3}, {"ignored", 2}}));
    EXPECT_EQ(row(terminal.terminalId, "2026-11-20")->rev, 6);
    EXPECT_EQ(row(terminal.terminalId, "2026-11-21")->counters,
              protocol::countersJson(usageRecord("2026-11-21", 5, 1).day));
    EXPECT_EQ(row(terminal.terminalId, "2026-11-22")->counters,
              protocol::countersJson(usageRecord("2026-11-22", 1, 3).day));
    EXPECT_TRUE(row(terminal.terminalId, "2026-11-19"));
}

TEST_F(Usage, TheSameIdempotencyKeyGetsTheFirstAnswerAgain) {
    const std::string key = protocol::newBatchId();
    const auto first =
        postUsage(usageBatch({usageRecord("2026-11-23", 1, 5)}, key), terminal.token, {{"Idempotency-Key", key}});
    ASSERT_EQ(first->status, 200);
    const std::string before = server.snapshot();
    // A retry of that batch, even one that would now apply (a higher rev), is not applied again.
    const auto replay =
        postUsage(usageBatch({usageRecord("2026-11-23", 2, 6)}, key), terminal.token, {{"Idempotency-Key", key}});
    ASSERT_EQ(replay->status, 200);
    EXPECT_EQ(replay->body, first->body);
    EXPECT_EQ(server.snapshot(), before);
    EXPECT_EQ(row(terminal.terminalId, "2026-11-23")->rev, 1);
    // The key is the terminal's own: another terminal's batch with the same key is applied.
    const auto other = server.enrollNewTerminal(dps);
    const auto theirs =
        postUsage(usageBatch({usageRecord("2026-11-23", 1, 2)}, key), other.token, {{"Idempotency-Key", key}});
    EXPECT_EQ(answer(theirs), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
    EXPECT_EQ(postUsage(usageBatch({usageRecord("2026-11-24", 1, 2)}), terminal.token,
                        {{"Idempotency-Key", std::string(200, 'k')}})
                  ->status,
              400);
}

TEST_F(Usage, ABatchWithOneBadRecordAppliesNothing) {
    ASSERT_EQ(postUsage(usageBatch({usageRecord("2026-11-20", 1, 1)}), terminal.token)->status, 200);
    const std::string before = server.snapshot();
    auto j = nlohmann::json::parse(usageBatch(
        {usageRecord("2026-11-20", 2, 2), usageRecord("2026-11-21", 1, 2), usageRecord("2026-11-22", 1, 2)}));
    j["records"][1]["visits"] = -1;
    const auto res = postUsage(j.dump(), terminal.token);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorCode(res), "schema_violation");
    EXPECT_EQ(errorPath(res), "/records/1/visits");
    EXPECT_EQ(server.snapshot(), before);
}

TEST_F(Usage, AGzippedBatchIsApplied) {
    const auto res = postUsage(gzipped(usageBatch({usageRecord("2026-11-23", 1, 5)})), terminal.token,
                               {{"Content-Encoding", "gzip"}});
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(answer(res), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
}

TEST_F(Usage, TwoTerminalsKeepTheirOwnDays) {
    const auto other = server.enrollNewTerminal(server.addDps("Other DPS"));
    ASSERT_EQ(postUsage(usageBatch({usageRecord("2026-11-23", 5, 5)}), terminal.token)->status, 200);
    const auto res = postUsage(usageBatch({usageRecord("2026-11-23", 1, 3)}), other.token);
    EXPECT_EQ(answer(res), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
    EXPECT_EQ(row(terminal.terminalId, "2026-11-23")->rev, 5);
    EXPECT_EQ(row(other.terminalId, "2026-11-23")->dpsId, dps + 1);
}

} // namespace
} // namespace dps::test
