#include "kiosk/core/BackKey.h"

#include "kiosk/core/KioskFlow.h"

namespace dps::kiosk {

Intent backIntent(const KioskFlow& flow) {
    switch (flow.screen()) {
    case Screen::Home:
        if (flow.visit().confirmingFinish()) return intent::CancelFinish{};
        return {};
    case Screen::Catalogue:
    case Screen::TutorialEnd:
    case Screen::FreeUseIntro: return intent::BackToHome{};
    case Screen::Player:
        // Leaving asks first (after the first step); Escape on that question stays.
        if (flow.tutorial().confirmingLeave()) return intent::CancelLeave{};
        return intent::LeaveTutorial{};
    case Screen::EidCheck:
        switch (flow.eid().phase()) {
        case EidPhase::PinExplain:
        case EidPhase::PinEntry: return intent::EidCancelPinTest{};
        case EidPhase::PinTesting: return {}; // the card is being asked: it cannot be taken back
        case EidPhase::Checking:
        case EidPhase::PinResult: return intent::BackToHome{};
        }
        return {};
    case Screen::FreeUseBar:
        if (flow.freeUse().confirmingFinish()) return intent::CancelFinishFreeUse{};
        return {};
    default: return {};
    }
}

} // namespace dps::kiosk
