#pragma once
// A refused request as the API answers it (docs/protocol.md, Errors): a status, a stable code
// the agent can act on, a sentence for the person reading the agent's log, and for schema errors
// the JSON pointer of the value at fault.
#include "dps/protocol/UsageJson.h"

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

namespace dps::server {

struct ApiError {
    int status = 400;
    std::string code;
    std::string message;
    std::string path;
    std::chrono::seconds retryAfter{0}; // 429 only
};

template <class T> using Result = std::variant<T, ApiError>;

inline ApiError fromBodyError(const protocol::BodyError& e) { return {e.status, e.code, e.message, e.path, {}}; }

// A key as one step of a JSON pointer (RFC 6901: ~ and / escaped).
inline std::string pointerToken(std::string_view key) {
    std::string out;
    for (const char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

// {"error": "...", "message": "...", "path": "..."}
[[nodiscard]] std::string errorJson(const ApiError& error);

} // namespace dps::server
