// The heartbeat as a job of its own (agent/jobs/HeartbeatJob.h), on a real agent.db and a
// scripted server (the fake is the network only): what it sends, when it does not, what it
// notes. The body is read back with the server's own parser (dps/protocol/HeartbeatJson.h).
#include "agent/jobs/HeartbeatJob.h"
#include "TempDir.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/storage/Transaction.h"

#include <gtest/gtest.h>

#include <deque>
#include <variant>

using namespace dps::agent;

namespace {

class ScriptedServer final : public HttpClient {
public:
    std::deque<HttpResponse> answers;
    std::vector<HttpRequest> requests;
    HttpResponse post(const HttpRequest& r) override {
        requests.push_back(r);
        if (answers.empty()) return {204, "", "", std::nullopt, r.body.size()};
        HttpResponse a = answers.front();
        answers.pop_front();
        return a;
    }
};

struct Terminal {
    dps::test::TempDir dir;
    AgentDb agent = AgentDb::open(dir / "agent.db");
    JobSettings settings = [this] {
        JobSettings s;
        s.database = dir / "agent.db";
        s.heartbeatIntervalSeconds = 900;
        s.jitter = 0.2;
        return s;
    }();
    StopSignal stop;
    ScriptedServer server;
    HeartbeatJob job{settings, agent, stop};
    Terminal() { job.useClient(&server); }
    void enroll() { agent.saveCredential({"http://127.0.0.1:1", "T-1", "secret"}); }
};

} // namespace

TEST(HeartbeatJob, NothingIsSentBeforeEnrollmentNorOnceTheServerRefusedTheCredential) {
    Terminal t;
    EXPECT_FALSE(t.job.runOnce());
    t.enroll();
    t.agent.setFact("reenroll", "the server refused this terminal's credential (HTTP 401); enroll it again");
    EXPECT_FALSE(t.job.runOnce());
    EXPECT_TRUE(t.server.requests.empty());
    EXPECT_FALSE(t.agent.fact("last_heartbeat"));
}

TEST(HeartbeatJob, SaysHowTheTerminalIsWithItsTokenAndNotesWhenTheServerTookIt) {
    Terminal t;
    t.enroll();
    {
        dps::storage::Transaction tx(t.agent.db());
        t.agent.queueDay("2026-11-23", 1, "{}", true, R"({"date":"2026-11-23"})");
        t.agent.queueDay("2026-11-24", 1, "{}", false, R"({"date":"2026-11-24"})");
        tx.commit();
    }
    t.agent.deadLetter({"2026-11-20", 2, "{}"}, 422, "schema_violation");
    t.agent.setFact("last_error", std::string(600, 'x')); // longer than the protocol allows
    ASSERT_TRUE(t.job.runOnce());
    ASSERT_EQ(t.server.requests.size(), 1u);
    const HttpRequest& r = t.server.requests[0];
    EXPECT_EQ(r.path, "/api/v1/heartbeat");
    EXPECT_EQ(r.bearer, "secret");
    EXPECT_FALSE(r.idempotencyKey);
    const auto parsed = dps::protocol::parseHeartbeat(r.body);
    ASSERT_TRUE(std::holds_alternative<dps::protocol::Heartbeat>(parsed)) << r.body;
    const auto& h = std::get<dps::protocol::Heartbeat>(parsed);
    EXPECT_FALSE(h.agentVersion.empty());
    EXPECT_GT(h.uptimeSeconds, 0) << "this machine's /proc/uptime";
    EXPECT_GT(h.freeDiskBytes, 0) << "where agent.db lives";
    EXPECT_EQ(h.outbox, 2);
    EXPECT_EQ(h.deadLetters, 1);
    EXPECT_EQ(h.lastError, std::string(dps::protocol::kMaxLastErrorLength, 'x'));
    EXPECT_TRUE(t.agent.fact("last_heartbeat"));
}

TEST(HeartbeatJob, ARefusedOrLostHeartbeatIsNotNotedAndTheNextComesAtTheInterval) {
    Terminal t;
    t.enroll();
    t.server.answers = {{503, "", "{}", std::nullopt, 0}, {0, "Connection refused", "", std::nullopt, 0}};
    EXPECT_FALSE(t.job.runOnce());
    EXPECT_FALSE(t.job.runOnce());
    EXPECT_EQ(t.server.requests.size(), 2u);
    EXPECT_FALSE(t.agent.fact("last_heartbeat"));
    EXPECT_EQ(t.job.firstDelay(), Seconds(0)) << "at the service's start";
    for (int i = 0; i < 20; ++i) {
        const Seconds next = t.job.run(); // no backoff: the heartbeat only says how the terminal is
        EXPECT_GE(next.count(), 900 * 0.8);
        EXPECT_LE(next.count(), 900 * 1.2);
    }
}
