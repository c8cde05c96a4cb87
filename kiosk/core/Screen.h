#pragma once
#include <optional>
#include <string_view>

namespace dps::kiosk {

enum class Screen {
    Welcome,
    Home,
    Catalogue,
    Player,
    TutorialEnd,
    EidCheck,
    EndQuestions, // free use, when enabled: what did you come for, did this help
    Finish,
    StillThere,
    ClosingSoon,    // the opening hours end in ten minutes
    Closed,         // outside opening hours
    SessionSummary, // the end of a guided session: the facilitator sums it up with the participant
    // Facilitator mode (staff):
    FacilitatorUnlock,
    Facilitator,
    GuidedSetup,
    TerminalStatus,
    FacilitatorSettings,
    // Free use (issue 20): what it is and Start; the session bar above the browser while it runs
    // (its warnings and prompts in it); the wipe, then "Your session is erased".
    FreeUseIntro,
    FreeUseBar,
    FreeUseErased,
};

// The screens of facilitator mode (staff only), which has its own idle timeout.
bool isFacilitatorScreen(Screen s);

// Stable names, used by --screen, the UI map and logs.
std::string_view screenName(Screen s);
std::optional<Screen> screenFromName(std::string_view name);

} // namespace dps::kiosk
