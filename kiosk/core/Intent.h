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
        OpenCatalogue,  // Home: Learn
        OpenTutorial,   // Catalogue card, or the suggestion at the end of a tutorial
        NextStep,
        SkipStep, // a facilitator moves on even if the practice is not done
        PreviousStep,
        ShowHint,      // "Show me"
        LeaveTutorial, // asks for confirmation when mid-way
        ConfirmLeave,
        CancelLeave,
        BackToHome,
        ChooseTheme,       // Catalogue: a theme tab
        CycleTextSize,     // top band, every screen: 100 % → 150 % → 200 % → 100 %
        ToggleContrast,    // top band, every screen
        OpenEidCheck,      // Home: Check my e-ID card
        EidCheckAgain,     // e-ID: run the check again (after a problem was fixed, or after the PIN test)
        EidOfferPinTest,   // e-ID: "Test my PIN": the screen that explains the risk first
        EidConfirmPinTest, // e-ID: "I understand": the keypad (or the reader's own)
        EidCancelPinTest,
        EidPinDigit, // e-ID keypad: value is one digit
        EidPinErase, // the last digit
        EidPinSubmit,
        ReadAloud, // Player: speak the step's instruction (handled by the app's speech service)
        StopReading,
    };
    Kind kind = Kind::None;
    // ChooseLanguage: a language code; OpenTutorial: a tutorial id; ChooseTheme: a theme;
    // EidPinDigit: the digit; ReadAloud: the text, when it is not the tutorial step's.
    std::string value;

    static Intent none() { return {}; }
    static Intent of(Kind k) { return {k, {}}; }
    static Intent chooseLanguage(std::string code) { return {Kind::ChooseLanguage, std::move(code)}; }
    static Intent openTutorial(std::string id) { return {Kind::OpenTutorial, std::move(id)}; }
    static Intent chooseTheme(std::string theme) { return {Kind::ChooseTheme, std::move(theme)}; }
};

} // namespace dps::kiosk
