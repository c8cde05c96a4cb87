// The flow's heart: visits, tutorials and the visitor's timeouts. The e-ID screen
// (KioskFlowEid.cpp) and how visits end (KioskFlowVisitEnd.cpp) live beside it; facilitator mode
// is a sub-flow of its own (flow/FacilitatorFlow.cpp), and what it asks of the flow is below.
#include "kiosk/core/KioskFlow.h"

#include "kiosk/core/Overloaded.h"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace dps::kiosk {
namespace {

// A visit's last sign of life is written at most this often (besides every event).
constexpr std::chrono::seconds kTouchEvery{30};

template <class I, class... Is> constexpr bool oneOf = (std::is_same_v<I, Is> || ...);

} // namespace

const std::vector<Tutorial>& KioskFlow::noTutorials() {
    static const std::vector<Tutorial> none;
    return none;
}

KioskFlow::KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock,
                     const std::vector<Tutorial>& tutorials, TerminalLog* terminal, BrowserSession* browser)
    : settings_(std::move(settings)), visits_(visits), clock_(clock), tutorials_(tutorials),
      facilitator_(tutorials, clock, terminal, settings_.languages), browser_(browser), terminal_(terminal) {
    if (settings_.languages.empty()) throw std::invalid_argument("KioskFlow needs at least one language");
    if (terminal) (void)applyStoredSettings(settings_, facilitator_.configuredLanguages(), terminal->settings());
    // A tile only for what exists: Learn needs tutorials.
    for (Feature f : settings_.features) {
        if (f == Feature::Learn && tutorials_.empty()) continue;
        if (f == Feature::FreeUse) continue; // placed below, from free_use.enabled
        tiles_.push_back(f);
    }
    placeFreeUseTile();
    themes_ = TutorialFlow::themesOf(tutorials_);
    visit_ = freshVisit();
    visit_.language = settings_.languages.front();
    lastActivity_ = screenSince_ = clock_.steady();
    if (closedNow()) show(Screen::Closed);
    publishState(); // a started kiosk is idle: what a kiosk that stopped said before is replaced
}

void KioskFlow::show(Screen s) {
    visit_.home.shown(s);
    screen_ = s;
    screenSince_ = clock_.steady();
}

void KioskFlow::apply(const Intent& intent) {
    noteActivity();
    std::visit([&](const auto& i) { route(i, intent); }, intent);
    publishState();
}

// The router. An intent of a sub-flow reaches it only while that sub-flow's screen shows, and is
// ignored elsewhere, as a late tap on a screen that has gone must be. A new sub-flow is a class
// with its `owns` list and one line here.
template <class I> void KioskFlow::route(const I& i, const Intent& whole) {
    if constexpr (VisitFlow::owns<I>) {
        visit_.home.apply(i, *this);
    } else if constexpr (TutorialFlow::owns<I>) {
        visit_.tutorial.apply(i, *this);
    } else if constexpr (EidFlow::owns<I>) {
        if (screen_ == Screen::EidCheck) visit_.eid.apply(i, visit_.language);
    } else if constexpr (EndQuestions::owns<I>) {
        if (screen_ == Screen::EndQuestions) answered(visit_.questions.apply(i));
    } else if constexpr (FacilitatorFlow::owns<I>) {
        facilitator_.apply(whole, *this);
    } else if constexpr (FreeUseFlow::owns<I>) {
        visit_.freeUse.apply(i, clock_.steady(), *this);
    } else if constexpr (std::is_same_v<I, intent::FacilitatorFreeUse>) {
        startFreeUseFor(i); // it may open a visit first: the router's
    } else if constexpr (std::is_same_v<I, intent::EidUseOnWebsite>) {
        useCardOnWebsite(); // from the e-ID screen to free use: both sub-flows, so the router's
    } else if constexpr (std::is_same_v<I, intent::AnswerFreeUseHelp>) {
        answerHelp(); // facilitator mode's screen, the visit's session: the router's
    } else {
        // Every other intent is the band's or a prompt's: a new one must be routed, not lost.
        static_assert(oneOf<I, intent::None, intent::ChooseLanguage, intent::StillHere, intent::ContinueVisit,
                            intent::CycleTextSize, intent::ToggleContrast, intent::ReadAloud, intent::StopReading>,
                      "an intent no sub-flow owns");
        applyShared(whole);
    }
}

// What every visitor's screen shares: the band (language, text size, contrast, reading aloud)
// and the answers to "Are you still there?" and the closing warning.
void KioskFlow::applyShared(const Intent& intent) {
    std::visit(Overloaded{
                   [&](const intent::ChooseLanguage& i) {
                       // The visit is recorded in the last language chosen.
                       for (const auto& l : settings_.languages) {
                           if (l != i.code || l == visit_.language || isFacilitatorScreen(screen_)) continue;
                           visit_.language = l;
                           if (visit_.id) visits_.language(*visit_.id, l);
                           visit_.tutorial.setLanguage(l);
                       }
                   },
                   [&](const intent::StillHere&) { resumeAfterPrompt(); },
                   [&](const intent::ContinueVisit&) { resumeAfterPrompt(); },
                   [&](const intent::CycleTextSize&) {
                       visit_.textSizePercent = visit_.textSizePercent >= 200 ? 100 : visit_.textSizePercent + 50;
                   },
                   [&](const intent::ToggleContrast&) { visit_.highContrast = !visit_.highContrast; },
                   // None, and speech: a service the app carries out (ReadAloud, StopReading).
                   [](const auto&) {},
               },
               intent);
}

void KioskFlow::resumeAfterPrompt() {
    if (screen_ == Screen::StillThere || screen_ == Screen::ClosingSoon) show(visit_.screenBeforePrompt);
}

void KioskFlow::record(const VisitEvent& event) {
    if (visit_.id) visits_.event(*visit_.id, clock_.wall(), event);
}

KioskFlow::VisitState KioskFlow::freshVisit() const {
    VisitState fresh;
    fresh.tutorial = TutorialFlow(tutorials_, themes_);
    return fresh;
}

void KioskFlow::openTutorial(const std::string& id) {
    visit_.tutorial.open(id, visit_.language, fallbackLanguage(), *this);
}

void KioskFlow::replaceVisit(VisitState next) {
    visit_ = std::move(next);
    facilitator_.visitReplaced();
}

void KioskFlow::startVisit() {
    VisitState fresh = freshVisit();
    fresh.language = visit_.language;
    fresh.textSizePercent = visit_.textSizePercent;
    fresh.highContrast = visit_.highContrast;
    replaceVisit(std::move(fresh));
    visit_.started = visit_.lastTouch = clock_.steady();
    // A failed write is logged by the adapter; the visitor is still served.
    visit_.id = visits_.open(clock_.wall(), isoDate(clock_.local().date), visit_.language);
    show(Screen::Home);
}

void KioskFlow::endVisit(EndReason reason, Screen next, const VisitOutcome& outcome) {
    // A tutorial left open when the visit ends was abandoned where the visitor stopped.
    const Screen shown = screen_ == Screen::StillThere || screen_ == Screen::ClosingSoon ? visit_.screenBeforePrompt
                         : isFacilitatorScreen(screen_)                                  ? facilitator_.openedFrom()
                                                                                         : screen_;
    stopTutorial(shown == Screen::Player);
    if (visit_.id) {
        if (outcome.autonomy || outcome.referral || outcome.cameFor || outcome.helped)
            visits_.outcome(*visit_.id, outcome);
        visits_.close(*visit_.id, clock_.wall(), reason);
    }
    // Whatever ended the visit, the next person finds facilitator mode locked.
    facilitator_.lock();
    // The thank-you is said in the visitor's language; everything else of the visit goes now.
    VisitState after = freshVisit();
    if (next == Screen::Finish || next == Screen::FreeUseErased) {
        after.language = visit_.language;
        after.textSizePercent = visit_.textSizePercent;
        after.highContrast = visit_.highContrast;
    } else {
        after.language = settings_.languages.front();
    }
    replaceVisit(std::move(after));
    show(next);
}

void KioskFlow::backToWelcome() {
    VisitState fresh = freshVisit();
    fresh.language = settings_.languages.front();
    replaceVisit(std::move(fresh));
    show(restingScreen());
}

Screen KioskFlow::restingScreen() const { return closedNow() ? Screen::Closed : Screen::Welcome; }

void KioskFlow::noteActivity() {
    const SteadyTime now = clock_.steady();
    lastActivity_ = now;
    if (isFacilitatorScreen(screen_)) facilitator_.noteActivity(now);
    visit_.freeUse.noteActivity(now);
    // Any sign of life answers "Are you still there?".
    if (screen_ == Screen::StillThere) show(visit_.screenBeforePrompt);
    if (visit_.id && (!visit_.lastTouch || now - *visit_.lastTouch >= kTouchEvery)) {
        visit_.lastTouch = now;
        visits_.touch(*visit_.id, clock_.wall());
    }
}

bool KioskFlow::update() {
    const SteadyTime now = clock_.steady();
    const Screen before = screen_;
    // Facilitator mode closes itself, wherever the facilitator left it.
    facilitator_.update(lastActivity_, settings_.facilitatorIdle, *this);
    // A free-use session keeps its own time, idle rule and closing (its bar warns, then it wipes).
    visit_.freeUse.update(now, closedNow(), *this);
    updateWipeCheck(now);
    if (applyHours()) {
        publishState();
        return true;
    }
    const bool prompting = screen_ == Screen::StillThere || screen_ == Screen::ClosingSoon;
    if (visitOpen() && !prompting && !isFacilitatorScreen(screen_) && !freeUseUnderWay() &&
        now - lastActivity_ >= settings_.idleTimeout) {
        visit_.screenBeforePrompt = screen_;
        show(Screen::StillThere);
        // The countdown starts when the prompt was due, not when update() happened to run.
        screenSince_ = lastActivity_ + settings_.idleTimeout;
    }
    if (screen_ == Screen::StillThere && now >= screenSince_ + settings_.stillThereCountdown) {
        endVisit(EndReason::IdleTimeout, restingScreen());
    } else if ((screen_ == Screen::Finish || (screen_ == Screen::FreeUseErased && !visitOpen())) &&
               now >= screenSince_ + settings_.thankYouTime) {
        backToWelcome();
    }
    publishState();
    return screen_ != before;
}

void KioskFlow::shutdown() {
    visit_.freeUse.shutdown(clock_.steady(), *this);
    if (visitOpen()) endVisit(EndReason::Shutdown, Screen::Welcome);
}

std::optional<SteadyTime> KioskFlow::countdownEnd() const {
    if (screen_ == Screen::StillThere) return screenSince_ + settings_.stillThereCountdown;
    if (screen_ == Screen::Finish) return screenSince_ + settings_.thankYouTime;
    if (screen_ == Screen::FreeUseErased && !visitOpen()) return screenSince_ + settings_.thankYouTime;
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
    using namespace std::chrono;
    const SteadyTime now = clock_.steady();
    std::optional<SteadyTime> next;
    const auto consider = [&](SteadyTime t) { next = next ? std::min(*next, t) : t; };
    if (const auto end = countdownEnd()) {
        // The visible number changes every second: wake at the next whole-second step.
        const auto left = *end - now;
        const auto step = left - floor<seconds>(left);
        consider(now + (step > SteadyTime::duration::zero() ? step : seconds(1)));
    } else if (visitOpen() && !freeUseUnderWay()) {
        consider(lastActivity_ + settings_.idleTimeout);
    }
    if (const auto freeUse = visit_.freeUse.nextDeadline(now, *this)) consider(*freeUse);
    if (wipeCheck_.running()) consider(now + seconds(1)); // its report is polled
    if (const auto facilitator = facilitator_.nextDeadline(screen_, settings_.facilitatorIdle)) consider(*facilitator);
    // Opening hours: the next opening or closing, and the warning before closing.
    const LocalTime local = clock_.local();
    if (const auto change = settings_.hours.untilNextChange(local)) consider(now + *change);
    if (const auto closing = settings_.hours.untilClosing(local); closing && *closing > settings_.closingWarning)
        consider(now + *closing - settings_.closingWarning);
    // The next midnight ends a facilitator's "open outside hours".
    if (openedOutsideHours_) consider(now + hours(24) - local.sinceMidnight);
    return next;
}

// [FacilitatorHost]

Screen KioskFlow::visitorScreen() const {
    return screen_ == Screen::StillThere || screen_ == Screen::ClosingSoon ? visit_.screenBeforePrompt : screen_;
}

bool KioskFlow::openGuidedVisit(const GuidedVisit& facts, Screen under) {
    if (visitOpen()) {
        stopTutorial(under == Screen::Player);
        if (visit_.id) visits_.close(*visit_.id, clock_.wall(), EndReason::Finished);
    }
    startVisit();
    if (visit_.id && !visits_.guide(*visit_.id, facts)) return false;
    stopTutorial(false);
    resetEid();
    lastActivity_ = clock_.steady();
    return true;
}

void KioskFlow::leaveLesson() {
    stopTutorial(screen_ == Screen::Player);
    resetEid();
}

void KioskFlow::endGuidedVisit(const VisitOutcome& outcome) {
    endVisit(EndReason::FacilitatorEnded, Screen::Finish, outcome);
}

void KioskFlow::changeSettings(const FlowSettings& next) {
    const bool languagesChanged = next.languages != settings_.languages;
    settings_ = next;
    // Between visits the screens speak an allowed language; a visitor keeps theirs to the end.
    const auto& langs = settings_.languages;
    if (languagesChanged && !visitOpen() && std::find(langs.begin(), langs.end(), visit_.language) == langs.end())
        visit_.language = langs.front();
}

} // namespace dps::kiosk
