#pragma once
#include "kiosk/core/visit/VisitFacts.h"

#include <string>
#include <variant>

namespace dps::kiosk {

// What a visitor (or a facilitator) asked for on a screen. Screens return intents; only
// KioskFlow acts on them. Each kind is its own small struct, its payload typed (a digit is a
// char, a group size an int, an answer one of the closed lists of visit/VisitFacts.h), so a
// screen cannot hand the core a payload of the wrong kind.
namespace intent {

struct None {};

// Welcome, the visit, the band of every visitor's screen.
struct ChooseLanguage {
    std::string code; // one of the kiosk's languages
};
struct StartVisit {};
struct AskFinishVisit {}; // Home: the Finish tile asks first (FinishVisit is the answer "yes")
struct FinishVisit {};
struct CancelFinish {}; // "no, go on"
struct StillHere {};    // "Are you still there?": Yes
struct BackToWelcome {};
struct BackToHome {};
struct CycleTextSize {}; // 100 % → 150 % → 200 % → 100 %
struct ToggleContrast {};
// Speech is a service: the app carries these out, the flow only notes the activity.
struct ReadAloud {
    std::string text; // empty: the tutorial step's instruction
};
struct StopReading {};

// Tutorials.
struct OpenCatalogue {};
struct ChooseTheme {
    std::string theme;
};
struct OpenTutorial {
    std::string id; // from a catalogue card, the suggestion at the end, or the e-ID screen
};
struct NextStep {};
struct SkipStep {}; // a facilitator moves on even if the practice is not done
struct PreviousStep {};
struct ShowHint {};      // "Show me"
struct LeaveTutorial {}; // asks for confirmation when mid-way
struct ConfirmLeave {};
struct CancelLeave {};

// The e-ID check.
struct OpenEidCheck {};
struct EidCheckAgain {};     // after a problem was fixed, or after the PIN test
struct EidOfferPinTest {};   // "Test my PIN": the screen that explains the risk first
struct EidConfirmPinTest {}; // "I understand": the keypad (or the reader's own)
struct EidCancelPinTest {};
struct EidPinDigit {
    char digit; // '0'…'9'
};
struct EidPinErase {}; // the last digit
struct EidPinSubmit {};

// The end questions of free use, and the closing-time prompt.
struct AnswerCameFor {
    Purpose purpose;
};
struct AnswerHelped {
    Helped helped;
};
struct SkipQuestion {};
struct ContinueVisit {}; // "The space closes soon": go on

// Free use (issue 20): the browser for the visitor's own errand, then everything erased.
struct OpenFreeUse {};      // Home's tile "Use the internet": what it is, how long, how to save
struct StartFreeUse {};     // its Start
struct AskFinishFreeUse {}; // the bar's "Finish and erase" asks first (FinishFreeUse: "yes")
struct FinishFreeUse {};
struct CancelFinishFreeUse {};
struct FreeUseHelp {}; // the bar's "Help": a facilitator is called
// The e-ID screen's "Use my card on a website now": a free-use session (its intro first) while the
// card is in the reader and has just been found able to log in.
struct EidUseOnWebsite {};
// A facilitator's, from their menu: a session for someone with another limit, more time for the
// one running, or its end (and the wipe).
struct FacilitatorFreeUse {
    int minutes;
};
struct ExtendFreeUse {
    int minutes;
};
struct EndFreeUse {};
// Terminal status's "Help given": the visitor's call for help is answered.
struct AnswerFreeUseHelp {};
// Terminal status's "Check the wipe again" after one that was not verified: the administrator's
// PIN, then a short session of the runner that must end verified before free use comes back.
struct CheckWipeAgain {};

// Facilitator mode: unlocking, the menu and its screens.
struct OpenFacilitator {}; // the discreet control in the top band (held for two seconds)
struct FacilitatorPinDigit {
    char digit; // '0'…'9'
};
struct FacilitatorPinErase {};
struct FacilitatorPinSubmit {};
struct CloseFacilitator {};
struct BackToFacilitator {}; // from one of its screens to its menu
struct OpenGuidedSetup {};
struct OpenTerminalStatus {};
struct OpenFacilitatorSettings {};
struct OpenOutsideHours {}; // opens the kiosk outside opening hours, for today
struct OpenMaintenance {};  // the administrator's PIN, then the kiosk closes (maintenance exit)
struct ReportEquipment {
    Equipment item;
    EquipmentState state;
};

// A guided session being set up.
struct SetSessionGroup {
    bool group; // false: one person
};
struct GroupSizeMore {};
struct GroupSizeLess {};
struct SetGroupSize {
    int participants; // in one tap (2, 4, 6…)
};
struct TogglePurpose {
    Purpose purpose;
};
struct ToggleConsent {}; // the participants agree to say which audiences they belong to
struct ToggleAudience {
    Audience audience;
};
struct ToggleSessionTutorial {
    std::string id; // the order chosen is the session's order
};
struct StartSession {};

// A session's controls: the facilitator's, from their menu; Next and End also from the big
// button at the end of a lesson done.
struct SessionNext {}; // the session's next tutorial (skipping the rest of this one)
struct SessionPrevious {};
struct EndSession {}; // to the summary
struct SetAutonomy {
    Autonomy autonomy; // the same again: unset
};
struct SetReferral {
    Referral referral; // the same again: unset
};
struct SaveSession {}; // the summary is done: the visit ends

// The terminal's settings.
struct ToggleLanguage {
    std::string code; // one of the configured languages
};
struct IdleTimeoutMore {};
struct IdleTimeoutLess {};
struct StillThereMore {};
struct StillThereLess {};
struct ToggleEndQuestions {};

} // namespace intent

using Intent = std::variant<
    intent::None, intent::ChooseLanguage, intent::StartVisit, intent::AskFinishVisit, intent::FinishVisit,
    intent::CancelFinish, intent::StillHere, intent::BackToWelcome, intent::BackToHome, intent::CycleTextSize,
    intent::ToggleContrast, intent::ReadAloud, intent::StopReading, intent::OpenCatalogue, intent::ChooseTheme,
    intent::OpenTutorial, intent::NextStep, intent::SkipStep, intent::PreviousStep, intent::ShowHint,
    intent::LeaveTutorial, intent::ConfirmLeave, intent::CancelLeave, intent::OpenEidCheck, intent::EidCheckAgain,
    intent::EidOfferPinTest, intent::EidConfirmPinTest, intent::EidCancelPinTest, intent::EidPinDigit,
    intent::EidPinErase, intent::EidPinSubmit, intent::AnswerCameFor, intent::AnswerHelped, intent::SkipQuestion,
    intent::ContinueVisit, intent::OpenFacilitator, intent::FacilitatorPinDigit, intent::FacilitatorPinErase,
    intent::FacilitatorPinSubmit, intent::CloseFacilitator, intent::BackToFacilitator, intent::OpenGuidedSetup,
    intent::OpenTerminalStatus, intent::OpenFacilitatorSettings, intent::OpenOutsideHours, intent::OpenMaintenance,
    intent::ReportEquipment, intent::SetSessionGroup, intent::GroupSizeMore, intent::GroupSizeLess,
    intent::SetGroupSize, intent::TogglePurpose, intent::ToggleConsent, intent::ToggleAudience,
    intent::ToggleSessionTutorial, intent::StartSession, intent::SessionNext, intent::SessionPrevious,
    intent::EndSession, intent::SetAutonomy, intent::SetReferral, intent::SaveSession, intent::ToggleLanguage,
    intent::IdleTimeoutMore, intent::IdleTimeoutLess, intent::StillThereMore, intent::StillThereLess,
    intent::ToggleEndQuestions, intent::OpenFreeUse, intent::StartFreeUse, intent::AskFinishFreeUse,
    intent::FinishFreeUse, intent::CancelFinishFreeUse, intent::FreeUseHelp, intent::FacilitatorFreeUse,
    intent::ExtendFreeUse, intent::EndFreeUse, intent::EidUseOnWebsite, intent::AnswerFreeUseHelp,
    intent::CheckWipeAgain>;

// No intent: the screen was only drawn.
inline bool isNone(const Intent& i) { return std::holds_alternative<intent::None>(i); }
// The first of two intents that is one (a footer's button over the page's, the band's over both).
inline Intent firstOf(const Intent& a, const Intent& b) { return isNone(a) ? b : a; }

} // namespace dps::kiosk
