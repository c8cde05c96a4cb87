#pragma once
// dps-usage/1 on the wire (docs/protocol.md, docs/protocol/dps-usage-1.schema.json): the agent
// writes records with recordJson and batches with batchJson; the server reads a body with
// parseUsageBatch, which checks every rule of the schema and says where a body breaks one.
#include "dps/protocol/UsageDay.h"

#include <cstdint>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dps::protocol {

inline constexpr std::string_view kUsageFormat = "dps-usage/1";
inline constexpr std::size_t kMaxRecordsPerBatch = 400;

struct UsageRecord {
    UsageDay day;
    std::int64_t rev = 1;
    bool final = false;
    bool operator==(const UsageRecord&) const = default;
};

struct UsageBatch {
    std::string batchId;
    std::vector<UsageRecord> records;
};

// Why a body was refused: the HTTP status (400 not JSON at all, 422 JSON that breaks the schema),
// a stable code, a sentence, and for 422 the JSON pointer of the offending value.
struct BodyError {
    int status = 400;
    std::string code;
    std::string message;
    std::string path;
};

// One record as compact JSON with keys in a fixed order, so that the same day always gives the
// same bytes (the agent compares them to know whether a day changed).
[[nodiscard]] std::string recordJson(const UsageRecord& record);
// The day's counters alone (no rev, no final), for that comparison.
[[nodiscard]] std::string countersJson(const UsageDay& day);
// A record written by recordJson without its free_use (for a server before it; the same record
// when it has none).
[[nodiscard]] std::string withoutFreeUse(std::string_view record);
// A batch from records already written by recordJson (the outbox keeps them as text).
[[nodiscard]] std::string batchJson(std::string_view batchId, std::span<const std::string> records);

[[nodiscard]] std::variant<UsageBatch, BodyError> parseUsageBatch(std::string_view body);

// The 400 malformed_json of a body the JSON parser refused (e: what nlohmann::json threw), in our
// own words: where it stopped (the byte) and, for a number too large, what; never the parser's
// message, which names the library and its internals to anyone who sends a bad body (issue 17).
[[nodiscard]] BodyError malformedJson(const std::exception& e);

// A key as one step of a JSON pointer (RFC 6901: "~" is "~0", "/" is "~1"), for BodyError::path.
[[nodiscard]] std::string jsonPointerToken(std::string_view key);

// A fresh random batch id (UUID version 4, lower case), as the schema wants.
[[nodiscard]] std::string newBatchId();
[[nodiscard]] bool isUuidV4(std::string_view s);

} // namespace dps::protocol
