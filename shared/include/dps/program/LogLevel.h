#pragma once
#include <string_view>

namespace dps::program {

// log.level, which every program's configuration has ("error", "warning", "info", "debug"; the
// schema has already refused any other word): from now on the log writes that and above.
// Returns false, and changes nothing, for a word the log does not know.
bool applyLogLevel(std::string_view name);

} // namespace dps::program
