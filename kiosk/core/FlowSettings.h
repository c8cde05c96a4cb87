#pragma once
#include "kiosk/core/freeuse/FreeUseSettings.h"
#include "kiosk/core/hours/OpeningHours.h"

#include <chrono>
#include <string>
#include <vector>

namespace dps::kiosk {

enum class Feature { Learn, EidCheck, FreeUse, Finish };

struct FlowSettings {
    std::vector<std::string> languages{"fr", "nl", "en"}; // offered on Welcome; the first is preselected
    std::chrono::seconds idleTimeout{300};                // no input for this long: "Are you still there?"
    std::chrono::seconds stillThereCountdown{30};         // then the visit ends
    std::chrono::seconds thankYouTime{15};                // Finish screen, then back to Welcome
    // Home tiles, in order. Learn shows only when tutorials are loaded; the program adds EidCheck
    // where it has a card service.
    std::vector<Feature> features{Feature::Learn, Feature::Finish};
    // The tutorial the e-ID check suggests once the card works (when it is loaded).
    std::string eidTutorial = "eid-login";
    // Whether the e-ID check offers the PIN test.
    bool eidPinTest = true;
    // Free use: ask "What did you come for today?" and "Did this help?" at Finish.
    bool endQuestions = false;
    // Facilitator mode closes itself after this long without a facilitator's input.
    std::chrono::seconds facilitatorIdle{120};
    OpeningHours hours; // always open unless configured
    std::chrono::minutes closingWarning{10};
    // Free use (issue 20); its tile shows on Home when enabled and the terminal has a browser.
    FreeUseSettings freeUse;
};

// The settings a facilitator may change at the terminal, by the key they are kept under in
// kiosk.db (over the configuration file's values) and logged with.
namespace setting {
inline constexpr const char* Languages = "kiosk.languages"; // "fr,nl,en"
inline constexpr const char* IdleTimeout = "visit.idle_timeout_seconds";
inline constexpr const char* StillThere = "visit.still_there_seconds";
inline constexpr const char* EndQuestions = "visit.end_questions"; // "true" / "false"
} // namespace setting

// Settings kept in kiosk.db applied over the configuration's. A value that does not fit (a
// language not configured, a timeout out of range) is left out and its key returned.
std::vector<std::string> applyStoredSettings(FlowSettings& s, const std::vector<std::string>& configuredLanguages,
                                             const std::vector<std::pair<std::string, std::string>>& stored);

// Ranges and steps the facilitator's settings screen uses.
inline constexpr std::chrono::seconds kIdleMin{60}, kIdleMax{1800}, kIdleStep{60};
inline constexpr std::chrono::seconds kStillMin{15}, kStillMax{120}, kStillStep{15};

} // namespace dps::kiosk
