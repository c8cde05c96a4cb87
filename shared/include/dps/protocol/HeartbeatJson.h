#pragma once
// The heartbeat a terminal's agent sends to POST /api/v1/heartbeat (docs/protocol.md): how it is,
// not what was done at it. Every field is required and no other is allowed, as for usage days.
#include "dps/protocol/UsageJson.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace dps::protocol {

inline constexpr std::size_t kMaxAgentVersionLength = 64;
inline constexpr std::size_t kMaxLastErrorLength = 500;

struct Heartbeat {
    std::string agentVersion;       // ≤ 64 characters
    std::int64_t uptimeSeconds = 0; // ≥ 0
    std::int64_t freeDiskBytes = 0; // ≥ 0
    std::int64_t outbox = 0;        // records waiting to be sent
    std::int64_t deadLetters = 0;   // records the server refused for good
    std::string lastError;          // ≤ 500 characters, "" when the last send went well
    bool operator==(const Heartbeat&) const = default;
};

// Compact JSON with keys in a fixed order.
[[nodiscard]] std::string heartbeatJson(const Heartbeat& heartbeat);

// 400 when the body is not JSON, 422 with the JSON pointer of the offending field otherwise.
[[nodiscard]] std::variant<Heartbeat, BodyError> parseHeartbeat(std::string_view body);

} // namespace dps::protocol
