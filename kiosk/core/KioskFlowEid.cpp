// The e-ID screen as the flow around it sees it: opening it afresh, the card watcher's news
// routed to EidFlow while the screen shows, and the visit events that news makes.
#include "kiosk/core/KioskFlow.h"

namespace dps::kiosk {
namespace {

// The e-ID screen shows, or waits under "Are you still there?".
bool eidShown(Screen screen, Screen beforePrompt) {
    return screen == Screen::EidCheck || (screen == Screen::StillThere && beforePrompt == Screen::EidCheck);
}

} // namespace

void KioskFlow::recordOutcome(VisitEvent::Kind kind, eid::Outcome outcome) {
    if (visit_.id)
        visits_.event(*visit_.id, clock_.wall(), VisitEvent{kind, {}, 0, 0, std::string(eid::outcomeCode(outcome))});
}

// A fresh e-ID screen: nothing of the last card, nor of a PIN, is kept.
void KioskFlow::resetEid() { visit_.eid = EidFlow(settings_.eidPinTest); }

void KioskFlow::deliverEidReport(const eid::CheckReport& report) {
    if (!eidShown(screen_, visit_.screenBeforePrompt)) return;
    if (visit_.eid.deliverReport(report)) recordOutcome(VisitEvent::Kind::EidCheckOutcome, report.verdict);
}

void KioskFlow::deliverPinResult(const eid::PinTestResult& result) {
    if (!eidShown(screen_, visit_.screenBeforePrompt)) return;
    if (visit_.eid.deliverPinResult(result)) recordOutcome(VisitEvent::Kind::EidPinTest, result.outcome);
}

const Tutorial* KioskFlow::eidTutorial() const { return visit_.tutorial.byId(settings_.eidTutorial); }

bool KioskFlow::isEidTutorial(const std::string& id) const { return eidTutorial() && id == settings_.eidTutorial; }

} // namespace dps::kiosk
