// The e-ID screen's rules: the check's reports as they come, the optional PIN test, and what the
// screen asks the app's card watcher to do.
#include "kiosk/core/KioskFlow.h"

#include <utility>

namespace dps::kiosk {

void KioskFlow::recordOutcome(VisitEvent::Kind kind, eid::Outcome outcome) {
    if (visit_.id)
        visits_.event(*visit_.id, clock_.wall(), VisitEvent{kind, {}, 0, 0, std::string(eid::outcomeCode(outcome))});
}

void KioskFlow::resetEid() {
    visit_.eid.reset();
    visit_.eidPhase = EidPhase::Checking;
    visit_.pin.clear();
    visit_.pinRequest.reset();
    visit_.pinResult.reset();
    visit_.recheck = false;
}

void KioskFlow::applyEid(const Intent& intent) {
    VisitState& v = visit_;
    const bool canTest = settings_.eidPinTest && v.eid && v.eid->pinTestPossible();
    switch (intent.kind) {
    case Intent::Kind::EidCheckAgain:
        if (v.eidPhase == EidPhase::Checking || v.eidPhase == EidPhase::PinResult) {
            v.eidPhase = EidPhase::Checking;
            v.pinResult.reset();
            v.recheck = true;
        }
        return;
    case Intent::Kind::EidOfferPinTest:
        if (v.eidPhase == EidPhase::Checking && canTest) v.eidPhase = EidPhase::PinExplain;
        return;
    case Intent::Kind::EidConfirmPinTest:
        if (v.eidPhase != EidPhase::PinExplain || !canTest) return;
        if (v.eid->pinpad) {
            // The reader's keypad takes the PIN: it never passes through the computer.
            v.pinRequest.emplace(PinTestRequest{std::nullopt, v.eid->readerName, v.language});
            v.eidPhase = EidPhase::PinTesting;
        } else {
            v.eidPhase = EidPhase::PinEntry;
        }
        return;
    case Intent::Kind::EidCancelPinTest:
        if (v.eidPhase == EidPhase::PinExplain || v.eidPhase == EidPhase::PinEntry) {
            v.pin.clear();
            v.eidPhase = EidPhase::Checking;
        }
        return;
    case Intent::Kind::EidPinDigit:
        if (v.eidPhase == EidPhase::PinEntry && intent.value.size() == 1) v.pin.add(intent.value[0]);
        return;
    case Intent::Kind::EidPinErase:
        if (v.eidPhase == EidPhase::PinEntry) v.pin.eraseLast();
        return;
    case Intent::Kind::EidPinSubmit:
        if (v.eidPhase != EidPhase::PinEntry || !v.pin.complete() || !canTest) return;
        v.pinRequest.emplace();
        v.pinRequest->block = v.pin.take();
        v.pinRequest->reader = v.eid->readerName;
        v.pinRequest->language = v.language;
        v.eidPhase = EidPhase::PinTesting;
        return;
    default: return;
    }
}

void KioskFlow::deliverEidReport(const eid::CheckReport& report) {
    if (screen_ != Screen::EidCheck &&
        !(screen_ == Screen::StillThere && visit_.screenBeforePrompt == Screen::EidCheck))
        return;
    // "Leave the card in until the check is finished" stays until a card is back in the reader.
    if (visit_.eid && visit_.eid->verdict == eid::Outcome::CardRemoved && report.verdict == eid::Outcome::CardMissing)
        return;
    const bool changed = !visit_.eid || visit_.eid->verdict != report.verdict;
    visit_.eid = report;
    if (changed) recordOutcome(VisitEvent::Kind::EidCheckOutcome, report.verdict);
    // The card went away (or stopped working) before the PIN was typed: nothing typed stays.
    const EidPhase phase = visit_.eidPhase;
    if ((phase == EidPhase::PinExplain || phase == EidPhase::PinEntry) && !report.pinTestPossible()) {
        visit_.pin.clear();
        visit_.eidPhase = EidPhase::Checking;
    }
}

void KioskFlow::deliverPinResult(const eid::PinTestResult& result) {
    if (visit_.eidPhase != EidPhase::PinTesting ||
        (screen_ != Screen::EidCheck &&
         !(screen_ == Screen::StillThere && visit_.screenBeforePrompt == Screen::EidCheck)))
        return;
    visit_.pinResult = result;
    visit_.eidPhase = EidPhase::PinResult;
    recordOutcome(VisitEvent::Kind::EidPinTest, result.outcome);
}

std::optional<PinTestRequest> KioskFlow::takePinTestRequest() {
    std::optional<PinTestRequest> r;
    if (visit_.pinRequest) {
        r.emplace(std::move(*visit_.pinRequest));
        visit_.pinRequest.reset();
    }
    return r;
}

bool KioskFlow::takeRecheckRequest() { return std::exchange(visit_.recheck, false); }

const Tutorial* KioskFlow::eidTutorial() const { return tutorialById(settings_.eidTutorial); }

} // namespace dps::kiosk
