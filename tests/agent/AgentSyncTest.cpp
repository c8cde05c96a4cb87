// The agent's sync pass on real files: a kiosk.db written by the kiosk's adapters, a real
// agent.db, and a scripted server (the fake is the network only).
#include "BrusselsWinterDate.h"
#include "TempDir.h"
#include "agent/cli/AgentSettings.h"
#include "agent/jobs/InventoryJob.h"
#include "agent/jobs/UsageCollector.h"
#include "agent/jobs/UsageSender.h"
#include "agent/net/CurlHttpClient.h"
#include "agent/store/AgentDb.h"
#include "agent/store/KioskDbReader.h"
#include "dps/core/Timestamp.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/protocol/UsageJson.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <deque>
#include <sys/stat.h>

using dps::agent::AgentDb;
using dps::agent::Backoff;
using dps::agent::checkServerUrl;
using dps::agent::CollectResult;
using dps::agent::CollectSettings;
using dps::agent::HttpClient;
using dps::agent::HttpRequest;
using dps::agent::HttpResponse;
using dps::agent::inventoryHash;
using dps::agent::InventoryJob;
using dps::agent::KioskDbReader;
using dps::agent::Seconds;
using dps::agent::StopSignal;
using dps::agent::UrlRefused;
using dps::agent::UsageCollector;
using dps::agent::UsageSender;
using dps::kiosk::EndReason;
using dps::test::brusselsWinterDate;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

dps::WallTime at(int day, int hour) { return sys_days{year{2026} / 11 / day} + hours{hour}; }

// Answers scripted in order; every request is kept to look at.
class SyncServer final : public HttpClient {
public:
    std::deque<HttpResponse> answers;
    std::vector<HttpRequest> requests;
    HttpResponse post(const HttpRequest& r) override {
        requests.push_back(r);
        if (answers.empty()) return {200, "", R"({"applied":1,"ignored":0})", std::nullopt, r.body.size()};
        HttpResponse a = answers.front();
        answers.pop_front();
        return a;
    }
    [[nodiscard]] std::vector<std::string> datesOf(std::size_t i) const {
        std::vector<std::string> out;
        const auto batch = nlohmann::json::parse(requests.at(i).body);
        for (const auto& rec : batch.at("records"))
            out.push_back(rec.at("date"));
        return out;
    }
};

HttpResponse answer(long status, std::string body = "{}", std::optional<seconds> retryAfter = std::nullopt) {
    return {status, status ? "" : "Connection reset by peer", std::move(body), retryAfter, 0};
}

struct SyncTerminal {
    dps::test::TempDir dir;
    dps::storage::Database kiosk = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteVisitLog log{kiosk};
    AgentDb agent = AgentDb::open(dir / "agent.db");

    void visit(int day, int hour, const char* language = "fr") {
        const auto id = log.open(at(day, hour), brusselsWinterDate(at(day, hour)), language);
        log.close(*id, at(day, hour) + minutes(12), EndReason::Finished);
    }
    CollectResult collect(const std::string& today, CollectSettings s = {}) {
        KioskDbReader reader(kiosk, brusselsWinterDate);
        return UsageCollector(agent, s).collect(reader, today);
    }
    void enroll() { agent.saveCredential({"http://127.0.0.1:1", "T-1", "secret"}); }
};

} // namespace

TEST(AgentDb, TheFileHoldingTheCredentialIsReadableByItsOwnerOnly) {
    dps::test::TempDir dir;
    { AgentDb::open(dir / "agent.db"); }
    struct stat st {};
    ASSERT_EQ(::stat((dir / "agent.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ::chmod((dir / "agent.db").c_str(), 0644); // widened by hand: narrowed again at open
    { AgentDb::open(dir / "agent.db"); }
    ASSERT_EQ(::stat((dir / "agent.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(UsageCollector, ADayIsQueuedWhenItChangesWithTheNextRevisionAndFinalOnceOver) {
    SyncTerminal t;
    t.visit(23, 9);
    auto r = t.collect("2026-11-23");
    EXPECT_EQ(r.queued, 1);
    auto box = t.agent.outbox(10);
    ASSERT_EQ(box.size(), 1u);
    EXPECT_EQ(box[0].rev, 1);
    EXPECT_FALSE(nlohmann::json::parse(box[0].record).at("final").get<bool>()); // the day is not over

    EXPECT_EQ(t.collect("2026-11-23").queued, 0); // nothing changed: nothing queued
    t.visit(23, 10);
    EXPECT_EQ(t.collect("2026-11-23").queued, 1);
    box = t.agent.outbox(10);
    ASSERT_EQ(box.size(), 1u) << "the newer revision replaces the queued one";
    EXPECT_EQ(box[0].rev, 2);
    EXPECT_EQ(nlohmann::json::parse(box[0].record).at("visits"), 2);

    EXPECT_EQ(t.collect("2026-11-24").queued, 1); // past midnight the same counts become final
    box = t.agent.outbox(10);
    EXPECT_EQ(box[0].rev, 3);
    EXPECT_TRUE(nlohmann::json::parse(box[0].record).at("final").get<bool>());
}

TEST(UsageCollector, AFullOutboxKeepsTheOldestAndHoldsBackTheRest) {
    SyncTerminal t;
    for (int d = 10; d <= 20; ++d)
        t.visit(d, 9);
    CollectSettings s;
    s.outboxCap = 4;
    const auto r = t.collect("2026-11-25", s);
    EXPECT_EQ(r.queued, 4);
    EXPECT_EQ(r.heldBack, 7);
    const auto box = t.agent.outbox(100);
    ASSERT_EQ(box.size(), 4u);
    EXPECT_EQ(box.front().date, "2026-11-10");
    EXPECT_EQ(box.back().date, "2026-11-13");
    // Once the server took the queue, the held-back days come.
    t.agent.acknowledge(box);
    EXPECT_EQ(t.collect("2026-11-25", s).queued, 4);
    EXPECT_EQ(t.agent.outbox(100).front().date, "2026-11-14");
}

TEST(UsageSender, A2xxEmptiesTheOutboxAndMarksWhatIsReported) {
    SyncTerminal t;
    t.enroll();
    t.visit(22, 9);
    t.visit(23, 9);
    t.collect("2026-11-24");
    SyncServer server;
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    const auto r = UsageSender(t.agent, server, 200, b).sendAll(stop);
    EXPECT_EQ(r.delivered, 2);
    EXPECT_FALSE(r.failed());
    EXPECT_EQ(t.agent.outboxSize(), 0);
    EXPECT_EQ(t.agent.fact("acknowledged_through"), "2026-11-23");
    ASSERT_EQ(server.requests.size(), 1u);
    EXPECT_EQ(server.requests[0].bearer, "secret");
    EXPECT_TRUE(
        std::holds_alternative<dps::protocol::UsageBatch>(dps::protocol::parseUsageBatch(server.requests[0].body)))
        << "what the agent sends passes the server's own parser";
}

TEST(UsageCollector, ADayTheKioskDeletedOnceTheServerHadItIsNotSentAgainEmptier) {
    // The kiosk deletes a day's visits once the server has the day (storage.retention); its
    // equipment reports stay (staff tables are kept), so the date is still in kiosk.db. Within
    // sync.lookback_days the agent recomputes settled days: it must not send the server a day
    // with no visits in place of the one it acknowledged.
    SyncTerminal t;
    t.enroll();
    t.visit(20, 9);
    t.visit(20, 10);
    dps::kiosk::SqliteTerminalLog(t.kiosk).equipment(at(20, 11), "Ann", dps::kiosk::Equipment::Printer,
                                                     dps::kiosk::EquipmentState::NotWorking);
    t.collect("2026-11-21");
    SyncServer server;
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    ASSERT_EQ(UsageSender(t.agent, server, 200, b).sendAll(stop).delivered, 1);
    ASSERT_EQ(t.agent.fact("acknowledged_through"), "2026-11-20");
    ASSERT_EQ(t.log.purgeThrough("2026-11-20"), 2);

    EXPECT_EQ(t.collect("2026-11-22").queued, 0);
    EXPECT_EQ(t.agent.outboxSize(), 0) << "the server keeps the day with its two visits";
    const auto day = t.agent.dayState("2026-11-20");
    ASSERT_TRUE(day);
    EXPECT_EQ(day->rev, day->ackedRev);
}

TEST(UsageSender, ARetryableFailureKeepsTheQueueWaitsRetryAfterAndReusesTheIdempotencyKey) {
    SyncTerminal t;
    t.enroll();
    t.visit(23, 9);
    t.collect("2026-11-24");
    SyncServer server;
    server.answers = {answer(503, "{}", seconds(30)), answer(0)};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    UsageSender sender(t.agent, server, 200, b);
    auto r = sender.sendAll(stop);
    ASSERT_TRUE(r.retryIn);
    EXPECT_GE(r.retryIn->count(), 30.0);
    EXPECT_EQ(t.agent.outboxSize(), 1);
    r = sender.sendAll(stop); // connection reset
    ASSERT_TRUE(r.retryIn);
    EXPECT_LE(r.retryIn->count(), 2.0); // the second failure: up to base x 2
    EXPECT_EQ(t.agent.outboxSize(), 1);
    r = sender.sendAll(stop);
    EXPECT_EQ(r.delivered, 1);
    EXPECT_EQ(t.agent.outboxSize(), 0);
    ASSERT_EQ(server.requests.size(), 3u);
    EXPECT_EQ(server.requests[0].idempotencyKey, server.requests[2].idempotencyKey);
    EXPECT_TRUE(t.agent.fact("last_error").has_value());
}

TEST(UsageSender, TooLargeIsSplitUntilItFitsAndASingleRecordTooLargeIsSetAside) {
    SyncTerminal t;
    t.enroll();
    for (int d = 20; d <= 23; ++d)
        t.visit(d, 9);
    t.collect("2026-11-24");
    SyncServer server;
    // 4 records: 413; halves of 2: the first 413 again, then its halves 200, 413 (one record);
    // the second half 200.
    server.answers = {answer(413), answer(413), answer(200), answer(413), answer(200)};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    const auto r = UsageSender(t.agent, server, 200, b).sendAll(stop);
    EXPECT_EQ(r.delivered, 3);
    EXPECT_EQ(r.deadLettered, 1);
    EXPECT_EQ(t.agent.outboxSize(), 0);
    EXPECT_EQ(t.agent.deadLetterCount(), 1);
    EXPECT_EQ(server.datesOf(0).size(), 4u);
    EXPECT_EQ(server.datesOf(1).size(), 2u);
    EXPECT_EQ(server.datesOf(3), std::vector<std::string>{"2026-11-21"});
}

TEST(UsageSender, ASchemaErrorSetsAsideTheRecordItNamesAndSendsTheRest) {
    SyncTerminal t;
    t.enroll();
    for (int d = 21; d <= 23; ++d)
        t.visit(d, 9);
    t.collect("2026-11-24");
    SyncServer server;
    server.answers = {
        answer(422, R"({"error":"schema_violation","message":"is not a known code","path":"/records/1/by_mode/x"})")};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    const auto r = UsageSender(t.agent, server, 200, b).sendAll(stop);
    EXPECT_EQ(r.deadLettered, 1);
    EXPECT_EQ(r.delivered, 2);
    ASSERT_EQ(server.requests.size(), 2u);
    EXPECT_EQ(server.datesOf(1), (std::vector<std::string>{"2026-11-21", "2026-11-23"}));
    // The dead letter is not queued again while the day stays the same.
    EXPECT_EQ(t.collect("2026-11-24").queued, 0);
}

// A dps-server before issue 20 refuses free_use, as its parseUsageBatch answered any field it did
// not list: 422, path /records/N/free_use, "is not a field of dps-usage/1" (that server's
// UsageJson.cpp). The agent sends that day again without it, at once, rather than losing the day.
TEST(UsageSender, AServerBeforeFreeUseGetsTheDayWithoutItNotADeadLetter) {
    SyncTerminal t;
    t.enroll();
    t.visit(21, 9);
    const auto id = t.log.open(at(22, 9), "2026-11-22", "nl");
    ASSERT_TRUE(t.log.freeUse(*id, dps::kiosk::FreeUseRecord{}));
    ASSERT_TRUE(t.log.freeUse(*id, {30, dps::kiosk::FreeUseEnd::Finished, 2, false, true}));
    ASSERT_TRUE(t.log.close(*id, at(22, 9) + minutes(31), EndReason::Finished));
    t.collect("2026-11-24");
    SyncServer server;
    server.answers = {answer(
        422, R"({"error":"schema_violation","message":"is not a field of dps-usage/1","path":"/records/1/free_use"})")};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    const auto r = UsageSender(t.agent, server, 200, b).sendAll(stop);
    EXPECT_EQ(r.deadLettered, 0);
    EXPECT_EQ(r.delivered, 2);
    ASSERT_EQ(server.requests.size(), 2u);
    const auto first = nlohmann::json::parse(server.requests[0].body);
    const auto second = nlohmann::json::parse(server.requests[1].body);
    EXPECT_EQ(first["records"][1]["free_use"]["visits"], 1);
    EXPECT_EQ(first["records"][1]["free_use"]["eid"], 1);
    EXPECT_FALSE(second["records"][1].contains("free_use"));
    EXPECT_EQ(second["records"][1]["visits"], 1) << "the rest of the day goes as it was";
    EXPECT_EQ(second["records"][0], first["records"][0]);
    EXPECT_EQ(t.agent.deadLetterCount(), 0);
}

// A server that has free_use and refuses a count inside it: that is a bad record, set aside.
TEST(UsageSender, AFreeUseCountRefusedIsADeadLetterAsAnyOther) {
    SyncTerminal t;
    t.enroll();
    t.visit(21, 9);
    t.collect("2026-11-24");
    SyncServer server;
    server.answers = {answer(422, R"({"error":"schema_violation","message":"must be between 0 and 1000000",)"
                                  R"("path":"/records/0/free_use/pages"})")};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    const auto r = UsageSender(t.agent, server, 200, b).sendAll(stop);
    EXPECT_EQ(r.deadLettered, 1);
    EXPECT_EQ(server.requests.size(), 1u);
}

TEST(UsageSender, ARefusedCredentialStopsSendingAndKeepsTheQueue) {
    SyncTerminal t;
    t.enroll();
    t.visit(23, 9);
    t.collect("2026-11-24");
    SyncServer server;
    server.answers = {answer(403, R"({"error":"revoked","message":"this terminal was revoked"})")};
    Backoff b({Seconds(1), Seconds(10)}, 1);
    std::atomic<bool> stop{false};
    UsageSender sender(t.agent, server, 200, b);
    auto r = sender.sendAll(stop);
    EXPECT_TRUE(r.reenroll);
    EXPECT_EQ(t.agent.outboxSize(), 1);
    EXPECT_NE(t.agent.fact("reenroll")->find("enrolled again"), std::string::npos);
    r = sender.sendAll(stop);
    EXPECT_TRUE(r.reenroll);
    EXPECT_EQ(server.requests.size(), 1u) << "nothing more is sent until the terminal is enrolled again";
}

TEST(AgentStatus, TheKioskReadsWhatTheAgentWroteAndNothingFromAFileThatIsNotThere) {
    dps::test::TempDir dir;
    EXPECT_FALSE(dps::protocol::readAgentStatus(dir / "status.json"));
    dps::protocol::writeAgentStatus(dir / "status.json", {"2026-11-30", "2026-12-01T08:00:00Z"});
    const auto back = dps::protocol::readAgentStatus(dir / "status.json");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->acknowledgedThrough, "2026-11-30");
    EXPECT_EQ(back->lastSuccess, "2026-12-01T08:00:00Z");
    EXPECT_FALSE(std::filesystem::exists(dir / "status.json.tmp"));
    dps::test::writeFile(dir / "status.json", "{\"acknowledged_through\": ");
    EXPECT_FALSE(dps::protocol::readAgentStatus(dir / "status.json")) << "half a file is no status";
}

TEST(ServerUrl, PlainHttpOnlyToThisMachineOrWhenSaidInsecure) {
    EXPECT_NO_THROW(checkServerUrl("https://stats.example.brussels", false));
    EXPECT_NO_THROW(checkServerUrl("http://127.0.0.1:8480", false));
    EXPECT_NO_THROW(checkServerUrl("http://localhost:8480/", false));
    EXPECT_NO_THROW(checkServerUrl("http://[::1]:8480", false));
    EXPECT_THROW(checkServerUrl("http://192.0.2.1:8480", false), UrlRefused);
    EXPECT_THROW(checkServerUrl("http://127.0.0.1.example.org", false), UrlRefused)
        << "a name that starts like a loopback address is not one";
    EXPECT_NO_THROW(checkServerUrl("http://192.0.2.1:8480", true)); // logged as a warning
    EXPECT_THROW(checkServerUrl("ftp://stats.example.brussels", true), UrlRefused);
    EXPECT_THROW(checkServerUrl("stats example", false), UrlRefused);
}

TEST(UsageCollector, AStopBetweenDaysKeepsWhatWasDoneAndTheRestComesNextTime) {
    SyncTerminal t;
    for (int d = 10; d <= 14; ++d)
        t.visit(d, 9);
    std::atomic<bool> stop{true};
    KioskDbReader reader(t.kiosk, brusselsWinterDate);
    EXPECT_EQ(UsageCollector(t.agent, {}).collect(reader, "2026-11-25", &stop).queued, 0);
    stop = false;
    EXPECT_EQ(UsageCollector(t.agent, {}).collect(reader, "2026-11-25", &stop).queued, 5);
}

namespace {
nlohmann::json inventoryWith(const std::string& reader, std::int64_t freeMb) {
    return {{"format", "dps-inventory/1"},
            {"glpi", {{"content", {{"drives", {{{"type", "/"}, {"free", freeMb}}}}}}}},
            {"dps", {{"card_readers", {{"readers", {reader}}}}, {"os", {{"uptime_seconds", freeMb}}}}}};
}
} // namespace

TEST(InventoryJob, SentWhenItChangesNotWhenOnlyFreeSpaceMovesAndSetAsideWhenRefused) {
    SyncTerminal t;
    t.enroll();
    dps::agent::AgentSettings s = dps::agent::agentSchema().defaults();
    StopSignal stop;
    nlohmann::json current = inventoryWith("OMNIKEY 3121", 1000);
    InventoryJob job(s, t.agent, stop, [&] { return current; });
    SyncServer server;
    job.useClient(&server);

    auto pass = job.runOnce();
    EXPECT_TRUE(pass.queued);
    EXPECT_TRUE(pass.sent);
    ASSERT_EQ(server.requests.size(), 1u);
    EXPECT_EQ(server.requests[0].path, "/api/v1/inventory");
    EXPECT_EQ(server.requests[0].idempotencyKey, "inv-" + inventoryHash(current));

    current = inventoryWith("OMNIKEY 3121", 870); // free space and uptime moved: the same inventory
    pass = job.runOnce();
    EXPECT_FALSE(pass.queued);
    EXPECT_EQ(server.requests.size(), 1u);

    current = inventoryWith("ACS ACR38U", 870); // another reader: a new inventory, the server is down
    server.answers = {answer(503, "{}", seconds(20))};
    pass = job.runOnce();
    EXPECT_TRUE(pass.queued);
    ASSERT_TRUE(pass.retryIn);
    EXPECT_GE(pass.retryIn->count(), 20.0);
    EXPECT_TRUE(t.agent.queuedInventory()) << "kept for the next try";
    pass = job.runOnce();
    EXPECT_TRUE(pass.sent);
    EXPECT_FALSE(t.agent.queuedInventory());

    current = inventoryWith("Gemalto", 870);
    server.answers = {answer(422, R"({"error":"schema_violation","message":"not an array","path":"/glpi"})")};
    pass = job.runOnce();
    EXPECT_FALSE(pass.sent);
    EXPECT_FALSE(t.agent.queuedInventory()) << "set aside, not retried in a loop";
    EXPECT_TRUE(t.agent.fact("inventory_error"));
    const auto before = server.requests.size();
    job.runOnce();
    EXPECT_EQ(server.requests.size(), before) << "the same refused content is not sent again";
}

TEST(InventoryJob, SentAgainAfterAWeekEvenIfNothingChanged) {
    SyncTerminal t;
    t.enroll();
    dps::agent::AgentSettings s = dps::agent::agentSchema().defaults();
    StopSignal stop;
    const nlohmann::json same = inventoryWith("OMNIKEY 3121", 1000);
    InventoryJob job(s, t.agent, stop, [&] { return same; });
    SyncServer server;
    job.useClient(&server);
    job.runOnce();
    t.agent.setFact("inventory_sent_at", dps::toIsoUtc(std::chrono::system_clock::now() - hours(24 * 7 + 1)));
    EXPECT_TRUE(job.runOnce().sent);
    EXPECT_EQ(server.requests.size(), 2u);
}

TEST(InventoryJob, ANewInventoryIsForwardedToGlpiInItsOwnProtocolOnceTheServerHasIt) {
    SyncTerminal t;
    t.enroll();
    dps::agent::AgentSettings s = dps::agent::agentSchema().defaults();
    s.glpiUrl = "https://glpi.example.brussels/front/inventory.php";
    s.glpiUser = "dps";
    s.glpiPassword = "pw";
    StopSignal stop;
    nlohmann::json current = inventoryWith("OMNIKEY 3121", 1000);
    current["glpi"]["itemtype"] = "Computer";
    InventoryJob job(s, t.agent, stop, [&] { return current; });
    SyncServer server, glpi;
    job.useClient(&server);
    job.useGlpiClient(&glpi);
    glpi.answers = {answer(503)};
    auto pass = job.runOnce();
    EXPECT_TRUE(pass.sent);
    EXPECT_FALSE(pass.forwarded) << "GLPI was down";
    ASSERT_EQ(glpi.requests.size(), 1u);
    const HttpRequest r = glpi.requests[0]; // a copy: the next request grows the vector
    ASSERT_TRUE(r.glpi);
    EXPECT_EQ(r.glpi->user, "dps");
    EXPECT_TRUE(dps::protocol::isUuidV4(r.glpi->agentId));
    EXPECT_EQ(nlohmann::json::parse(r.body), current["glpi"]) << "the GLPI part alone, as GLPI reads it";
    EXPECT_FALSE(r.bearer) << "the server's token never goes to GLPI";

    pass = job.runOnce(); // nothing new for the server; GLPI gets what it missed
    EXPECT_FALSE(pass.queued);
    EXPECT_TRUE(pass.forwarded);
    ASSERT_EQ(glpi.requests.size(), 2u);
    EXPECT_EQ(glpi.requests[1].glpi->agentId, r.glpi->agentId) << "one GLPI-Agent-ID for this agent";
    job.runOnce();
    EXPECT_EQ(glpi.requests.size(), 2u) << "nothing to forward again";
}
