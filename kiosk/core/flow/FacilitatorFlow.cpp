// Facilitator mode: the PIN (checked by the app, locked out by the gate), its menu, guided
// sessions (set up, walked through, summed up), the terminal's settings and equipment reports.
#include "kiosk/core/flow/FacilitatorFlow.h"

#include "kiosk/core/Overloaded.h"

#include <algorithm>
#include <set>
#include <utility>

namespace dps::kiosk {
namespace {

// The screens a guided session's controls (next, previous, end) work on.
bool sessionScreen(Screen s) {
    return s == Screen::Home || s == Screen::Catalogue || s == Screen::Player || s == Screen::TutorialEnd ||
           s == Screen::EidCheck;
}

template <class E> void toggle(std::set<E>& set, E value) {
    if (!set.erase(value)) set.insert(value);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : ",") + i;
    return out;
}

// The guided setup's facts: a group and its size, the purposes, the consent and the audiences.
void editFacts(GuidedVisit& f, const Intent& intent) {
    std::visit(Overloaded{
                   [&](const intent::SetSessionGroup& i) {
                       f.group = i.group;
                       f.groupSize = f.group ? std::max(f.groupSize, kMinGroup) : 1;
                   },
                   [&](const intent::GroupSizeMore&) {
                       if (f.group) f.groupSize = std::min(kMaxGroup, f.groupSize + 1);
                   },
                   [&](const intent::GroupSizeLess&) {
                       if (f.group) f.groupSize = std::max(kMinGroup, f.groupSize - 1);
                   },
                   [&](const intent::SetGroupSize& i) {
                       if (i.participants >= kMinGroup && i.participants <= kMaxGroup) {
                           f.group = true;
                           f.groupSize = i.participants;
                       }
                   },
                   [&](const intent::TogglePurpose& i) { toggle(f.purposes, i.purpose); },
                   [&](const intent::ToggleConsent&) {
                       f.consent = !f.consent;
                       if (!f.consent) f.audiences.clear(); // without consent, nothing of it may remain
                   },
                   [&](const intent::ToggleAudience& i) {
                       if (f.consent) toggle(f.audiences, i.audience);
                   },
                   [](const auto&) {},
               },
               intent);
}

} // namespace

FacilitatorFlow::FacilitatorFlow(const std::vector<Tutorial>& tutorials, const Clock& clock, TerminalLog* terminal,
                                 std::vector<std::string> configuredLanguages)
    : tutorials_(tutorials), clock_(clock), terminal_(terminal), configuredLanguages_(std::move(configuredLanguages)),
      activity_(clock.steady()) {
    if (terminal_) {
        gate_ = UnlockGate(terminal_->gate(PinKind::Facilitator));
        adminGate_ = UnlockGate(terminal_->gate(PinKind::Administrator));
    }
}

void FacilitatorFlow::apply(const Intent& intent, FacilitatorHost& host) {
    const Screen shown = host.shown();
    std::visit(
        [&](const auto& i) {
            using I = std::decay_t<decltype(i)>;
            if constexpr (unlockIntent<I>) {
                applyUnlock(intent, host);
            } else if constexpr (menuIntent<I>) {
                if (unlocked()) applyMenu(intent, host);
            } else if constexpr (sessionIntent<I>) {
                applySessionControl(intent, host);
            } else if constexpr (summaryIntent<I>) {
                if (session_ && shown == Screen::SessionSummary) applySession(intent, host);
            } else if constexpr (setupIntent<I>) {
                if (unlocked() && shown == Screen::GuidedSetup) applySetup(intent, host);
            } else if constexpr (settingsIntent<I>) {
                if (unlocked() && shown == Screen::FacilitatorSettings) applySettings(intent, host);
            }
        },
        intent);
}

void FacilitatorFlow::applyUnlock(const Intent& intent, FacilitatorHost& host) {
    const Screen shown = host.shown();
    const bool onKeypad = shown == Screen::FacilitatorUnlock && !checking_;
    std::visit(Overloaded{
                   [&](const intent::OpenFacilitator&) {
                       if (!isFacilitatorScreen(shown)) open(host);
                   },
                   [&](const intent::FacilitatorPinDigit& i) {
                       if (onKeypad) {
                           refused_ = false;
                           pin_.add(i.digit);
                       }
                   },
                   [&](const intent::FacilitatorPinErase&) {
                       if (onKeypad) pin_.eraseLast();
                   },
                   [&](const intent::FacilitatorPinSubmit&) {
                       if (onKeypad) submitPin(host);
                   },
                   [&](const intent::CloseFacilitator&) {
                       if (isFacilitatorScreen(shown)) close(host);
                   },
                   [&](const intent::BackToFacilitator&) {
                       if (unlocked() && onKeypad && forMaintenance_) {
                           forMaintenance_ = false;
                           pin_.clear();
                           host.show(adminAction_ == AdminAction::CheckWipe ? Screen::TerminalStatus
                                                                            : Screen::Facilitator);
                           return;
                       }
                       if (unlocked() && (shown == Screen::GuidedSetup || shown == Screen::TerminalStatus ||
                                          shown == Screen::FacilitatorSettings))
                           host.show(Screen::Facilitator);
                   },
                   [](const auto&) {},
               },
               intent);
}

void FacilitatorFlow::submitPin(FacilitatorHost&) {
    if (!pin_.complete() || shownGate().locked(clock_.wall())) return;
    // The entry is wiped as it moves.
    request_.emplace(UnlockRequest{std::move(pin_), forMaintenance_});
    checking_ = true;
    checkingKind_ = forMaintenance_ ? PinKind::Administrator : PinKind::Facilitator;
}

// Every intent here is for an unlocked mode, on its menu (or the status screen).
void FacilitatorFlow::applyMenu(const Intent& intent, FacilitatorHost& host) {
    if (host.shown() == Screen::TerminalStatus) {
        if (const auto* report = std::get_if<intent::ReportEquipment>(&intent)) reportEquipment(*report, host);
        if (std::holds_alternative<intent::CheckWipeAgain>(intent) && host.wipeCheckOffered())
            askAdminPin(AdminAction::CheckWipe, host);
        return;
    }
    if (host.shown() != Screen::Facilitator) return;
    std::visit(Overloaded{
                   [&](const intent::OpenGuidedSetup&) {
                       if (!session_) {
                           plan_ = GuidedSession{};
                           host.show(Screen::GuidedSetup);
                       }
                   },
                   [&](const intent::OpenTerminalStatus&) {
                       lastReport_.clear();
                       host.show(Screen::TerminalStatus);
                   },
                   [&](const intent::OpenFacilitatorSettings&) { host.show(Screen::FacilitatorSettings); },
                   [&](const intent::OpenMaintenance&) {
                       // The administrator's PIN, on the same keypad, behind a lock-out of its own; only
                       // when this terminal has one.
                       if (maintenanceOffered_) askAdminPin(AdminAction::CloseKiosk, host);
                   },
                   [&](const intent::OpenOutsideHours&) {
                       if (!host.closedNow()) return;
                       host.openForToday();
                       if (under_ == Screen::Closed) under_ = Screen::Welcome;
                   },
                   [](const auto&) {},
               },
               intent);
}

void FacilitatorFlow::askAdminPin(AdminAction action, FacilitatorHost& host) {
    pin_.clear();
    refused_ = false;
    forMaintenance_ = true;
    adminAction_ = action;
    host.show(Screen::FacilitatorUnlock);
}

void FacilitatorFlow::reportEquipment(const intent::ReportEquipment& i, FacilitatorHost& host) {
    const std::string report = std::string(code(i.item)) + ":" + std::string(code(i.state));
    if (terminal_) terminal_->equipment(clock_.wall(), name_, i.item, i.state);
    // In the visit under way too (without the name): a broken printer explains a visit.
    host.record(VisitEvent{VisitEvent::Kind::EquipmentReported, {}, 0, 0, report});
    lastReport_ = report;
}

void FacilitatorFlow::open(FacilitatorHost& host) {
    under_ = host.visitorScreen();
    activity_ = clock_.steady();
    forMaintenance_ = false;
    if (unlocked()) {
        host.show(Screen::Facilitator);
        return;
    }
    pin_.clear();
    refused_ = false;
    host.show(Screen::FacilitatorUnlock);
}

void FacilitatorFlow::lock() {
    name_.clear();
    pin_.clear();
    request_.reset();
    checking_ = false;
    forMaintenance_ = false;
}

void FacilitatorFlow::close(FacilitatorHost& host) {
    lock();
    if (!isFacilitatorScreen(host.shown())) return;
    // Back where it was opened from; a visitor's screen only while their visit is open.
    Screen back = under_;
    const bool visitScreen = back != Screen::Welcome && back != Screen::Closed && back != Screen::Finish;
    if ((visitScreen && !host.visitOpen()) || isFacilitatorScreen(back)) back = host.restingScreen();
    if (back == Screen::Welcome || back == Screen::Closed) back = host.restingScreen();
    host.show(back);
}

void FacilitatorFlow::update(SteadyTime lastActivity, std::chrono::seconds idle, FacilitatorHost& host) {
    const SteadyTime now = clock_.steady();
    if (unlocked() && now - activity_ >= idle && (isFacilitatorScreen(host.shown()) || now - lastActivity >= idle))
        close(host);
}

std::optional<SteadyTime> FacilitatorFlow::nextDeadline(Screen shown, std::chrono::seconds idle) const {
    std::optional<SteadyTime> next;
    if (unlocked()) next = activity_ + idle;
    // The lock-out's countdown shows whole seconds.
    if (shown == Screen::FacilitatorUnlock && lockedSeconds() > 0) {
        const SteadyTime tick = clock_.steady() + std::chrono::seconds(1);
        next = next ? std::min(*next, tick) : tick;
    }
    return next;
}

std::optional<UnlockRequest> FacilitatorFlow::takeUnlockRequest() {
    std::optional<UnlockRequest> r;
    if (request_) {
        r.emplace(std::move(*request_));
        request_.reset();
    }
    return r;
}

void FacilitatorFlow::deliverUnlock(const std::optional<std::string>& facilitator, FacilitatorHost& host) {
    checking_ = false;
    UnlockGate& gate = checkingKind_ == PinKind::Administrator ? adminGate_ : gate_;
    if (!facilitator) {
        // Counted even when the screen was left meanwhile: the lock-out is what stops guessing.
        const GateState& state = gate.wrongPin(clock_.wall());
        if (terminal_) terminal_->saveGate(checkingKind_, state);
        refused_ = true;
        return;
    }
    const GateState& state = gate.rightPin();
    if (terminal_) terminal_->saveGate(checkingKind_, state);
    if (host.shown() != Screen::FacilitatorUnlock) return;
    if (checkingKind_ == PinKind::Administrator) {
        if (!forMaintenance_) return; // cancelled meanwhile
        if (adminAction_ == AdminAction::CheckWipe) {
            // Back to Terminal status, which shows the check under way and its outcome.
            forMaintenance_ = false;
            pin_.clear();
            activity_ = clock_.steady();
            wipeCheckAsked_ = true;
            host.show(Screen::TerminalStatus);
            return;
        }
        maintenanceExit_ = true; // the app ends the program; the visit, if any, ends as at a stop
        return;
    }
    name_ = *facilitator;
    activity_ = clock_.steady();
    host.show(Screen::Facilitator);
}

bool FacilitatorFlow::hasTutorial(const std::string& id) const {
    return std::any_of(tutorials_.begin(), tutorials_.end(), [&](const Tutorial& t) { return t.id == id; });
}

void FacilitatorFlow::applySetup(const Intent& intent, FacilitatorHost& host) {
    if (const auto* t = std::get_if<intent::ToggleSessionTutorial>(&intent)) {
        auto& list = plan_.tutorials;
        const auto it = std::find(list.begin(), list.end(), t->id);
        if (it != list.end())
            list.erase(it);
        else if (hasTutorial(t->id))
            list.push_back(t->id);
    } else if (std::holds_alternative<intent::StartSession>(intent)) {
        if (consentProblem(plan_.facts).empty()) startSession(host);
    } else {
        editFacts(plan_.facts, intent);
    }
}

void FacilitatorFlow::startSession(FacilitatorHost& host) {
    // Free use under way ends here as a visit of its own: the session's visit holds only the
    // session's time and lessons. The language and display choices carry over.
    GuidedSession s = plan_;
    if (!host.openGuidedVisit(s.facts, under_)) return; // refused: nothing recorded, no session
    s.started = clock_.steady();
    s.current = 0;
    session_ = std::move(s);
    if (session_->tutorials.empty())
        host.show(Screen::Home);
    else
        sessionTo(0, host);
}

void FacilitatorFlow::sessionTo(std::size_t index, FacilitatorHost& host) {
    host.leaveLesson();
    session_->current = index;
    host.openLesson(session_->tutorials.at(index));
}

bool FacilitatorFlow::sessionControlsOffered(Screen shown) const {
    return session_ && unlocked() && shown == Screen::Facilitator && sessionScreen(under_);
}

void FacilitatorFlow::applySessionControl(const Intent& intent, FacilitatorHost& host) {
    if (!session_) return;
    if (host.shown() == Screen::Facilitator) {
        // From the facilitator's menu: back to the session's screen, then on from there.
        if (!sessionControlsOffered(host.shown())) return;
        host.show(under_);
        applySession(intent, host);
        return;
    }
    // A lesson done: the big button at its end leads to the next one, or to the summary. The
    // participants have no other way to skip a lesson.
    if (host.shown() == Screen::TutorialEnd && !std::holds_alternative<intent::SessionPrevious>(intent))
        applySession(intent, host);
}

void FacilitatorFlow::applySession(const Intent& intent, FacilitatorHost& host) {
    GuidedSession& s = *session_;
    std::visit(Overloaded{
                   [&](const intent::SessionNext&) {
                       if (s.current + 1 < s.tutorials.size())
                           sessionTo(s.current + 1, host);
                       else
                           endSession(host); // after the last one: the summary
                   },
                   [&](const intent::SessionPrevious&) {
                       if (!s.tutorials.empty()) sessionTo(s.current > 0 ? s.current - 1 : 0, host);
                   },
                   [&](const intent::EndSession&) { endSession(host); },
                   [&](const intent::SetAutonomy& i) {
                       s.autonomy = s.autonomy == i.autonomy ? std::nullopt : std::optional(i.autonomy);
                   },
                   [&](const intent::SetReferral& i) {
                       s.referral = s.referral == i.referral ? std::nullopt : std::optional(i.referral);
                   },
                   [&](const intent::SaveSession&) {
                       VisitOutcome o;
                       o.autonomy = s.autonomy;
                       o.referral = s.referral;
                       host.endGuidedVisit(o); // the session goes with its visit
                   },
                   [](const auto&) {},
               },
               intent);
}

void FacilitatorFlow::endSession(FacilitatorHost& host) {
    host.leaveLesson();
    session_->ended = clock_.steady();
    host.show(Screen::SessionSummary);
    // The session is over: what is left (the summary) needs no facilitator mode, and the next
    // person must not find it open.
    lock();
}

std::chrono::seconds FacilitatorFlow::sessionDuration() const {
    if (!session_) return std::chrono::seconds(0);
    const SteadyTime end = session_->ended.value_or(clock_.steady());
    return std::chrono::duration_cast<std::chrono::seconds>(end - session_->started);
}

void FacilitatorFlow::applySettings(const Intent& intent, FacilitatorHost& host) {
    FlowSettings next = host.settings();
    const auto idle = [&](std::chrono::seconds step) {
        next.idleTimeout = std::clamp(next.idleTimeout + step, kIdleMin, kIdleMax);
        host.changeSettings(next);
        changeSetting(setting::IdleTimeout, std::to_string(next.idleTimeout.count()));
    };
    const auto stillThere = [&](std::chrono::seconds step) {
        next.stillThereCountdown = std::clamp(next.stillThereCountdown + step, kStillMin, kStillMax);
        host.changeSettings(next);
        changeSetting(setting::StillThere, std::to_string(next.stillThereCountdown.count()));
    };
    std::visit(Overloaded{
                   [&](const intent::ToggleLanguage& i) { toggleLanguage(i.code, host); },
                   [&](const intent::IdleTimeoutMore&) { idle(kIdleStep); },
                   [&](const intent::IdleTimeoutLess&) { idle(-kIdleStep); },
                   [&](const intent::StillThereMore&) { stillThere(kStillStep); },
                   [&](const intent::StillThereLess&) { stillThere(-kStillStep); },
                   [&](const intent::ToggleEndQuestions&) {
                       next.endQuestions = !next.endQuestions;
                       host.changeSettings(next);
                       changeSetting(setting::EndQuestions, next.endQuestions ? "true" : "false");
                   },
                   [](const auto&) {},
               },
               intent);
}

void FacilitatorFlow::toggleLanguage(const std::string& code, FacilitatorHost& host) {
    const auto& all = configuredLanguages_;
    if (std::find(all.begin(), all.end(), code) == all.end()) return;
    FlowSettings next = host.settings();
    auto& langs = next.languages;
    const auto it = std::find(langs.begin(), langs.end(), code);
    if (it != langs.end()) {
        if (langs.size() == 1) return; // the kiosk needs one language
        langs.erase(it);
    } else {
        // Kept in the configuration's order, so the first one stays the default.
        std::vector<std::string> kept;
        for (const auto& l : all) {
            if (l == code || std::find(langs.begin(), langs.end(), l) != langs.end()) kept.push_back(l);
        }
        langs = std::move(kept);
    }
    host.changeSettings(next);
    changeSetting(setting::Languages, joined(next.languages));
}

void FacilitatorFlow::changeSetting(const char* key, const std::string& value) {
    if (terminal_) terminal_->changeSetting(clock_.wall(), name_, key, value);
}

} // namespace dps::kiosk
