#pragma once
// What happens to a usage day record that arrives (docs/protocol.md): records are absolute, so
// the one with the highest rev wins and anything else is acknowledged and dropped. This is what
// makes retries, duplicates and replays harmless.
#include <cstdint>
#include <optional>

namespace dps::server {

enum class RecordFate {
    Insert,  // first record of that (terminal, date)
    Replace, // newer than the stored one
    Ignore,  // older or equal: acknowledged, not applied
};

[[nodiscard]] constexpr RecordFate recordFate(std::optional<std::int64_t> storedRev, std::int64_t incomingRev) {
    if (!storedRev) return RecordFate::Insert;
    return incomingRev > *storedRev ? RecordFate::Replace : RecordFate::Ignore;
}

} // namespace dps::server
