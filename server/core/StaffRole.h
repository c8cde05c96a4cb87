#pragma once
// What a staff account may see: a Region account every DPS, a DPS account only its own. Spelled
// "region" and "dps" in server.db, on the command line and on the dashboard: parsed and written
// only at those edges, so nothing in between compares strings.
#include <optional>
#include <string_view>

namespace dps::server {

enum class Role { Region, Dps };

// "region" or "dps", as server.db and the command line spell it.
[[nodiscard]] constexpr std::string_view roleName(Role role) { return role == Role::Region ? "region" : "dps"; }

// nullopt for any other spelling (case matters, as in server.db's CHECK).
[[nodiscard]] constexpr std::optional<Role> parseRole(std::string_view name) {
    if (name == "region") return Role::Region;
    if (name == "dps") return Role::Dps;
    return std::nullopt;
}

} // namespace dps::server
