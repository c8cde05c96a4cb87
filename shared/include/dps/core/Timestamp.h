#pragma once
#include "dps/core/Clock.h"
#include <optional>
#include <string>
#include <string_view>

namespace dps {

// Records store UTC times as ISO 8601 text ("2026-11-23T19:32:11Z"): readable in the sqlite3
// shell and sortable as text.
std::string toIsoUtc(WallTime t);
std::optional<WallTime> fromIsoUtc(std::string_view text);

} // namespace dps
