// POST /api/v1/enroll and the one-time codes of `dps-server terminal add`.
#include "ServerFixture.h"
#include "dps/protocol/EnrollJson.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <variant>
#include <vector>

namespace dps::test {
namespace {

class Enroll : public ServerFixture {
protected:
    httplib::Result enroll(const std::string& code) {
        return post("/api/v1/enroll", nlohmann::json{{"code", code}, {"agent_version", "0.1.0"}}.dump(), "");
    }
};

TEST_F(Enroll, CodeGivesTheTerminalItsToken) {
    const auto added = server.addTerminal(dps);
    EXPECT_EQ(added.code.size(), 19u) << added.code; // four groups of four
    const auto res = enroll(added.code);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    const auto j = nlohmann::json::parse(res->body);
    EXPECT_EQ(j["terminal"], added.id);
    const std::string token = j["token"];
    EXPECT_EQ(token.size(), 43u); // 32 bytes, base64url without padding
    EXPECT_TRUE(std::all_of(token.begin(), token.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    }));
    // server.db keeps neither the token nor the code, only their hashes.
    const std::string db = server.snapshot();
    EXPECT_EQ(db.find(token), std::string::npos);
    EXPECT_EQ(db.find(added.code), std::string::npos);
    EXPECT_NE(db.find(added.id + "|" + std::to_string(dps) + "|active|"), std::string::npos) << db;
    // And the token works.
    EXPECT_EQ(post("/api/v1/heartbeat", heartbeatBody(), token)->status, 200);
}

TEST_F(Enroll, CodeMayBeTypedWithoutDashesInLowerCase) {
    auto code = server.addTerminal(dps).code;
    code.erase(std::remove(code.begin(), code.end(), '-'), code.end());
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_EQ(enroll(code)->status, 201);
}

TEST_F(Enroll, ReusedCodeIsRefused) {
    const auto added = server.addTerminal(dps);
    ASSERT_EQ(enroll(added.code)->status, 201);
    const std::string before = server.snapshot();
    const auto again = enroll(added.code);
    EXPECT_EQ(again->status, 401);
    EXPECT_EQ(errorCode(again), "unknown_code"); // one answer for every code that does not work
    EXPECT_NE(server.stderrText().find("used already"), std::string::npos) << "the log says why";
    EXPECT_EQ(server.snapshot(), before); // the first token still stands
}

TEST_F(Enroll, ExpiredCodeIsRefused) {
    const auto added = server.addTerminal(dps, std::chrono::seconds(0));
    const auto res = enroll(added.code);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(errorCode(res), "unknown_code");
    EXPECT_NE(server.stderrText().find("expired"), std::string::npos) << "the log says why";
    EXPECT_NE(server.snapshot().find(added.id + "|" + std::to_string(dps) + "|pending|"), std::string::npos);
}

TEST_F(Enroll, UnknownCodeIsRefused) {
    server.addTerminal(dps);
    for (const std::string code : {"K7QM-3XPD-R2VA-9HTE", "not a code", ""}) {
        const auto res = enroll(code);
        EXPECT_EQ(res->status, 401) << code;
        EXPECT_EQ(errorCode(res), "unknown_code") << code;
    }
}

TEST_F(Enroll, RevokedTerminalCannotEnroll) {
    const auto added = server.addTerminal(dps);
    ASSERT_EQ(server.run({"terminal", "revoke", added.id}).exitCode, 0);
    const auto res = enroll(added.code);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(errorCode(res), "unknown_code");
    EXPECT_NE(server.stderrText().find("a revoked terminal"), std::string::npos) << "the log says why";
}

// Issue 17: unknown, used, expired and revoked codes were told apart to anyone trying codes.
TEST_F(Enroll, EveryCodeThatDoesNotWorkGetsTheSameAnswer) {
    const auto used = server.addTerminal(dps);
    ASSERT_EQ(enroll(used.code)->status, 201);
    const auto expired = server.addTerminal(dps, std::chrono::seconds(0));
    const auto revoked = server.addTerminal(dps);
    ASSERT_EQ(server.run({"terminal", "revoke", revoked.id}).exitCode, 0);
    const auto unknown = enroll("K7QM-3XPD-R2VA-9HTE");
    ASSERT_EQ(unknown->status, 401);
    for (const auto& code : {used.code, expired.code, revoked.code, std::string("nonsense")}) {
        const auto res = enroll(code);
        EXPECT_EQ(res->status, unknown->status) << code;
        EXPECT_EQ(res->body, unknown->body) << code;
    }
}

TEST_F(Enroll, BodyIsChecked) {
    const auto missing = post("/api/v1/enroll", R"({"code": "K7QM-3XPD-R2VA-9HTE"})", "");
    EXPECT_EQ(missing->status, 422);
    EXPECT_EQ(errorPath(missing), "/agent_version");
    const auto extra = post("/api/v1/enroll", R"({"code": "K", "agent_version": "1", "terminal": "T-000001"})", "");
    EXPECT_EQ(extra->status, 422);
    EXPECT_EQ(errorPath(extra), "/terminal");
    EXPECT_EQ(post("/api/v1/enroll", "{", "")->status, 400);
    EXPECT_EQ(post("/api/v1/enroll", "code=1", "", {}, "application/x-www-form-urlencoded")->status, 415);
}

TEST_F(Enroll, UnknownTerminalForTerminalAdd) {
    const auto res = server.run({"terminal", "add", "--dps", "999"});
    EXPECT_EQ(res.exitCode, 2);
    EXPECT_NE(res.err.find("no DPS 999"), std::string::npos) << res.err;
}

class EnrollLimited : public ServerFixture {
protected:
    static ServerProcess::Options limited() {
        ServerProcess::Options o;
        o.enrollPerMinute = 3;
        return o;
    }
    EnrollLimited() : ServerFixture(limited()) {}
};

TEST_F(EnrollLimited, GuessingCodesFromOneAddressIsSlowedDown) {
    const auto added = server.addTerminal(dps);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(post("/api/v1/enroll", R"({"code": "AAAA-AAAA-AAAA-AAAA", "agent_version": "1"})", "")->status, 401);
    const auto res = post("/api/v1/enroll", nlohmann::json{{"code", added.code}, {"agent_version", "1"}}.dump(), "");
    EXPECT_EQ(res->status, 429);
    EXPECT_EQ(errorCode(res), "too_many_requests");
    ASSERT_TRUE(res->has_header("Retry-After"));
    const int after = std::stoi(res->get_header_value("Retry-After"));
    EXPECT_GE(after, 1);
    EXPECT_LE(after, 20); // one attempt every 20 s at 3 a minute
    // Refused before the code was looked at: still pending, still usable.
    EXPECT_NE(server.snapshot().find(added.id + "|" + std::to_string(dps) + "|pending|"), std::string::npos);
}

// The enrollment message of shared/protocol on its own: the bodies of docs/protocol.md's table,
// and each way a request can be wrong, with the pointer and the sentence the API answers.
TEST(EnrollJson, RequestAsDocsProtocolMdShowsIt) {
    const auto parsed = protocol::parseEnrollRequest(R"({"code": "K7QM-3XPD-R2VA-9HTE", "agent_version": "0.1.0"})");
    ASSERT_TRUE(std::holds_alternative<protocol::EnrollRequest>(parsed));
    const auto& request = std::get<protocol::EnrollRequest>(parsed);
    EXPECT_EQ(request, (protocol::EnrollRequest{"K7QM-3XPD-R2VA-9HTE", "0.1.0"}));
    EXPECT_EQ(protocol::enrollRequestJson(request), R"({"agent_version":"0.1.0","code":"K7QM-3XPD-R2VA-9HTE"})");
}

TEST(EnrollJson, AnswerAsDocsProtocolMdShowsIt) {
    const protocol::EnrollAnswer answer{"T-000001", "4nTq0cZ7b8yq3Wb1pY2Xk9o0mJ3v5uQh6rS8tL1eA2c"};
    EXPECT_EQ(protocol::enrollAnswerJson(answer),
              R"({"terminal":"T-000001","token":"4nTq0cZ7b8yq3Wb1pY2Xk9o0mJ3v5uQh6rS8tL1eA2c"})");
    const auto back = protocol::parseEnrollAnswer(protocol::enrollAnswerJson(answer));
    ASSERT_TRUE(std::holds_alternative<protocol::EnrollAnswer>(back));
    EXPECT_EQ(std::get<protocol::EnrollAnswer>(back), answer);
    // A later server may add a field; a missing or non-string one is an error.
    EXPECT_TRUE(std::holds_alternative<protocol::EnrollAnswer>(
        protocol::parseEnrollAnswer(R"({"terminal": "T-1", "token": "x", "expires": "2027-01-01"})")));
    const auto noToken = protocol::parseEnrollAnswer(R"({"terminal": "T-1"})");
    ASSERT_TRUE(std::holds_alternative<protocol::BodyError>(noToken));
    EXPECT_EQ(std::get<protocol::BodyError>(noToken).path, "/token");
}

TEST(EnrollJson, EachWrongRequestSaysWhereAndWhat) {
    struct Case {
        std::string body;
        int status;
        std::string path, message;
    };
    const std::string deep = std::string(33, '[') + std::string(33, ']');
    const std::vector<Case> cases = {
        {"{", 400, "", ""},
        {"[]", 422, "", "must be an object"},
        {deep, 422, "", "is nested deeper than 32 levels"},
        {R"({"code": "K", "agent_version": "1", "a/b~": 1})", 422, "/a~1b~0", "is not a field of an enrollment"},
        {R"({"agent_version": "1"})", 422, "/code", "is missing"},
        {R"({"code": 7, "agent_version": "1"})", 422, "/code", "must be a string"},
        {R"({"code": "K", "agent_version": null})", 422, "/agent_version", "must be a string"},
        {R"({"code": ")" + std::string(65, 'K') + R"(", "agent_version": "1"})", 422, "/code",
         "must be at most 64 characters"},
    };
    for (const auto& c : cases) {
        const auto parsed = protocol::parseEnrollRequest(c.body);
        ASSERT_TRUE(std::holds_alternative<protocol::BodyError>(parsed)) << c.body;
        const auto& e = std::get<protocol::BodyError>(parsed);
        EXPECT_EQ(e.status, c.status) << c.body;
        EXPECT_EQ(e.path, c.path) << c.body;
        if (!c.message.empty()) {
            EXPECT_EQ(e.message, c.message) << c.body;
        }
    }
    // 64 bytes is the limit, not beyond it.
    EXPECT_TRUE(std::holds_alternative<protocol::EnrollRequest>(protocol::parseEnrollRequest(
        R"({"code": ")" + std::string(64, 'K') + R"(", "agent_version": ")" + std::string(64, '1') + R"("})")));
}

} // namespace
} // namespace dps::test
