// The heartbeat as a job of its own (agent/jobs/HeartbeatJob.h), on a real agent.db and a
// scripted server (the fake is the network only): what it sends, when it does not, what it
// notes. The body is read back with the server's own parser (dps/protocol/HeartbeatJson.h).
#include "agent/jobs/HeartbeatJob.h"
#include "TempDir.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/storage/Transaction.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"

#include <gtest/gtest.h>

#include <deque>
#include <variant>

using dps::agent::AgentDb;
using dps::agent::HeartbeatJob;
using dps::agent::HttpClient;
using dps::agent::HttpRequest;
using dps::agent::HttpResponse;
using dps::agent::JobSettings;
using dps::agent::Seconds;
using dps::agent::StopSignal;

namespace {

class HeartbeatServer final : public HttpClient {
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

struct HeartbeatTerminal {
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
    HeartbeatServer server;
    HeartbeatJob job{settings, agent, stop};
    HeartbeatTerminal() { job.useClient(&server); }
    void enroll() { agent.saveCredential({"http://127.0.0.1:1", "T-1", "secret"}); }
};

} // namespace

TEST(HeartbeatJob, NothingIsSentBeforeEnrollmentNorOnceTheServerRefusedTheCredential) {
    HeartbeatTerminal t;
    EXPECT_FALSE(t.job.runOnce());
    t.enroll();
    t.agent.setFact("reenroll", "the server refused this terminal's credential (HTTP 401); enroll it again");
    EXPECT_FALSE(t.job.runOnce());
    EXPECT_TRUE(t.server.requests.empty());
    EXPECT_FALSE(t.agent.fact("last_heartbeat"));
}

TEST(HeartbeatJob, SaysHowTheTerminalIsWithItsTokenAndNotesWhenTheServerTookIt) {
    HeartbeatTerminal t;
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
    HeartbeatTerminal t;
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

namespace {

// kiosk.db as the kiosk writes it (its own schema and adapter), with what it published.
void publish(const std::filesystem::path& kioskDb, dps::WallTime at, const dps::kiosk::KioskState& state) {
    auto db = dps::kiosk::openKioskDatabase(kioskDb);
    dps::kiosk::SqliteTerminalLog(db).publishState(at, state);
}

dps::protocol::Heartbeat sent(const HttpRequest& r) {
    const auto parsed = dps::protocol::parseHeartbeat(r.body);
    if (!std::holds_alternative<dps::protocol::Heartbeat>(parsed)) ADD_FAILURE() << r.body;
    return std::get<dps::protocol::Heartbeat>(parsed);
}

} // namespace

// Issue 20: what the kiosk published in kiosk.db goes with the heartbeat, counts and states only.
TEST(HeartbeatJob, SaysWhatTheKioskPublishedItIsDoingAndDropsAStaleFreeUseSession) {
    HeartbeatTerminal t;
    t.enroll();
    ASSERT_TRUE(t.job.runOnce());
    EXPECT_FALSE(sent(t.server.requests.back()).kiosk) << "no kiosk.db on this terminal: no kiosk state";
    t.settings.kioskDatabase = t.dir / "kiosk.db";
    const auto now = std::chrono::system_clock::now();
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 23, 4, false});
    ASSERT_TRUE(t.job.runOnce());
    const auto k = sent(t.server.requests.back()).kiosk;
    ASSERT_TRUE(k);
    EXPECT_EQ(*k, (dps::protocol::KioskState{"free_use", 23, 4, false}));
    // A session's row is rewritten every minute: one older than that has no kiosk behind it.
    publish(t.settings.kioskDatabase, now - std::chrono::minutes(4),
            {dps::kiosk::KioskActivity::FreeUse, 23, 4, false});
    ASSERT_TRUE(t.job.runOnce());
    EXPECT_FALSE(sent(t.server.requests.back()).kiosk);
    // An idle terminal's row may be old: nothing changed since.
    publish(t.settings.kioskDatabase, now - std::chrono::hours(10), {dps::kiosk::KioskActivity::Idle, 0, {}, true});
    ASSERT_TRUE(t.job.runOnce());
    EXPECT_EQ(sent(t.server.requests.back()).kiosk, (dps::protocol::KioskState{"idle", {}, {}, true}));
}

// A dps-server before issue 20 lists no "kiosk" and refuses it as not a field of a heartbeat
// (its parseHeartbeat's answer, deb9fbf: 422, path "/kiosk"): the heartbeat goes again at once
// without it, and the next one tries with it again (the server may have been upgraded).
TEST(HeartbeatJob, AnOlderServerThatRefusesTheKioskStateGetsTheHeartbeatWithoutIt) {
    HeartbeatTerminal t;
    t.enroll();
    t.settings.kioskDatabase = t.dir / "kiosk.db";
    publish(t.settings.kioskDatabase, std::chrono::system_clock::now(),
            {dps::kiosk::KioskActivity::Visit, 0, {}, false});
    const HttpResponse old{422, "",
                           R"({"error":"schema_violation","message":"is not a field of a heartbeat","path":"/kiosk"})",
                           std::nullopt, 0};
    t.server.answers = {old};
    ASSERT_TRUE(t.job.runOnce());
    ASSERT_EQ(t.server.requests.size(), 2u);
    EXPECT_TRUE(sent(t.server.requests[0]).kiosk);
    EXPECT_FALSE(sent(t.server.requests[1]).kiosk);
    EXPECT_EQ(t.server.requests[1].body, dps::protocol::heartbeatJson([&] {
                  auto h = sent(t.server.requests[0]);
                  h.kiosk.reset();
                  return h;
              }()))
        << "the same heartbeat, only without the kiosk's state";
    EXPECT_TRUE(t.agent.fact("last_heartbeat"));
    // Any other refusal is not taken for an older server: no second request.
    t.server.answers = {
        {422, "", R"({"error":"schema_violation","message":"x","path":"/kiosk/state"})", std::nullopt, 0}};
    EXPECT_FALSE(t.job.runOnce());
    EXPECT_EQ(t.server.requests.size(), 3u);
    ASSERT_TRUE(t.job.runOnce());
    EXPECT_TRUE(sent(t.server.requests.back()).kiosk) << "tried with it again each time";
}

// A call for help must not wait for the next heartbeat (15 minutes by default): with a kiosk.db the
// job looks every kKioskWatch and sends at once on a change staff act on, not on the minutes.
TEST(HeartbeatJob, AChangeStaffMustSeeGoesAtOnceTheMinutesTickingDoNot) {
    HeartbeatTerminal t;
    t.enroll();
    t.settings.kioskDatabase = t.dir / "kiosk.db";
    const auto now = std::chrono::system_clock::now();
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 30, {}, false});
    EXPECT_LE(t.job.run(), HeartbeatJob::kKioskWatch);
    EXPECT_EQ(t.server.requests.size(), 1u);
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 29, {}, false});
    EXPECT_LE(t.job.run(), HeartbeatJob::kKioskWatch);
    EXPECT_EQ(t.server.requests.size(), 1u) << "a minute less is no news";
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 29, 0, false});
    t.job.run();
    ASSERT_EQ(t.server.requests.size(), 2u) << "a call for help is";
    EXPECT_EQ(sent(t.server.requests[1]).kiosk->helpAskedMinutes, 0);
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 25, 4, false});
    t.job.run();
    EXPECT_EQ(t.server.requests.size(), 2u) << "nor is the call's wait growing";
    publish(t.settings.kioskDatabase, now, {dps::kiosk::KioskActivity::FreeUse, 25, {}, false});
    t.job.run();
    EXPECT_EQ(t.server.requests.size(), 3u) << "its answer is";
}
