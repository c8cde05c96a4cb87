#include "Screen.h"
#include "VisitLog.h"

#include <array>
#include <utility>

namespace dps::kiosk {
namespace {

constexpr std::array<std::pair<Screen, std::string_view>, 4> kScreens{{
    {Screen::Welcome, "welcome"},
    {Screen::Home, "home"},
    {Screen::Finish, "finish"},
    {Screen::StillThere, "still-there"},
}};

} // namespace

std::string_view screenName(Screen s) {
    for (const auto& [screen, name] : kScreens) {
        if (screen == s) return name;
    }
    return "?";
}

std::optional<Screen> screenFromName(std::string_view name) {
    for (const auto& [screen, n] : kScreens) {
        if (n == name) return screen;
    }
    return std::nullopt;
}

std::string_view endReasonName(EndReason r) {
    switch (r) {
    case EndReason::Finished: return "finished";
    case EndReason::IdleTimeout: return "idle_timeout";
    case EndReason::Shutdown: return "shutdown";
    case EndReason::Interrupted: return "interrupted";
    }
    return "?";
}

} // namespace dps::kiosk
