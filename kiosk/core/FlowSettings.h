#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace dps::kiosk {

enum class Feature { Learn, EidCheck, Finish };

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
};

} // namespace dps::kiosk
