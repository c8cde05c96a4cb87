// Each request is a terminal's: no credential, a wrong one or a revoked terminal is refused and
// changes nothing; the terminal (and its DPS) never comes from the body.
#include "ServerFixture.h"

namespace dps::test {
namespace {

class Auth : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        terminal = server.enrollNewTerminal(dps);
        batch = usageBatch({usageRecord("2026-11-23", 1, 5)});
    }
    ServerProcess::Enrolled terminal;
    std::string batch;
};

TEST_F(Auth, NoCredentialIsRefused) {
    const std::string before = server.snapshot();
    for (const std::string path : {"/api/v1/usage", "/api/v1/heartbeat"}) {
        const auto res = post(path, path == "/api/v1/usage" ? batch : heartbeatBody(), "");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 401) << path;
        EXPECT_EQ(errorCode(res), "missing_credential");
    }
    EXPECT_EQ(server.snapshot(), before);
}

TEST_F(Auth, WrongCredentialIsRefused) {
    const std::string before = server.snapshot();
    std::string wrong = terminal.token;
    wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(postUsage(batch, wrong)->status, 401);
    EXPECT_EQ(errorCode(postUsage(batch, wrong)), "unknown_credential");
    const auto basic =
        server.client()->Post("/api/v1/usage", {{"Authorization", "Basic dXNlcjpwYXNz"}}, batch, "application/json");
    EXPECT_EQ(basic->status, 401);
    EXPECT_EQ(errorCode(basic), "bad_credential");
    EXPECT_EQ(server.snapshot(), before);
}

TEST_F(Auth, RevokedTerminalIsForbidden) {
    ASSERT_EQ(postUsage(batch, terminal.token)->status, 200);
    ASSERT_EQ(server.run({"terminal", "revoke", terminal.terminalId}).exitCode, 0);
    const std::string before = server.snapshot();
    const auto usage = postUsage(usageBatch({usageRecord("2026-11-23", 2, 9)}), terminal.token);
    EXPECT_EQ(usage->status, 403);
    EXPECT_EQ(errorCode(usage), "revoked");
    EXPECT_EQ(post("/api/v1/heartbeat", heartbeatBody(), terminal.token)->status, 403);
    EXPECT_EQ(server.snapshot(), before);
    EXPECT_NE(server.run({"terminal", "list"}).out.find(terminal.terminalId + "   revoked"), std::string::npos);
}

TEST_F(Auth, AnotherTerminalInTheBodyIsNotAField) {
    const auto other = server.enrollNewTerminal(server.addDps("Other DPS"));
    const std::string before = server.snapshot();
    auto j = nlohmann::json::parse(batch);
    j["terminal"] = other.terminalId;
    auto res = postUsage(j.dump(), terminal.token);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorPath(res), "/terminal");
    j = nlohmann::json::parse(batch);
    j["records"][0]["terminal_id"] = other.terminalId;
    j["records"][0]["dps_id"] = 2;
    res = postUsage(j.dump(), terminal.token);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorPath(res), "/records/0/dps_id");
    EXPECT_EQ(server.snapshot(), before);
}

TEST_F(Auth, TheDpsIsTheTerminals) {
    ASSERT_EQ(postUsage(batch, terminal.token)->status, 200);
    const auto db = server.snapshot();
    EXPECT_NE(db.find(terminal.terminalId + "|2026-11-23|1|0|" + std::to_string(dps) + "|"), std::string::npos) << db;
}

} // namespace
} // namespace dps::test
