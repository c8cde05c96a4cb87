// What a free-use session asks of the flow around it: the visit record, the visit's end at the
// wipe, facilitator mode, and a session a facilitator starts for someone.
#include "kiosk/core/KioskFlow.h"

#include <algorithm>

namespace dps::kiosk {
namespace {

// The visit's own end reason (the day records count them, dps-usage/1); how the session ended
// is kept beside it (FreeUseRecord).
EndReason visitEnd(FreeUseEnd how) {
    switch (how) {
    case FreeUseEnd::Finished:
    case FreeUseEnd::TimeUp: return EndReason::Finished;
    case FreeUseEnd::Idle: return EndReason::IdleTimeout;
    case FreeUseEnd::Closing: return EndReason::Closing;
    case FreeUseEnd::Facilitator: return EndReason::FacilitatorEnded;
    case FreeUseEnd::Crashed:
    case FreeUseEnd::Interrupted: return EndReason::Interrupted;
    }
    return EndReason::Finished;
}

} // namespace

bool KioskFlow::facilitatorAtWork() const { return isFacilitatorScreen(screen_) && facilitator_.unlocked(); }

std::optional<std::chrono::seconds> KioskFlow::closingIn() const {
    const auto closing = untilClosing();
    if (!closing) return std::nullopt;
    // Local time counts whole minutes; the seconds of this minute already gone come off (time
    // zones differ from UTC by whole minutes).
    const auto wall = clock_.wall().time_since_epoch();
    return *closing -
           std::chrono::duration_cast<std::chrono::seconds>(wall - std::chrono::floor<std::chrono::minutes>(wall));
}

void KioskFlow::recordFreeUse(const FreeUseRecord& record) {
    usbToTake_ = record.usbUsed;
    if (visit_.id) visits_.freeUse(*visit_.id, record);
}

void KioskFlow::freeUseWiped(FreeUseEnd how, bool verified) {
    if (!verified) {
        // The next person could find the last one's traces: no more free use until someone looks.
        lastWipeVerified_ = false;
        freeUseStoppedAt_ = clock_.steady();
        tiles_.erase(std::remove(tiles_.begin(), tiles_.end(), Feature::FreeUse), tiles_.end());
    }
    endVisit(visitEnd(how), Screen::FreeUseErased);
}

std::chrono::minutes KioskFlow::freeUseOffered() const {
    const auto limit = visit_.freeUse.phase() == FreeUsePhase::Off ? settings_.freeUse.limit : visit_.freeUse.limit();
    const auto closing = untilClosing();
    if (!closing) return limit;
    // The session ends the last notice's 30 seconds before closing: a started minute is not offered.
    return std::max(std::chrono::minutes(0), std::min(limit, *closing - std::chrono::minutes(1)));
}

void KioskFlow::startFreeUseFor(const intent::FacilitatorFreeUse& i) {
    if (screen_ != Screen::Facilitator || !facilitator_.unlocked() || !browser_ || !lastWipeVerified_ ||
        !settings_.freeUse.enabled || freeUseUnderWay() || facilitator_.session() || closedNow())
        return;
    const auto limit = std::clamp(std::chrono::minutes(i.minutes), kFreeUseMin, kFreeUseMax);
    // The person it is for starts from the intro: they read how long, that all is erased, how to save.
    facilitator_.lock();
    if (visitOpen()) {
        stopTutorial(facilitator_.openedFrom() == Screen::Player);
        resetEid();
    } else {
        startVisit();
    }
    visit_.freeUse.open(limit, *this);
}

void KioskFlow::deliverUnlock(const std::optional<std::string>& name) {
    // An unlock does not answer the visitor's call for help (FreeUseFlow::helpAnswered says what does).
    facilitator_.deliverUnlock(name, *this);
    if (facilitator_.takeWipeCheck()) startWipeCheck();
}

void KioskFlow::placeFreeUseTile() {
    // Before Finish, when enabled and this terminal has a browser for it (and the last wipe was
    // verified); once only.
    if (!offersFreeUse() || std::find(tiles_.begin(), tiles_.end(), Feature::FreeUse) != tiles_.end()) return;
    const auto finish = std::find(tiles_.begin(), tiles_.end(), Feature::Finish);
    if (finish != tiles_.end()) tiles_.insert(finish, Feature::FreeUse);
}

void KioskFlow::answerHelp() {
    if (screen_ == Screen::TerminalStatus && facilitator_.unlocked()) visit_.freeUse.helpAnswered();
}

bool KioskFlow::wipeCheckOffered() const {
    return !lastWipeVerified_ && browser_ && !wipeCheck_.running() && !freeUseUnderWay() &&
           facilitator_.maintenanceExitOffered();
}

void KioskFlow::startWipeCheck() {
    if (lastWipeVerified_ || !browser_ || freeUseUnderWay()) return;
    wipeCheck_.start(*browser_, settings_.languages.front(), clock_.steady());
}

void KioskFlow::updateWipeCheck(SteadyTime now) {
    if (!browser_ || !wipeCheck_.update(*browser_, now)) return;
    // The runner ended a session of its own and found nothing of the visitor's user left.
    lastWipeVerified_ = true;
    freeUseStoppedAt_.reset();
    placeFreeUseTile();
}

KioskState KioskFlow::kioskState() const {
    KioskState s;
    s.freeUseStopped = !lastWipeVerified_;
    if (freeUseUnderWay()) {
        s.activity = KioskActivity::FreeUse;
        // Whole minutes rounded up, as the bar shows them; the wipe's own seconds count as 0.
        s.minutesLeft = static_cast<int>((freeUseTimeLeft().count() + 59) / 60);
        if (visit_.freeUse.helpRequested()) s.helpAskedMinutes = static_cast<int>(freeUseHelpAskedFor().count() / 60);
    } else if (visitOpen()) {
        s.activity = KioskActivity::Visit;
    }
    return s;
}

void KioskFlow::publishState() {
    if (!terminal_) return;
    const KioskState now = kioskState();
    if (published_ && *published_ == now) return;
    // Kept as published even when the write failed: the next change tries again, not every frame.
    published_ = now;
    terminal_->publishState(clock_.wall(), now);
}

void KioskFlow::useCardOnWebsite() {
    if (!offersEidOnWebsite() || freeUseUnderWay() || !visitOpen()) return;
    // The e-ID screen lets go of the card (its watcher stops with the screen) so that the browser's
    // module can use it; nothing of the check is kept for the session.
    resetEid();
    visit_.freeUse.open(settings_.freeUse.limit, *this);
}

} // namespace dps::kiosk
