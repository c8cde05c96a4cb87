#pragma once
#include <optional>
#include <string_view>

namespace dps::kiosk {

enum class Screen { Welcome, Home, Catalogue, Player, TutorialEnd, EidCheck, Finish, StillThere };

// Stable names, used by --screen, the UI map and logs.
std::string_view screenName(Screen s);
std::optional<Screen> screenFromName(std::string_view name);

} // namespace dps::kiosk
