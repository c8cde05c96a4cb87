// Bad input never crashes the server nor half-applies anything, and each kind gets its status
// and a JSON error body: 400, 413, 415, 422 with the field's path, 429 with Retry-After.
#include "ServerFixture.h"

namespace dps::test {
namespace {

ServerProcess::Options smallLimits() {
    ServerProcess::Options o;
    o.maxBodyBytes = 64 * 1024;
    o.maxDecompressedBytes = 256 * 1024;
    o.requestsPerMinute = 1000;
    return o;
}

class Limits : public ServerFixture {
protected:
    Limits() : ServerFixture(smallLimits()) {}
    void SetUp() override {
        ServerFixture::SetUp();
        terminal = server.enrollNewTerminal(dps);
        before = server.snapshot();
    }
    void expectRefused(const httplib::Result& res, int status, const std::string& code) {
        ASSERT_TRUE(res) << httplib::to_string(res.error());
        EXPECT_EQ(res->status, status) << res->body;
        EXPECT_EQ(errorCode(res), code) << res->body;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
        EXPECT_EQ(server.snapshot(), before);
        EXPECT_EQ(server.client()->Get("/healthz")->status, 200); // still up
    }
    ServerProcess::Enrolled terminal;
    std::string before;
};

TEST_F(Limits, AnOversizeBodyIs413) {
    // A valid batch that is simply too long: 100 KiB of JSON whitespace before its end.
    std::string body = usageBatch({usageRecord("2026-11-23", 1, 1)});
    body.insert(body.size() - 1, std::string(100 * 1024, ' '));
    expectRefused(postUsage(body, terminal.token), 413, "too_large");
}

TEST_F(Limits, AGzipBombIs413) {
    // 32 MiB of spaces gunzip from about 32 KiB: under the body limit, far over the decompressed one.
    const std::string bomb = gzipped("{" + std::string(32 << 20, ' '));
    ASSERT_LT(bomb.size(), 64u * 1024);
    expectRefused(postUsage(bomb, terminal.token, {{"Content-Encoding", "gzip"}}), 413, "too_large");
}

TEST_F(Limits, MalformedJsonIs400) {
    expectRefused(postUsage(R"({"format": "dps-usage/1", "records": [)", terminal.token), 400, "malformed_json");
    expectRefused(postUsage("\xff\xfe not even UTF-8", terminal.token), 400, "malformed_json");
    // A number no double holds (found by the fuzzer): still 400, not a 500 the agent would retry.
    expectRefused(postUsage(R"({"format": "dps-usage/1", "records": [{"rev": 77E7777}]})", terminal.token), 400,
                  "malformed_json");
    expectRefused(post("/api/v1/heartbeat", R"({"outbox": 1e999})", terminal.token), 400, "malformed_json");
}

TEST_F(Limits, MalformedGzipIs400) {
    std::string broken = gzipped(usageBatch({usageRecord("2026-11-23", 1, 1)}));
    broken[broken.size() / 2] = static_cast<char>(broken[broken.size() / 2] ^ 0x5a);
    broken.resize(broken.size() - 4); // and cut short
    expectRefused(postUsage(broken, terminal.token, {{"Content-Encoding", "gzip"}}), 400, "malformed_body");
    expectRefused(postUsage("not gzip at all", terminal.token, {{"Content-Encoding", "gzip"}}), 400, "malformed_body");
}

TEST_F(Limits, NotJsonIs415) {
    expectRefused(
        post("/api/v1/usage", usageBatch({usageRecord("2026-11-23", 1, 1)}), terminal.token, {}, "text/plain"), 415,
        "not_json");
    expectRefused(
        postUsage(usageBatch({usageRecord("2026-11-23", 1, 1)}), terminal.token, {{"Content-Encoding", "br"}}), 415,
        "unsupported_encoding");
}

TEST_F(Limits, ASchemaViolationIs422WithThePath) {
    auto j = nlohmann::json::parse(usageBatch({usageRecord("2026-11-22", 1, 1), usageRecord("2026-11-23", 1, 1)}));
    j["records"][1]["by_mode"]["walking"] = 1;
    const auto res = postUsage(j.dump(), terminal.token);
    expectRefused(res, 422, "schema_violation");
    EXPECT_EQ(errorPath(res), "/records/1/by_mode/walking");
    j = nlohmann::json::parse(usageBatch({usageRecord("2026-11-23", 1, 1)}));
    j["records"][0]["date"] = "2026-02-30";
    const auto date = postUsage(j.dump(), terminal.token);
    expectRefused(date, 422, "schema_violation");
    EXPECT_EQ(errorPath(date), "/records/0/date");
}

class RateLimited : public ServerFixture {
protected:
    static ServerProcess::Options limited() {
        ServerProcess::Options o;
        o.requestsPerMinute = 3;
        return o;
    }
    RateLimited() : ServerFixture(limited()) {}
};

TEST_F(RateLimited, ATerminalOverItsRateGets429WithRetryAfter) {
    const auto terminal = server.enrollNewTerminal(dps);
    const auto other = server.enrollNewTerminal(dps);
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(postUsage(usageBatch({usageRecord("2026-11-23", i + 1, 1)}), terminal.token)->status, 200) << i;
    const std::string before = server.snapshot();
    const auto res = postUsage(usageBatch({usageRecord("2026-11-23", 9, 9)}), terminal.token);
    ASSERT_EQ(res->status, 429) << res->body;
    EXPECT_EQ(errorCode(res), "too_many_requests");
    ASSERT_TRUE(res->has_header("Retry-After"));
    const int after = std::stoi(res->get_header_value("Retry-After"));
    EXPECT_GE(after, 1);
    EXPECT_LE(after, 20);
    EXPECT_EQ(server.snapshot(), before);
    // The bucket is the terminal's: another one is not slowed down.
    EXPECT_EQ(postUsage(usageBatch({usageRecord("2026-11-23", 1, 1)}), other.token)->status, 200);
}

} // namespace
} // namespace dps::test
