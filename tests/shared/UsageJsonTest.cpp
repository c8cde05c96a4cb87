// The shared wire formats (dps_protocol): usage batches and heartbeats, read by the server and
// written by the agent. Edge cases of parseUsageBatch and parseHeartbeat, and round trips.
#include "dps/protocol/UsageJson.h"
#include "dps/protocol/HeartbeatJson.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace dps::protocol {
namespace {

UsageRecord fullRecord() {
    UsageRecord r;
    r.day.date = "2026-02-28";
    r.day.visits = 3;
    r.day.byMode = {{"free", 2}, {"guided_group", 1}};
    r.day.groupParticipants = 6;
    r.day.used = std::chrono::minutes(95);
    r.day.length = {{"lt5", 1}, {"ge60", 1}, {"30-60", 1}};
    r.day.byLanguage = {{"nl", 3}};
    r.day.byPurpose = {{"banking", 1}};
    r.day.byAudience = {{"seniors", 1}};
    r.day.tutorials = {{"phishing", {2, 1, 1}}};
    r.day.eidChecks = {{"card_valid", 1}};
    r.day.pinTests = {{"pin_right", 1}};
    r.day.cameFor = {{"other", 1}};
    r.day.helped = {{"no", 1}};
    r.day.autonomy = {{"alone", 1}};
    r.day.referral = {{"none", 1}};
    r.day.equipmentProblems = {{"mouse", 1}};
    r.day.byEndReason = {{"finished", 2}, {"interrupted", 1}};
    r.day.freeUse = {2, 47, 5, 1, 1};
    r.rev = 2147483647;
    r.final = true;
    return r;
}

std::string batchOf(const std::vector<UsageRecord>& records) {
    std::vector<std::string> texts;
    for (const auto& r : records)
        texts.push_back(recordJson(r));
    return batchJson("0b6f1c9e-3d2a-4f7b-9c1e-5a8d2e4f6b10", texts);
}

BodyError errorOf(const std::string& body) {
    const auto parsed = parseUsageBatch(body);
    if (!std::holds_alternative<BodyError>(parsed)) return {};
    return std::get<BodyError>(parsed);
}

TEST(UsageJson, RecordJsonRoundTripsThroughParseUsageBatch) {
    UsageRecord empty;
    empty.day.date = "2026-11-23";
    const std::vector<UsageRecord> records{fullRecord(), empty};
    const auto parsed = parseUsageBatch(batchOf(records));
    ASSERT_TRUE(std::holds_alternative<UsageBatch>(parsed)) << std::get<BodyError>(parsed).message;
    const auto& batch = std::get<UsageBatch>(parsed);
    EXPECT_EQ(batch.batchId, "0b6f1c9e-3d2a-4f7b-9c1e-5a8d2e4f6b10");
    ASSERT_EQ(batch.records.size(), 2u);
    EXPECT_EQ(batch.records[0], records[0]);
    EXPECT_EQ(batch.records[1], records[1]);
    // And the same bytes again: what the server stores is what the agent compares.
    EXPECT_EQ(recordJson(batch.records[0]), recordJson(records[0]));
    EXPECT_EQ(countersJson(batch.records[0].day), countersJson(records[0].day));
}

TEST(UsageJson, TheDocumentedExampleParses) {
    std::ifstream in(std::string(DPS_SOURCE_DIR) + "/docs/protocol/usage-example.json");
    const std::string example{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ASSERT_FALSE(example.empty());
    const auto parsed = parseUsageBatch(example);
    ASSERT_TRUE(std::holds_alternative<UsageBatch>(parsed)) << std::get<BodyError>(parsed).path;
    const auto& r = std::get<UsageBatch>(parsed).records.at(0);
    EXPECT_EQ(r.day.date, "2026-11-23");
    EXPECT_EQ(r.rev, 4);
    EXPECT_TRUE(r.final);
    EXPECT_EQ(r.day.visits, 23);
    EXPECT_EQ(r.day.minutes(), 612);
    EXPECT_EQ(r.day.tutorials.at("mouse-basics").abandoned, 2);
    EXPECT_EQ(r.day.byEndReason.at("facilitator_ended"), 5);
    EXPECT_EQ(r.day.freeUse, (FreeUseCounts{9, 214, 13, 3, 1}));
}

// Issue 20 is a compatible change of dps-usage/1: a record of an agent before free_use parses, as a
// day without free use; a day without free use is written with the bytes it had before the field,
// so agents do not send their old days again and servers before the field still take it.
TEST(UsageJson, FreeUseIsOptionalAndWrittenOnlyOnADayThatHadSome) {
    UsageRecord r = fullRecord();
    const std::string with = recordJson(r);
    EXPECT_NE(with.find(R"("free_use":{"eid":1,"minutes":47,"pages":5,"usb":1,"visits":2})"), std::string::npos)
        << with;
    r.day.freeUse = {};
    const std::string without = recordJson(r);
    EXPECT_EQ(without.find("free_use"), std::string::npos) << without;
    // The old agent's record (no free_use) reads back as a day with none.
    const auto parsed = parseUsageBatch(batchJson("0b6f1c9e-3d2a-4f7b-9c1e-5a8d2e4f6b10", std::vector{without}));
    ASSERT_TRUE(std::holds_alternative<UsageBatch>(parsed)) << std::get<BodyError>(parsed).message;
    EXPECT_EQ(std::get<UsageBatch>(parsed).records.at(0).day.freeUse, FreeUseCounts{});
}

TEST(UsageJson, EdgeCasesHaveTheirPath) {
    const auto good = nlohmann::json::parse(batchOf({fullRecord()}));
    struct Case {
        std::function<void(nlohmann::json&)> change;
        std::string path;
    };
    const std::vector<Case> cases = {
        {[](auto& j) { j.erase("format"); }, "/format"},
        {[](auto& j) { j["format"] = "dps-usage/2"; }, "/format"},
        {[](auto& j) { j["batch_id"] = "0B6F1C9E-3D2A-4F7B-9C1E-5A8D2E4F6B10"; }, "/batch_id"},
        {[](auto& j) { j["records"] = nlohmann::json::array(); }, "/records"},
        {[](auto& j) { j["records"] = nlohmann::json::object(); }, "/records"},
        {[](auto& j) { j["records"][0]["rev"] = 0; }, "/records/0/rev"},
        {[](auto& j) { j["records"][0]["rev"] = 2147483648LL; }, "/records/0/rev"},
        {[](auto& j) { j["records"][0]["rev"] = 18446744073709551615ULL; }, "/records/0/rev"},
        {[](auto& j) { j["records"][0]["rev"] = 1.0; }, "/records/0/rev"},
        {[](auto& j) { j["records"][0]["final"] = 1; }, "/records/0/final"},
        {[](auto& j) { j["records"][0]["visits"] = 1000001; }, "/records/0/visits"},
        {[](auto& j) { j["records"][0]["date"] = "2026-2-28"; }, "/records/0/date"},
        {[](auto& j) { j["records"][0]["date"] = "2025-02-29"; }, "/records/0/date"},
        {[](auto& j) { j["records"][0]["date"] = "1999-01-01"; }, "/records/0/date"},
        {[](auto& j) { j["records"][0].erase("by_end_reason"); }, "/records/0/by_end_reason"},
        {[](auto& j) { j["records"][0]["by_language"]["FR"] = 1; }, "/records/0/by_language/FR"},
        {[](auto& j) { j["records"][0]["by_language"]["a/b~c"] = 1; }, "/records/0/by_language/a~1b~0c"},
        {[](auto& j) { j["records"][0]["tutorials"]["phishing"]["skipped"] = 1; },
         "/records/0/tutorials/phishing/skipped"},
        {[](auto& j) { j["records"][0]["tutorials"]["phishing"].erase("completed"); },
         "/records/0/tutorials/phishing/completed"},
        {[](auto& j) { j["records"][0]["helped"]["maybe"] = 1; }, "/records/0/helped/maybe"},
        {[](auto& j) { j["records"][0]["equipment_problems"]["mouse"] = -1; }, "/records/0/equipment_problems/mouse"},
        {[](auto& j) { j["records"][0]["free_use"] = 3; }, "/records/0/free_use"},
        {[](auto& j) { j["records"][0]["free_use"]["url"] = 1; }, "/records/0/free_use/url"},
        {[](auto& j) { j["records"][0]["free_use"].erase("eid"); }, "/records/0/free_use/eid"},
        {[](auto& j) { j["records"][0]["free_use"]["pages"] = -2; }, "/records/0/free_use/pages"},
        {[](auto& j) { j["records"][0]["free_use"]["minutes"] = 1000001; }, "/records/0/free_use/minutes"},
        {[](auto& j) { j["records"][0]["free_use"]["usb"] = true; }, "/records/0/free_use/usb"},
        // Found by fuzz.usage_body_bounded: free_use is sent only on a day that had a session.
        {[](auto& j) { j["records"][0]["free_use"]["visits"] = 0; }, "/records/0/free_use/visits"},
    };
    for (const auto& c : cases) {
        auto j = good;
        c.change(j);
        const auto e = errorOf(j.dump());
        EXPECT_EQ(e.status, 422) << j.dump();
        EXPECT_EQ(e.code, "schema_violation");
        EXPECT_EQ(e.path, c.path) << e.message;
    }
    auto many = good;
    for (int i = 0; i < 400; ++i)
        many["records"].push_back(good["records"][0]);
    EXPECT_EQ(errorOf(many.dump()).path, "/records");
}

TEST(UsageJson, NotJsonIs400) {
    for (const std::string& body :
         std::vector<std::string>{"", "{", "[1,]", "\xff", "{\"a\":1} trailing", std::string(32, '[')}) {
        const auto e = errorOf(body);
        EXPECT_EQ(e.status, 400) << body.substr(0, 20);
        EXPECT_EQ(e.code, "malformed_json");
    }
    // Deeper than the depth limit, the parser stops at level 33 before it could see the rest is
    // not JSON either (issue 17): 422, like any body nested too deep.
    const auto deep = errorOf(std::string(100000, '['));
    EXPECT_EQ(deep.status, 422);
    EXPECT_EQ(deep.code, "schema_violation");
    EXPECT_EQ(deep.message, "is nested deeper than 32 levels");
    EXPECT_EQ(errorOf("[]").status, 422);
    EXPECT_EQ(errorOf("null").path, "");
}

// A number no double holds (1e999) is malformed JSON, not an exception (found by
// tests/fuzz/UsageBodyFuzz.cpp).
TEST(UsageJson, ANumberNoDoubleHoldsIs400) {
    EXPECT_EQ(errorOf(R"({"format": "dps-usage/1", "records": 1e999})").status, 400);
}

// Issue 17: the message was the parser's own exception text ("[json.exception.parse_error.101]
// parse error at line 1, column 12: syntax error while parsing value…"), sent to anyone.
TEST(UsageJson, NotJsonIsSaidInOurOwnWords) {
    EXPECT_EQ(errorOf("{\"format\": ").message, "the body is not JSON (it stops being JSON at byte 12)");
    EXPECT_EQ(errorOf("\xff").message, "the body is not JSON (it stops being JSON at byte 1)");
    EXPECT_EQ(errorOf(R"({"records": 1e999})").message,
              "the body is not JSON that this server can read: a number in it is too large for a double");
    EXPECT_EQ(errorOf("").message.find("json.exception"), std::string::npos);
}

TEST(HeartbeatJson, RoundTrip) {
    const Heartbeat h{"0.1.0~rc1", 86400, 12'000'000'000, 3, 1, "POST /api/v1/usage: 422 at /records/0/rev « é »",
                      std::nullopt};
    const std::string text = heartbeatJson(h);
    EXPECT_EQ(text.rfind(R"({"agent_version":"0.1.0~rc1","uptime_seconds":86400,)", 0), 0u) << text;
    const auto parsed = parseHeartbeat(text);
    ASSERT_TRUE(std::holds_alternative<Heartbeat>(parsed)) << std::get<BodyError>(parsed).path;
    EXPECT_EQ(std::get<Heartbeat>(parsed), h);
}

TEST(HeartbeatJson, EveryFieldRequiredNoOther) {
    const auto good = nlohmann::json::parse(heartbeatJson({"1", 0, 0, 0, 0, "", std::nullopt}));
    auto refused = [](const nlohmann::json& j) {
        const auto parsed = parseHeartbeat(j.dump());
        return std::holds_alternative<BodyError>(parsed) ? std::get<BodyError>(parsed) : BodyError{0, "", "", "-"};
    };
    EXPECT_TRUE(std::holds_alternative<Heartbeat>(parseHeartbeat(good.dump())));
    for (const auto& field : good.items()) {
        auto j = good;
        j.erase(field.key());
        EXPECT_EQ(refused(j).path, "/" + field.key());
        j = good;
        j[field.key()] = nullptr;
        EXPECT_EQ(refused(j).path, "/" + field.key());
    }
    auto j = good;
    j["terminal"] = "T-000001";
    EXPECT_EQ(refused(j).path, "/terminal");
    j = good;
    j["outbox"] = -1;
    EXPECT_EQ(refused(j).path, "/outbox");
    j = good;
    j["free_disk_bytes"] = 18446744073709551615ULL;
    EXPECT_EQ(refused(j).path, "/free_disk_bytes");
    j = good;
    j["agent_version"] = std::string(65, 'v');
    EXPECT_EQ(refused(j).path, "/agent_version");
    j = good;
    j["last_error"] = std::string(500, 'x');
    EXPECT_TRUE(std::holds_alternative<Heartbeat>(parseHeartbeat(j.dump())));
    std::string accented;
    for (int i = 0; i < 500; ++i)
        accented += "é"; // 500 characters, 1000 bytes: allowed
    j["last_error"] = accented;
    EXPECT_TRUE(std::holds_alternative<Heartbeat>(parseHeartbeat(j.dump())));
    j["last_error"] = accented + "é";
    EXPECT_EQ(refused(j).path, "/last_error");
    EXPECT_EQ(std::get<BodyError>(parseHeartbeat("{")).status, 400);
    EXPECT_EQ(std::get<BodyError>(parseHeartbeat(R"({"outbox": 77E7777})")).status, 400); // no double holds it
    EXPECT_EQ(std::get<BodyError>(parseHeartbeat("[]")).status, 422);
}

// Issue 20: the kiosk's state, optional. Without it the bytes are those an older server takes
// (docs/protocol.md's example heartbeat, unchanged).
TEST(HeartbeatJson, WithoutAKioskStateTheBytesAreAsBefore) {
    EXPECT_EQ(heartbeatJson({"0.1.0", 60, 1000000, 2, 0, "", std::nullopt}),
              R"({"agent_version":"0.1.0","uptime_seconds":60,"free_disk_bytes":1000000,"outbox":2,)"
              R"("dead_letters":0,"last_error":""})");
    Heartbeat h{"0.1.0", 60, 1000000, 2, 0, "", std::nullopt};
    h.kiosk = KioskState{"free_use", 23, 4, false};
    const std::string text = heartbeatJson(h);
    EXPECT_NE(text.find(R"("kiosk":{"state":"free_use","minutes_left":23,"help_asked_minutes":4,)"
                        R"("free_use_stopped":false}})"),
              std::string::npos)
        << text;
    const auto parsed = parseHeartbeat(text);
    ASSERT_TRUE(std::holds_alternative<Heartbeat>(parsed)) << std::get<BodyError>(parsed).path;
    EXPECT_EQ(std::get<Heartbeat>(parsed), h);
    h.kiosk = KioskState{"idle", std::nullopt, std::nullopt, true};
    EXPECT_EQ(std::get<Heartbeat>(parseHeartbeat(heartbeatJson(h))), h);
}

TEST(HeartbeatJson, AKioskStateIsCheckedFieldByFieldAndBounded) {
    const auto good = nlohmann::json::parse(
        R"({"agent_version":"1","uptime_seconds":0,"free_disk_bytes":0,"outbox":0,"dead_letters":0,"last_error":"",)"
        R"("kiosk":{"state":"free_use","minutes_left":23,"help_asked_minutes":4,"free_use_stopped":false}})");
    ASSERT_TRUE(std::holds_alternative<Heartbeat>(parseHeartbeat(good.dump())));
    auto refused = [](const nlohmann::json& j) {
        const auto parsed = parseHeartbeat(j.dump());
        return std::holds_alternative<BodyError>(parsed) ? std::get<BodyError>(parsed) : BodyError{0, "", "", "-"};
    };
    auto j = good;
    j["kiosk"] = "free_use";
    EXPECT_EQ(refused(j).path, "/kiosk");
    j = good;
    j["kiosk"]["language"] = "fr"; // nothing of the visitor: no other field
    EXPECT_EQ(refused(j).path, "/kiosk/language");
    j = good;
    j["kiosk"]["state"] = "browsing";
    EXPECT_EQ(refused(j).path, "/kiosk/state");
    j = good;
    j["kiosk"].erase("state");
    EXPECT_EQ(refused(j).path, "/kiosk/state");
    j = good;
    j["kiosk"].erase("free_use_stopped");
    EXPECT_EQ(refused(j).path, "/kiosk/free_use_stopped");
    j = good;
    j["kiosk"]["free_use_stopped"] = 0;
    EXPECT_EQ(refused(j).path, "/kiosk/free_use_stopped");
    j = good;
    j["kiosk"].erase("minutes_left");
    EXPECT_EQ(refused(j).path, "/kiosk/minutes_left") << "a free-use session says its time left";
    j = good;
    j["kiosk"]["state"] = "idle";
    EXPECT_EQ(refused(j).path, "/kiosk/minutes_left") << "minutes belong to a session";
    j = good;
    j["kiosk"]["minutes_left"] = kMaxKioskMinutes + 1;
    EXPECT_EQ(refused(j).path, "/kiosk/minutes_left");
    j["kiosk"]["minutes_left"] = 18446744073709551615ULL;
    EXPECT_EQ(refused(j).path, "/kiosk/minutes_left");
    j = good;
    j["kiosk"]["help_asked_minutes"] = -1;
    EXPECT_EQ(refused(j).path, "/kiosk/help_asked_minutes");
    j["kiosk"]["help_asked_minutes"] = 2.5;
    EXPECT_EQ(refused(j).path, "/kiosk/help_asked_minutes");
    j = good;
    j["kiosk"]["minutes_left"] = kMaxKioskMinutes;
    j["kiosk"]["help_asked_minutes"] = 0;
    EXPECT_TRUE(std::holds_alternative<Heartbeat>(parseHeartbeat(j.dump())));
    // The older server's refusal is what the agent falls back on, and only that one.
    EXPECT_TRUE(isUnknownKioskField(422, "/kiosk"));
    EXPECT_FALSE(isUnknownKioskField(422, "/kiosk/state"));
    EXPECT_FALSE(isUnknownKioskField(400, "/kiosk"));
}

} // namespace
} // namespace dps::protocol
