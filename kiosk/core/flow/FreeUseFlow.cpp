// A free-use session: the intro, the running session and its notices, the wipe.
#include "kiosk/core/flow/FreeUseFlow.h"

#include <algorithm>

namespace dps::kiosk {
namespace {

using std::chrono::ceil;
using std::chrono::minutes;
using std::chrono::seconds;

seconds until(SteadyTime from, SteadyTime to) { return to > from ? ceil<seconds>(to - from) : seconds(0); }

} // namespace

void FreeUseFlow::open(minutes limit, FreeUseHost& host) {
    phase_ = FreeUsePhase::Intro;
    limit_ = limit;
    startFailed_ = false;
    host.show(Screen::FreeUseIntro);
}

void FreeUseFlow::apply(const intent::OpenFreeUse&, SteadyTime, FreeUseHost& host) {
    if (host.shown() != Screen::Home || !host.visitOpen() || !host.browser() || !host.freeUseSettings().enabled) return;
    if (phase_ == FreeUsePhase::Off || phase_ == FreeUsePhase::Intro) open(host.freeUseSettings().limit, host);
}

void FreeUseFlow::apply(const intent::StartFreeUse&, SteadyTime now, FreeUseHost& host) {
    if (host.shown() != Screen::FreeUseIntro || phase_ != FreeUsePhase::Intro || !host.browser()) return;
    if (!host.browser()->start(startPageIn(host.freeUseSettings(), host.language()))) {
        startFailed_ = true;
        return;
    }
    phase_ = FreeUsePhase::Running;
    started_ = lastInput_ = now;
    // Written at once, so a session cut off by a power loss is found as such at the next start.
    host.recordFreeUse({});
    host.show(Screen::FreeUseBar);
}

void FreeUseFlow::apply(const intent::AskFinishFreeUse&, SteadyTime, FreeUseHost& host) {
    // Everything is erased at once: a tap by mistake must not do it.
    if (running() && host.shown() == Screen::FreeUseBar) confirmingFinish_ = true;
}

void FreeUseFlow::apply(const intent::FinishFreeUse&, SteadyTime now, FreeUseHost& host) {
    if (running() && confirmingFinish_ && host.shown() == Screen::FreeUseBar) end(FreeUseEnd::Finished, now, host);
}

void FreeUseFlow::apply(const intent::CancelFinishFreeUse&, SteadyTime, FreeUseHost&) { confirmingFinish_ = false; }

void FreeUseFlow::apply(const intent::FreeUseHelp&, SteadyTime now, FreeUseHost& host) {
    // Asking again keeps the first time: how long the visitor has waited is what staff need.
    if (running() && host.shown() == Screen::FreeUseBar && !helpAskedAt_) helpAskedAt_ = now;
}

std::chrono::seconds FreeUseFlow::helpAskedFor(SteadyTime now) const {
    if (!helpAskedAt_ || now < *helpAskedAt_) return seconds(0);
    return std::chrono::duration_cast<seconds>(now - *helpAskedAt_);
}

void FreeUseFlow::apply(const intent::ExtendFreeUse& i, SteadyTime now, FreeUseHost& host) {
    if (!running() || !host.facilitatorAtWork() || i.minutes <= 0) return;
    limit_ = std::min(limit_ + minutes(i.minutes), ceil<minutes>(now - started_) + kFreeUseMax);
    stillThereFrom_.reset();
    helpAnswered(); // a facilitator acted on the session: they came
    // More time during the last notice takes it back, unless closing time is what ends it.
    if (lastNoticeFrom_ && sessionEnd(now, host) > now) lastNoticeFrom_.reset();
}

void FreeUseFlow::apply(const intent::EndFreeUse&, SteadyTime now, FreeUseHost& host) {
    if (!running() || !host.facilitatorAtWork()) return;
    helpAnswered();
    host.lockFacilitator();
    end(FreeUseEnd::Facilitator, now, host);
}

void FreeUseFlow::noteActivity(SteadyTime now) {
    if (!running()) return;
    lastInput_ = now;
    stillThereFrom_.reset();
}

void FreeUseFlow::update(SteadyTime now, bool closedNow, FreeUseHost& host) {
    if (phase_ == FreeUsePhase::Wiping) {
        BrowserNews news = host.browser()->poll();
        if (news.wiped) return wiped(*news.wiped, host);
        // A wipe that never reports is not one the next person can trust.
        if (now >= wipeFrom_ + kWipeWait) wiped(WipeReport{}, host);
        return;
    }
    if (!running()) return;
    const BrowserNews news = host.browser()->poll();
    if (news.input) noteActivity(now);
    if (news.crashed) return end(FreeUseEnd::Crashed, now, host);
    if (news.closed) return end(FreeUseEnd::Finished, now, host);
    if (closedNow) return end(FreeUseEnd::Closing, now, host);
    if (!lastNoticeFrom_) {
        const SteadyTime due = sessionEnd(now, host);
        if (now >= due) {
            lastNoticeCause_ = endsAtClosing(now, host) ? FreeUseEnd::Closing : FreeUseEnd::TimeUp;
            lastNoticeFrom_ = due;
            stillThereFrom_.reset();
        }
    }
    if (lastNoticeFrom_) {
        if (now >= *lastNoticeFrom_ + kLastNotice) end(lastNoticeCause_, now, host);
        return;
    }
    // A facilitator at work is someone there; their input keeps the session's too.
    if (host.facilitatorAtWork()) return;
    const auto idle = host.freeUseSettings().idle;
    if (!stillThereFrom_ && now - lastInput_ >= idle) stillThereFrom_ = lastInput_ + idle;
    if (stillThereFrom_ && now >= *stillThereFrom_ + host.stillThereCountdown()) end(FreeUseEnd::Idle, now, host);
}

void FreeUseFlow::shutdown(SteadyTime now, FreeUseHost& host) {
    if (phase_ != FreeUsePhase::Running && phase_ != FreeUsePhase::Wiping) return;
    if (running()) {
        minutes_ = static_cast<int>(ceil<minutes>(now - started_).count());
        host.browser()->stop();
    }
    // The wipe goes on without the kiosk (and again at boot); nothing of its report will come.
    FreeUseRecord record;
    record.minutes = minutes_;
    record.end = FreeUseEnd::Interrupted;
    host.recordFreeUse(record);
    phase_ = FreeUsePhase::Off;
}

void FreeUseFlow::end(FreeUseEnd how, SteadyTime now, FreeUseHost& host) {
    how_ = how;
    minutes_ = static_cast<int>(ceil<minutes>(now - started_).count());
    phase_ = FreeUsePhase::Wiping;
    wipeFrom_ = now;
    confirmingFinish_ = false;
    stillThereFrom_.reset();
    lastNoticeFrom_.reset();
    host.browser()->stop();
    host.show(Screen::FreeUseErased);
}

void FreeUseFlow::wiped(const WipeReport& report, FreeUseHost& host) {
    phase_ = FreeUsePhase::Off;
    FreeUseRecord record;
    record.minutes = minutes_;
    record.end = how_;
    record.pagesPrinted = std::max(0, report.pagesPrinted);
    record.usbUsed = report.usbUsed;
    record.eidUsed = report.eidUsed;
    host.recordFreeUse(record);
    // Last: it ends the visit, and this flow with it.
    host.freeUseWiped(how_, report.verified);
}

std::optional<SteadyTime> FreeUseFlow::closingEnd(SteadyTime now, const FreeUseHost& host) const {
    const auto closing = host.closingIn();
    if (!closing) return std::nullopt;
    return now + *closing - kLastNotice;
}

SteadyTime FreeUseFlow::sessionEnd(SteadyTime now, const FreeUseHost& host) const {
    const SteadyTime own = started_ + limit_;
    const auto closing = closingEnd(now, host);
    return closing ? std::min(own, *closing) : own;
}

bool FreeUseFlow::endsAtClosing(SteadyTime now, const FreeUseHost& host) const {
    if (lastNoticeFrom_) return lastNoticeCause_ == FreeUseEnd::Closing;
    const auto closing = closingEnd(now, host);
    return closing && *closing <= started_ + limit_;
}

seconds FreeUseFlow::timeLeft(SteadyTime now, const FreeUseHost& host) const {
    if (!running() || lastNoticeFrom_) return seconds(0);
    return until(now, sessionEnd(now, host));
}

seconds FreeUseFlow::left(SteadyTime now, const FreeUseHost& host) const {
    if (!running()) return seconds(0);
    if (lastNoticeFrom_) return until(now, *lastNoticeFrom_ + kLastNotice);
    return timeLeft(now, host) + kLastNotice;
}

seconds FreeUseFlow::stillThereLeft(SteadyTime now, const FreeUseHost& host) const {
    if (!running() || !stillThereFrom_) return seconds(0);
    return until(now, *stillThereFrom_ + host.stillThereCountdown());
}

FreeUseNotice FreeUseFlow::notice(SteadyTime now, const FreeUseHost& host) const {
    if (!running()) return FreeUseNotice::None;
    if (lastNoticeFrom_) return FreeUseNotice::LastSeconds;
    if (stillThereFrom_) return FreeUseNotice::StillThere;
    const seconds left = timeLeft(now, host);
    if (left <= minutes(1)) return FreeUseNotice::OneMinute;
    if (left <= minutes(5)) return FreeUseNotice::FiveMinutes;
    return FreeUseNotice::None;
}

std::optional<SteadyTime> FreeUseFlow::nextDeadline(SteadyTime now, const FreeUseHost& host) const {
    if (phase_ == FreeUsePhase::Wiping) return now + seconds(1); // the adapter's report is polled
    if (!running()) return std::nullopt;
    // The browser's news (input, a crash) is polled every second; the bar's time and countdowns
    // change no faster. The idle prompt and the session's end fall on those steps too.
    (void)host;
    return now + seconds(1);
}

} // namespace dps::kiosk
