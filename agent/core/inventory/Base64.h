#pragma once
// Standard base64 (RFC 4648, section 4) with padding: GLPI keeps a monitor's raw EDID in it.
#include <string>
#include <string_view>

namespace dps::agent::inventory {

[[nodiscard]] std::string base64(std::string_view bytes);

} // namespace dps::agent::inventory
