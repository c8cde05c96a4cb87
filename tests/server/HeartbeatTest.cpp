// POST /api/v1/heartbeat: the latest one per terminal, with the time it arrived.
#include "ServerFixture.h"

#include "dps/protocol/HeartbeatJson.h"
#include "dps/storage/Database.h"

namespace dps::test {
namespace {

class Heartbeat : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        terminal = server.enrollNewTerminal(dps);
    }
    ServerProcess::Enrolled terminal;
};

TEST_F(Heartbeat, TheLatestIsKept) {
    protocol::Heartbeat h{"0.1.0", 60, 1'000'000, 2, 0, "", std::nullopt};
    ASSERT_EQ(post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token)->status, 200);
    h = {"0.1.1", 120, 999, 0, 3, "server said 422 at /records/0/rev", std::nullopt};
    const auto res = post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->body, "{}");
    auto db = storage::Database::open(server.databasePath(), {true, false, std::chrono::milliseconds(5000), false});
    auto q = db.prepare("SELECT count(*), agent_version, uptime_seconds, free_disk_bytes, outbox, dead_letters, "
                        "last_error, received_at FROM heartbeats WHERE terminal_id = ?1");
    q.bind(1, std::string_view(terminal.terminalId));
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 1);
    EXPECT_EQ(q.text(1), "0.1.1");
    EXPECT_EQ(q.integer(2), 120);
    EXPECT_EQ(q.integer(3), 999);
    EXPECT_EQ(q.integer(4), 0);
    EXPECT_EQ(q.integer(5), 3);
    EXPECT_EQ(q.text(6), h.lastError);
    EXPECT_EQ(q.text(7).size(), 20u); // 2026-11-23T19:32:11Z
    const auto list = server.run({"terminal", "list"});
    EXPECT_NE(list.out.find(q.text(7)), std::string::npos) << list.out;
}

TEST_F(Heartbeat, EveryFieldIsChecked) {
    const std::string before = server.snapshot();
    auto refused = [&](nlohmann::json j, const std::string& path) {
        const auto res = post("/api/v1/heartbeat", j.dump(), terminal.token);
        EXPECT_EQ(res->status, 422) << j.dump();
        EXPECT_EQ(errorPath(res), path) << res->body;
    };
    const auto good = nlohmann::json::parse(heartbeatBody());
    auto j = good;
    j["terminal"] = "T-000002";
    refused(j, "/terminal");
    j = good;
    j.erase("outbox");
    refused(j, "/outbox");
    j = good;
    j["uptime_seconds"] = -1;
    refused(j, "/uptime_seconds");
    j = good;
    j["free_disk_bytes"] = 1.5;
    refused(j, "/free_disk_bytes");
    j = good;
    j["last_error"] = std::string(501, 'x');
    refused(j, "/last_error");
    j = good;
    j["agent_version"] = 1;
    refused(j, "/agent_version");
    refused(nlohmann::json::array(), "");
    EXPECT_EQ(post("/api/v1/heartbeat", "{", terminal.token)->status, 400);
    EXPECT_EQ(server.snapshot(), before);
}

// Issue 20: the kiosk's state is kept with the latest heartbeat; one without it clears it (an older
// agent's news is not the kiosk's); a wrong one is refused with its path and changes nothing.
TEST_F(Heartbeat, TheKioskStateIsKeptWithTheLatestAndAWrongOneIsRefused) {
    protocol::Heartbeat h{"0.2.0", 60, 1'000'000, 0, 0, "", std::nullopt};
    h.kiosk = protocol::KioskState{"free_use", 23, 4, false};
    ASSERT_EQ(post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token)->status, 200);
    auto db = storage::Database::open(server.databasePath(), {true, false, std::chrono::milliseconds(5000), false});
    const auto row = [&] {
        auto q = db.prepare("SELECT coalesce(kiosk_state, '-'), coalesce(kiosk_minutes_left, -1), "
                            "coalesce(kiosk_help_asked_minutes, -1), coalesce(kiosk_free_use_stopped, -1) "
                            "FROM heartbeats WHERE terminal_id = ?1");
        q.bind(1, std::string_view(terminal.terminalId));
        EXPECT_TRUE(q.step());
        return q.text(0) + " " + std::to_string(q.integer(1)) + " " + std::to_string(q.integer(2)) + " " +
               std::to_string(q.integer(3));
    };
    EXPECT_EQ(row(), "free_use 23 4 0");
    const std::string before = server.snapshot();
    auto j = nlohmann::json::parse(protocol::heartbeatJson(h));
    j["kiosk"]["minutes_left"] = protocol::kMaxKioskMinutes + 1;
    const auto res = post("/api/v1/heartbeat", j.dump(), terminal.token);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorPath(res), "/kiosk/minutes_left") << res->body;
    EXPECT_EQ(server.snapshot(), before);
    h.kiosk = protocol::KioskState{"idle", std::nullopt, std::nullopt, true};
    ASSERT_EQ(post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token)->status, 200);
    EXPECT_EQ(row(), "idle -1 -1 1");
    h.kiosk.reset();
    ASSERT_EQ(post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token)->status, 200);
    EXPECT_EQ(row(), "- -1 -1 -1");
}

} // namespace
} // namespace dps::test
