// How visits end besides a timeout: Finish (with the optional end questions of free use), and
// the opening hours (the warning ten minutes before closing, the closed screen).
#include "kiosk/core/KioskFlow.h"

namespace dps::kiosk {

void KioskFlow::finishVisit() {
    if (facilitator_.session()) {
        // Finish on the closing warning: the facilitator still sums the session up.
        if (screen_ == Screen::ClosingSoon) show(visit_.screenBeforePrompt);
        facilitator_.endSession(*this);
        return;
    }
    if (settings_.endQuestions && screen_ == Screen::Home) {
        visit_.questions = EndQuestions{};
        show(Screen::EndQuestions);
        return;
    }
    endVisit(EndReason::Finished, Screen::Finish);
}

void KioskFlow::answered(const std::optional<VisitOutcome>& answers) {
    if (answers) endVisit(EndReason::Finished, Screen::Finish, *answers);
}

bool KioskFlow::closedNow() const {
    const LocalTime local = clock_.local();
    if (openedOutsideHours_ && *openedOutsideHours_ == local.date) return false;
    return !settings_.hours.isOpen(local);
}

void KioskFlow::openForToday() { openedOutsideHours_ = clock_.local().date; }

std::optional<std::chrono::minutes> KioskFlow::untilClosing() const {
    if (openedOutsideHours_ && *openedOutsideHours_ == clock_.local().date) return std::nullopt;
    return settings_.hours.untilClosing(clock_.local());
}

// Returns true when it changed the screen.
bool KioskFlow::applyHours() {
    if (isFacilitatorScreen(screen_)) return false; // a facilitator at work is not interrupted
    if (freeUseUnderWay()) return false;            // the session ends itself at closing time, wiped
    if (closedNow()) {
        if (visitOpen()) {
            endVisit(EndReason::Closing, Screen::Closed);
            return true;
        }
        if (screen_ == Screen::Welcome) {
            show(Screen::Closed);
            return true;
        }
        return false;
    }
    if (screen_ == Screen::Closed) {
        show(Screen::Welcome);
        return true;
    }
    const auto left = untilClosing();
    if (visitOpen() && left && *left <= settings_.closingWarning && !visit_.closingWarned &&
        screen_ != Screen::StillThere && screen_ != Screen::Finish) {
        visit_.closingWarned = true;
        visit_.screenBeforePrompt = screen_;
        show(Screen::ClosingSoon);
        return true;
    }
    return false;
}

} // namespace dps::kiosk
