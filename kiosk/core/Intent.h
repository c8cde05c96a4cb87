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
        AskFinishVisit, // Home: Finish tile, asks first (FinishVisit is the answer "yes")
        CancelFinish,   // Home: "no, go on" to that question
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
        // The end questions (free use) and the closing-time prompt.
        AnswerCameFor, // value: a purpose code
        AnswerHelped,  // value: yes, somewhat, no
        SkipQuestion,
        ContinueVisit, // "The space closes soon": go on
        // Facilitator mode.
        OpenFacilitator, // the discreet control in the top band (held for two seconds)
        FacilitatorPinDigit,
        FacilitatorPinErase,
        FacilitatorPinSubmit,
        CloseFacilitator,
        BackToFacilitator, // from one of its screens to its menu
        OpenGuidedSetup,
        SetSessionGroup, // value: individual, group
        GroupSizeMore,
        GroupSizeLess,
        SetGroupSize,          // value: the number of participants, in one tap (2, 4, 6…)
        TogglePurpose,         // value: a purpose code
        ToggleConsent,         // the participants agree to say which audiences they belong to
        ToggleAudience,        // value: an audience code
        ToggleSessionTutorial, // value: a tutorial id; the order chosen is the session's order
        StartSession,
        // A session's controls: the facilitator's, from their menu; Next and End also from the big
        // button at the end of a lesson done.
        SessionNext,     // the session's next tutorial (skipping the rest of this one)
        SessionPrevious, // back to the session's previous tutorial
        EndSession,      // to the summary
        SetAutonomy,     // value: full_help, some_help, alone (again: unset)
        SetReferral,     // value: a referral code (again: unset)
        SaveSession,     // the summary is done: the visit ends
        OpenTerminalStatus,
        ReportEquipment, // value: "item:state", e.g. "printer:not_working"
        OpenFacilitatorSettings,
        ToggleLanguage, // value: a language code
        IdleTimeoutMore,
        IdleTimeoutLess,
        StillThereMore,
        StillThereLess,
        ToggleEndQuestions,
        OpenOutsideHours, // a facilitator opens the kiosk outside opening hours, for today
        OpenMaintenance,  // the administrator's PIN, then the kiosk closes (maintenance exit)
    };
    Kind kind = Kind::None;
    // ChooseLanguage: a language code; OpenTutorial: a tutorial id; ChooseTheme: a theme;
    // EidPinDigit, FacilitatorPinDigit: the digit; ReadAloud: the text, when it is not the
    // tutorial step's; facilitator intents: the code they name.
    std::string value;

    static Intent none() { return {}; }
    static Intent of(Kind k) { return {k, {}}; }
    static Intent chooseLanguage(std::string code) { return {Kind::ChooseLanguage, std::move(code)}; }
    static Intent openTutorial(std::string id) { return {Kind::OpenTutorial, std::move(id)}; }
    static Intent chooseTheme(std::string theme) { return {Kind::ChooseTheme, std::move(theme)}; }
    static Intent with(Kind k, std::string value) { return {k, std::move(value)}; }
};

} // namespace dps::kiosk
