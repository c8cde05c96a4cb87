// parseBoundedJson (issue 17): every JSON parser of what comes from outside stops at 32 levels of
// nesting, at the first level too deep, whatever follows; and usage, heartbeat and the agent's
// status file, which use it, refuse such a body with their own error.
#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/protocol/UsageJson.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <variant>

namespace dps::protocol {
namespace {

// levels nested objects, as issue 17's attacker sent them: {"a":{"a":…1…}}.
std::string nestedObjects(std::size_t levels) {
    std::string s;
    for (std::size_t i = 0; i < levels; ++i)
        s += "{\"a\":";
    s += "1";
    s.append(levels, '}');
    return s;
}

std::string nestedArrays(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(BoundedJson, ThirtyTwoLevelsAreReadAndThirtyThreeAreNot) {
    EXPECT_EQ(parseBoundedJson(nestedArrays(32)).dump(), nestedArrays(32));
    EXPECT_EQ(parseBoundedJson(nestedObjects(32)).dump(), nestedObjects(32));
    EXPECT_THROW((void)parseBoundedJson(nestedArrays(33)), JsonTooDeep);
    EXPECT_THROW((void)parseBoundedJson(nestedObjects(33)), JsonTooDeep);
    // Deep on the side of a shallow start, and a mix of arrays and objects.
    EXPECT_THROW((void)parseBoundedJson("{\"ok\":1,\"b\":" + nestedArrays(40) + "}"), JsonTooDeep);
    EXPECT_THROW((void)parseBoundedJson(std::string(20, '[') + nestedObjects(13) + std::string(20, ']')), JsonTooDeep);
    EXPECT_NO_THROW((void)parseBoundedJson(std::string(20, '[') + nestedObjects(12) + std::string(20, ']')));
    // Brackets inside strings are not nesting.
    EXPECT_NO_THROW((void)parseBoundedJson("[\"" + std::string(100, '[') + "\"]"));
    // A smaller limit when asked.
    EXPECT_THROW((void)parseBoundedJson(nestedArrays(3), 2), JsonTooDeep);
    // Not JSON stays nlohmann's error, as before.
    EXPECT_THROW((void)parseBoundedJson("{"), nlohmann::json::parse_error);
}

TEST(BoundedJson, StopsAtTheFirstLevelTooDeepWithoutReadingTheRest) {
    // The 1.39 million levels: a parser without the limit builds them all (hundreds of MB,
    // seconds) before any schema can say no; with it, the answer comes at level 33.
    const auto deep = nestedObjects(1'390'000);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW((void)parseBoundedJson(deep), JsonTooDeep);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500));
    // What follows the level too deep is never looked at: not even whether it is JSON.
    EXPECT_THROW((void)parseBoundedJson(nestedArrays(33).substr(0, 33) + "this is not JSON"), JsonTooDeep);
}

// Found by fuzz.usage_body_bounded: nlohmann's lexer ends the input at a NUL byte, so what followed
// one (here 47 levels of arrays) was never read, and a body with garbage after a NUL was accepted.
TEST(BoundedJson, ANulByteIsASyntaxErrorNotTheEndOfTheText) {
    using namespace std::string_literals;
    EXPECT_THROW((void)parseBoundedJson("{}\0"s + nestedArrays(47)), nlohmann::json::parse_error);
    EXPECT_THROW((void)parseBoundedJson("\"a\"\0garbage"s), nlohmann::json::parse_error);
    EXPECT_THROW((void)parseBoundedJson("[\"a\0b\"]"s), nlohmann::json::parse_error);
    EXPECT_NO_THROW((void)parseBoundedJson("[\"a\\u0000b\"]")) << "an escaped NUL inside a string is JSON";
    const auto usage = parseUsageBatch("{\"format\":\"dps-usage/1\",\"records\":[]}\0{"s);
    ASSERT_TRUE(std::holds_alternative<BodyError>(usage));
    EXPECT_EQ(std::get<BodyError>(usage).status, 400);
}

TEST(BoundedJson, EveryMessageParserRefusesTooDeepWithItsOwnError) {
    const auto deep = "{\"format\":\"dps-usage/1\",\"records\":" + nestedArrays(40) + "}";
    const auto usage = parseUsageBatch(deep);
    ASSERT_TRUE(std::holds_alternative<BodyError>(usage));
    EXPECT_EQ(std::get<BodyError>(usage).status, 422);
    EXPECT_EQ(std::get<BodyError>(usage).code, "schema_violation");
    EXPECT_EQ(std::get<BodyError>(usage).message, "is nested deeper than 32 levels");

    const auto heartbeat = parseHeartbeat(nestedObjects(1'390'000));
    ASSERT_TRUE(std::holds_alternative<BodyError>(heartbeat));
    EXPECT_EQ(std::get<BodyError>(heartbeat).status, 422);
    EXPECT_EQ(std::get<BodyError>(heartbeat).message, "is nested deeper than 32 levels");

    EXPECT_EQ(parseAgentStatus("{\"acknowledged_through\":\"2026-11-30\",\"x\":" + nestedArrays(40) + "}"),
              std::nullopt);
    EXPECT_TRUE(parseAgentStatus("{\"acknowledged_through\":\"2026-11-30\",\"x\":" + nestedArrays(20) + "}"));
}

} // namespace
} // namespace dps::protocol
