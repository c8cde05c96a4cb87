#include "KioskFlow.h"

#include <stdexcept>

namespace dps::kiosk {

KioskFlow::KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock)
    : settings_(std::move(settings)), visits_(visits), clock_(clock) {
    if (settings_.languages.empty()) throw std::invalid_argument("KioskFlow needs at least one language");
    visit_.language = settings_.languages.front();
    lastActivity_ = screenSince_ = clock_.steady();
}

void KioskFlow::show(Screen s) {
    screen_ = s;
    screenSince_ = clock_.steady();
}

void KioskFlow::apply(const Intent& intent) {
    noteActivity();
    switch (intent.kind) {
    case Intent::Kind::None: return;
    case Intent::Kind::ChooseLanguage:
        for (const auto& l : settings_.languages) {
            if (l == intent.language && screen_ == Screen::Welcome) visit_.language = l;
        }
        return;
    case Intent::Kind::StartVisit:
        if (screen_ == Screen::Welcome) startVisit();
        return;
    case Intent::Kind::FinishVisit:
        if (visitOpen()) endVisit(EndReason::Finished, Screen::Finish);
        return;
    case Intent::Kind::StillHere:
        if (screen_ == Screen::StillThere) show(visit_.screenBeforePrompt);
        return;
    case Intent::Kind::BackToWelcome:
        if (screen_ == Screen::Finish) backToWelcome();
        return;
    }
}

void KioskFlow::startVisit() {
    const std::string language = visit_.language;
    visit_ = VisitState{};
    visit_.language = language;
    visit_.started = clock_.steady();
    visit_.id = visits_.open(clock_.wall(), language); // a failed write is logged by the adapter;
                                                       // the visitor is still served
    show(Screen::Home);
}

void KioskFlow::endVisit(EndReason reason, Screen next) {
    if (visit_.id) visits_.close(*visit_.id, clock_.wall(), reason);
    // The thank-you is said in the visitor's language; everything else of the visit goes now.
    const std::string language = next == Screen::Finish ? visit_.language : settings_.languages.front();
    visit_ = VisitState{};
    visit_.language = language;
    show(next);
}

void KioskFlow::backToWelcome() {
    visit_ = VisitState{};
    visit_.language = settings_.languages.front();
    show(Screen::Welcome);
}

void KioskFlow::noteActivity() {
    lastActivity_ = clock_.steady();
    // Any sign of life answers "Are you still there?".
    if (screen_ == Screen::StillThere) show(visit_.screenBeforePrompt);
}

bool KioskFlow::update() {
    const SteadyTime now = clock_.steady();
    const Screen before = screen_;
    if (visitOpen() && screen_ != Screen::StillThere && now - lastActivity_ >= settings_.idleTimeout) {
        visit_.screenBeforePrompt = screen_;
        show(Screen::StillThere);
        // The countdown starts when the prompt was due, not when update() happened to run.
        screenSince_ = lastActivity_ + settings_.idleTimeout;
    }
    if (screen_ == Screen::StillThere && now >= screenSince_ + settings_.stillThereCountdown) {
        endVisit(EndReason::IdleTimeout, Screen::Welcome);
    } else if (screen_ == Screen::Finish && now >= screenSince_ + settings_.thankYouTime) {
        backToWelcome();
    }
    return screen_ != before;
}

void KioskFlow::shutdown() {
    if (visitOpen()) endVisit(EndReason::Shutdown, Screen::Welcome);
}

std::optional<SteadyTime> KioskFlow::countdownEnd() const {
    if (screen_ == Screen::StillThere) return screenSince_ + settings_.stillThereCountdown;
    if (screen_ == Screen::Finish) return screenSince_ + settings_.thankYouTime;
    return std::nullopt;
}

int KioskFlow::secondsLeft() const {
    const auto end = countdownEnd();
    if (!end) return 0;
    const auto left = *end - clock_.steady();
    if (left <= SteadyTime::duration::zero()) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

std::optional<SteadyTime> KioskFlow::nextDeadline() const {
    if (const auto end = countdownEnd()) {
        // The visible number changes every second: wake at the next whole-second step.
        const auto left = *end - clock_.steady();
        const auto step = left - std::chrono::floor<std::chrono::seconds>(left);
        return clock_.steady() + (step > SteadyTime::duration::zero() ? step : std::chrono::seconds(1));
    }
    if (visitOpen()) return lastActivity_ + settings_.idleTimeout;
    return std::nullopt;
}

} // namespace dps::kiosk
