#include "KioskFlow.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace dps::kiosk {

KioskFlow::KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock,
                     const std::vector<Tutorial>& tutorials)
    : settings_(std::move(settings)), visits_(visits), clock_(clock), tutorials_(tutorials) {
    if (settings_.languages.empty()) throw std::invalid_argument("KioskFlow needs at least one language");
    // A tile only for what exists: Learn needs tutorials.
    for (Feature f : settings_.features) {
        if (f == Feature::Learn && tutorials_.empty()) continue;
        tiles_.push_back(f);
    }
    for (const char* theme : kThemes) {
        for (const auto& t : tutorials_) {
            if (t.theme == theme) {
                themes_.emplace_back(theme);
                break;
            }
        }
    }
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
            if (l == intent.value && screen_ == Screen::Welcome) visit_.language = l;
        }
        return;
    case Intent::Kind::StartVisit:
        if (screen_ == Screen::Welcome) startVisit();
        return;
    case Intent::Kind::FinishVisit:
        if (visitOpen() && screen_ == Screen::Home) endVisit(EndReason::Finished, Screen::Finish);
        return;
    case Intent::Kind::StillHere:
        if (screen_ == Screen::StillThere) show(visit_.screenBeforePrompt);
        return;
    case Intent::Kind::BackToWelcome:
        if (screen_ == Screen::Finish) backToWelcome();
        return;
    case Intent::Kind::OpenCatalogue:
        if ((screen_ == Screen::Home || screen_ == Screen::TutorialEnd) && !tutorials_.empty()) {
            visit_.run.reset();
            show(Screen::Catalogue);
        }
        return;
    case Intent::Kind::OpenEidCheck:
        if (screen_ == Screen::Home) {
            resetEid();
            show(Screen::EidCheck);
        }
        return;
    case Intent::Kind::EidCheckAgain:
    case Intent::Kind::EidOfferPinTest:
    case Intent::Kind::EidConfirmPinTest:
    case Intent::Kind::EidCancelPinTest:
    case Intent::Kind::EidPinDigit:
    case Intent::Kind::EidPinErase:
    case Intent::Kind::EidPinSubmit:
        if (screen_ == Screen::EidCheck) applyEid(intent);
        return;
    case Intent::Kind::ReadAloud:
    case Intent::Kind::StopReading: return; // speech is a service: the app carries these out
    case Intent::Kind::CycleTextSize:
        visit_.textSizePercent = visit_.textSizePercent >= 200 ? 100 : visit_.textSizePercent + 50;
        return;
    case Intent::Kind::ToggleContrast: visit_.highContrast = !visit_.highContrast; return;
    case Intent::Kind::ChooseTheme:
        if (screen_ == Screen::Catalogue && std::find(themes_.begin(), themes_.end(), intent.value) != themes_.end())
            visit_.theme = intent.value;
        return;
    case Intent::Kind::OpenTutorial:
        if (screen_ == Screen::Catalogue || screen_ == Screen::TutorialEnd ||
            (screen_ == Screen::EidCheck && eidTutorial() && intent.value == settings_.eidTutorial)) {
            resetEid();
            openTutorial(intent.value);
        }
        return;
    case Intent::Kind::NextStep:
        if (screen_ == Screen::Player && !visit_.confirmingLeave) nextStep(false);
        return;
    case Intent::Kind::SkipStep:
        if (screen_ == Screen::Player && !visit_.confirmingLeave) nextStep(true);
        return;
    case Intent::Kind::PreviousStep:
        if (screen_ == Screen::Player && visit_.run && !visit_.confirmingLeave) visit_.run->back();
        return;
    case Intent::Kind::ShowHint:
        if (screen_ == Screen::Player && visit_.run) visit_.run->showHint();
        return;
    case Intent::Kind::LeaveTutorial:
        // Leaving on the first step, before any effort, needs no confirmation.
        if (screen_ == Screen::Player && visit_.run) {
            if (visit_.run->stepIndex() == 0 && !visit_.run->exercise())
                leaveTutorial(Screen::Catalogue);
            else
                visit_.confirmingLeave = true;
        }
        return;
    case Intent::Kind::ConfirmLeave:
        if (screen_ == Screen::Player && visit_.confirmingLeave) leaveTutorial(Screen::Catalogue);
        return;
    case Intent::Kind::CancelLeave: visit_.confirmingLeave = false; return;
    case Intent::Kind::BackToHome:
        if (screen_ == Screen::Catalogue || screen_ == Screen::TutorialEnd || screen_ == Screen::EidCheck) {
            visit_.run.reset();
            resetEid();
            show(Screen::Home);
        }
        return;
    }
}

void KioskFlow::record(VisitEvent::Kind kind, int step) {
    if (!visit_.id || !visit_.run) return;
    const Tutorial& t = visit_.run->tutorial();
    visits_.event(*visit_.id, clock_.wall(), VisitEvent{kind, t.id, t.version, step, {}});
}

void KioskFlow::openTutorial(const std::string& id) {
    for (const auto& t : tutorials_) {
        if (t.id != id) continue;
        visit_.run.emplace(t, visit_.language, fallbackLanguage());
        visit_.theme = t.theme;
        visit_.confirmingLeave = false;
        record(VisitEvent::Kind::TutorialStarted, 1);
        record(VisitEvent::Kind::StepReached, 1);
        show(Screen::Player);
        return;
    }
}

void KioskFlow::nextStep(bool skip) {
    TutorialRun* r = run();
    if (!r || (!skip && !r->canGoNext())) return;
    if (r->onLastStep()) {
        record(VisitEvent::Kind::TutorialCompleted, static_cast<int>(r->stepCount()));
        visit_.finished.insert(r->tutorial().id);
        show(Screen::TutorialEnd);
    } else if (skip || r->canGoNext()) {
        r->skipTo(r->stepIndex() + 1);
        record(VisitEvent::Kind::StepReached, static_cast<int>(r->stepIndex()) + 1);
    }
}

void KioskFlow::leaveTutorial(Screen next) {
    if (visit_.run && screen_ == Screen::Player) {
        record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(visit_.run->stepIndex()) + 1);
    }
    visit_.run.reset();
    visit_.confirmingLeave = false;
    show(next);
}

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

const Tutorial* KioskFlow::eidTutorial() const {
    for (const auto& t : tutorials_) {
        if (t.id == settings_.eidTutorial) return &t;
    }
    return nullptr;
}

const std::string& KioskFlow::catalogueTheme() const {
    static const std::string kNone;
    if (!visit_.theme.empty()) return visit_.theme;
    return themes_.empty() ? kNone : themes_.front();
}

const Tutorial* KioskFlow::suggestion() const {
    if (!visit_.run || visit_.run->tutorial().next.empty()) return nullptr;
    for (const auto& t : tutorials_) {
        if (t.id == visit_.run->tutorial().next) return &t;
    }
    return nullptr;
}

void KioskFlow::startVisit() {
    VisitState fresh;
    fresh.language = visit_.language;
    fresh.textSizePercent = visit_.textSizePercent;
    fresh.highContrast = visit_.highContrast;
    visit_ = std::move(fresh);
    visit_.started = clock_.steady();
    visit_.id = visits_.open(clock_.wall(), visit_.language); // a failed write is logged by the adapter;
                                                              // the visitor is still served
    show(Screen::Home);
}

void KioskFlow::endVisit(EndReason reason, Screen next) {
    // A tutorial left open when the visit ends was abandoned where the visitor stopped.
    const Screen shown = screen_ == Screen::StillThere ? visit_.screenBeforePrompt : screen_;
    if (visit_.run && shown == Screen::Player) {
        record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(visit_.run->stepIndex()) + 1);
    }
    if (visit_.id) visits_.close(*visit_.id, clock_.wall(), reason);
    // The thank-you is said in the visitor's language; everything else of the visit goes now.
    VisitState after;
    if (next == Screen::Finish) {
        after.language = visit_.language;
        after.textSizePercent = visit_.textSizePercent;
        after.highContrast = visit_.highContrast;
    } else {
        after.language = settings_.languages.front();
    }
    visit_ = std::move(after);
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
