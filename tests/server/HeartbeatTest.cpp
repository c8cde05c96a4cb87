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
    protocol::Heartbeat h{"0.1.0", 60, 1'000'000, 2, 0, ""};
    ASSERT_EQ(post("/api/v1/heartbeat", protocol::heartbeatJson(h), terminal.token)->status, 200);
    h = {"0.1.1", 120, 999, 0, 3, "server said 422 at /records/0/rev"};
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

} // namespace
} // namespace dps::test
