#include "kiosk/core/Screen.h"
#include "kiosk/core/VisitLog.h"

#include <array>
#include <utility>

namespace dps::kiosk {
namespace {

constexpr std::array<std::pair<Screen, std::string_view>, 20> kScreens{{
    {Screen::Welcome, "welcome"},
    {Screen::Home, "home"},
    {Screen::Catalogue, "catalogue"},
    {Screen::Player, "player"},
    {Screen::TutorialEnd, "tutorial-end"},
    {Screen::EidCheck, "eid-check"},
    {Screen::EndQuestions, "end-questions"},
    {Screen::Finish, "finish"},
    {Screen::StillThere, "still-there"},
    {Screen::ClosingSoon, "closing-soon"},
    {Screen::Closed, "closed"},
    {Screen::FacilitatorUnlock, "facilitator-unlock"},
    {Screen::Facilitator, "facilitator"},
    {Screen::GuidedSetup, "guided-setup"},
    {Screen::SessionSummary, "session-summary"},
    {Screen::TerminalStatus, "terminal-status"},
    {Screen::FacilitatorSettings, "facilitator-settings"},
    {Screen::FreeUseIntro, "free-use-intro"},
    {Screen::FreeUseBar, "free-use-bar"},
    {Screen::FreeUseErased, "free-use-erased"},
}};

} // namespace

std::string_view screenName(Screen s) {
    for (const auto& [screen, name] : kScreens) {
        if (screen == s) return name;
    }
    return "?";
}

bool isFacilitatorScreen(Screen s) {
    switch (s) {
    case Screen::FacilitatorUnlock:
    case Screen::Facilitator:
    case Screen::GuidedSetup:
    case Screen::TerminalStatus:
    case Screen::FacilitatorSettings: return true;
    default: return false;
    }
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
    case EndReason::FacilitatorEnded: return "facilitator_ended";
    case EndReason::Closing: return "closing_time";
    case EndReason::Shutdown: return "shutdown";
    case EndReason::Interrupted: return "interrupted";
    }
    return "?";
}

std::string_view freeUseEndName(FreeUseEnd e) {
    switch (e) {
    case FreeUseEnd::Finished: return "finished";
    case FreeUseEnd::TimeUp: return "time_up";
    case FreeUseEnd::Idle: return "idle";
    case FreeUseEnd::Closing: return "closing_time";
    case FreeUseEnd::Facilitator: return "facilitator";
    case FreeUseEnd::Crashed: return "browser_crash";
    case FreeUseEnd::Interrupted: return "interrupted";
    }
    return "?";
}

std::string_view visitEventName(VisitEvent::Kind k) {
    switch (k) {
    case VisitEvent::Kind::TutorialStarted: return "tutorial_started";
    case VisitEvent::Kind::StepReached: return "step_reached";
    case VisitEvent::Kind::TutorialCompleted: return "tutorial_completed";
    case VisitEvent::Kind::TutorialAbandoned: return "tutorial_abandoned";
    case VisitEvent::Kind::EidCheckOutcome: return "eid_check";
    case VisitEvent::Kind::EidPinTest: return "eid_pin_test";
    case VisitEvent::Kind::EquipmentReported: return "equipment_reported";
    }
    return "?";
}

} // namespace dps::kiosk
