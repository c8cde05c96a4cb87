#pragma once
// Enrollment (docs/protocol.md, POST /api/v1/enroll): the agent sends the one-time code staff gave
// it, {"code": "...", "agent_version": "..."}, and the server answers 201 with the terminal's id
// and its bearer token, {"terminal": "T-000001", "token": "..."}. Both bodies exactly these fields.
#include "dps/protocol/UsageJson.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace dps::protocol {

// Each field of a request, in bytes as sent.
inline constexpr std::size_t kMaxEnrollFieldLength = 64;

struct EnrollRequest {
    std::string code;
    std::string agentVersion;
    bool operator==(const EnrollRequest&) const = default;
};

struct EnrollAnswer {
    std::string terminal;
    std::string token;
    bool operator==(const EnrollAnswer&) const = default;
};

// Compact JSON, keys in nlohmann's (alphabetical) order.
[[nodiscard]] std::string enrollRequestJson(const EnrollRequest& request);
[[nodiscard]] std::string enrollAnswerJson(const EnrollAnswer& answer);

// 400 when the body is not JSON, 422 with the JSON pointer of the offending field otherwise
// (nested deeper than kMaxJsonDepth, not an object, a field missing, unknown, not a string, or
// longer than kMaxEnrollFieldLength).
[[nodiscard]] std::variant<EnrollRequest, BodyError> parseEnrollRequest(std::string_view body);

// The server's 201 answer, read by the agent: both fields strings, with no limit but the body's;
// other fields are ignored, so that a later server may add one.
[[nodiscard]] std::variant<EnrollAnswer, BodyError> parseEnrollAnswer(std::string_view body);

} // namespace dps::protocol
