#pragma once
#include <string>

namespace dps::kiosk {

// What a visitor asked for on a screen. Screens return intents; only KioskFlow acts on them.
struct Intent {
    enum class Kind {
        None,
        ChooseLanguage, // Welcome: language buttons
        StartVisit,     // Welcome: Start
        FinishVisit,    // Home: Finish tile
        StillHere,      // "Are you still there?": Yes
        BackToWelcome,  // Finish: back to the start
    };
    Kind kind = Kind::None;
    std::string language; // ChooseLanguage only

    static Intent none() { return {}; }
    static Intent of(Kind k) { return {k, {}}; }
    static Intent chooseLanguage(std::string code) { return {Kind::ChooseLanguage, std::move(code)}; }
};

} // namespace dps::kiosk
