#pragma once
// The heartbeat a terminal's agent sends to POST /api/v1/heartbeat (docs/protocol.md): how it is,
// not what was done at it. Every field is required and no other is allowed, as for usage days,
// but for "kiosk" (issue 20): optional, what the kiosk is doing now, states and counts only.
#include "dps/protocol/UsageJson.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace dps::protocol {

inline constexpr std::size_t kMaxAgentVersionLength = 64;
inline constexpr std::size_t kMaxLastErrorLength = 500;
// Minutes in a heartbeat's kiosk state: a free-use session is at most a few hours, a call for help
// is not left waiting for more than a day.
inline constexpr std::int64_t kMaxKioskMinutes = 1440;

// What the kiosk is doing now, as it published it in kiosk.db (docs/protocol.md, "kiosk").
struct KioskState {
    std::string state;                            // idle, visit, free_use, out_of_order
    std::optional<std::int64_t> minutesLeft;      // free_use only (required there): until its end
    std::optional<std::int64_t> helpAskedMinutes; // free_use only: a call for help waits since
    bool freeUseStopped = false;                  // free use off after a wipe not verified
    bool operator==(const KioskState&) const = default;
};

struct Heartbeat {
    std::string agentVersion;        // ≤ 64 characters
    std::int64_t uptimeSeconds = 0;  // ≥ 0
    std::int64_t freeDiskBytes = 0;  // ≥ 0
    std::int64_t outbox = 0;         // records waiting to be sent
    std::int64_t deadLetters = 0;    // records the server refused for good
    std::string lastError;           // ≤ 500 characters, "" when the last send went well
    std::optional<KioskState> kiosk; // absent: no kiosk on this terminal, or an older one
    bool operator==(const Heartbeat&) const = default;
};

// Compact JSON with keys in a fixed order; "kiosk" only when there is one.
[[nodiscard]] std::string heartbeatJson(const Heartbeat& heartbeat);
// The error an older server gives a heartbeat with "kiosk" (it lists no such field): the agent then
// sends it without (docs/protocol.md, "Compatibility").
[[nodiscard]] bool isUnknownKioskField(int status, const std::string& path);

// 400 when the body is not JSON, 422 with the JSON pointer of the offending field otherwise.
[[nodiscard]] std::variant<Heartbeat, BodyError> parseHeartbeat(std::string_view body);

} // namespace dps::protocol
