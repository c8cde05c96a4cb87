// Facilitator mode: the PIN (checked by the app, locked out by the gate), its menu, guided
// sessions (set up, walked through, summed up), the terminal's settings and equipment reports.
#include "kiosk/core/KioskFlow.h"

#include <algorithm>
#include <charconv>

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

} // namespace

void KioskFlow::applyFacilitator(const Intent& intent) {
    using K = Intent::Kind;
    const bool unlocked = facilitatorUnlocked();
    switch (intent.kind) {
    case K::OpenFacilitator:
        if (!isFacilitatorScreen(screen_)) openFacilitator();
        return;
    case K::FacilitatorPinDigit:
        if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_ && intent.value.size() == 1) {
            unlockRefused_ = false;
            unlockPin_.add(intent.value[0]);
        }
        return;
    case K::FacilitatorPinErase:
        if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_) unlockPin_.eraseLast();
        return;
    case K::FacilitatorPinSubmit:
        if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_ && unlockPin_.complete() &&
            !shownGate().locked(clock_.wall())) {
            // The entry is wiped as it moves.
            unlockRequest_.emplace(UnlockRequest{std::move(unlockPin_), unlockForMaintenance_});
            unlockChecking_ = true;
            checking_ = unlockForMaintenance_ ? PinKind::Administrator : PinKind::Facilitator;
        }
        return;
    case K::CloseFacilitator:
        if (isFacilitatorScreen(screen_)) closeFacilitator();
        return;
    case K::BackToFacilitator:
        if (unlocked && screen_ == Screen::FacilitatorUnlock && unlockForMaintenance_ && !unlockChecking_) {
            unlockForMaintenance_ = false;
            unlockPin_.clear();
            show(Screen::Facilitator);
            return;
        }
        if (unlocked && (screen_ == Screen::GuidedSetup || screen_ == Screen::TerminalStatus ||
                         screen_ == Screen::FacilitatorSettings))
            show(Screen::Facilitator);
        return;
    case K::OpenGuidedSetup:
        if (unlocked && screen_ == Screen::Facilitator && !visit_.session) {
            plan_ = GuidedSession{};
            show(Screen::GuidedSetup);
        }
        return;
    case K::OpenTerminalStatus:
        if (unlocked && screen_ == Screen::Facilitator) {
            lastReport_.clear();
            show(Screen::TerminalStatus);
        }
        return;
    case K::OpenFacilitatorSettings:
        if (unlocked && screen_ == Screen::Facilitator) show(Screen::FacilitatorSettings);
        return;
    case K::OpenMaintenance:
        // The administrator's PIN, on the same keypad, behind a lock-out of its own; only when
        // this terminal has one.
        if (unlocked && screen_ == Screen::Facilitator && maintenanceOffered_) {
            unlockPin_.clear();
            unlockRefused_ = false;
            unlockForMaintenance_ = true;
            show(Screen::FacilitatorUnlock);
        }
        return;
    case K::OpenOutsideHours:
        if (unlocked && screen_ == Screen::Facilitator && closedNow()) {
            openedOutsideHours_ = clock_.local().date;
            if (underFacilitator_ == Screen::Closed) underFacilitator_ = Screen::Welcome;
        }
        return;
    case K::ReportEquipment: {
        if (!unlocked || screen_ != Screen::TerminalStatus) return;
        const auto colon = intent.value.find(':');
        if (colon == std::string::npos) return;
        const auto item = fromCode<Equipment>(std::string_view(intent.value).substr(0, colon));
        const auto state = fromCode<EquipmentState>(std::string_view(intent.value).substr(colon + 1));
        if (!item || !state) return;
        if (terminal_) terminal_->equipment(clock_.wall(), facilitator_, *item, *state);
        // In the visit under way too (without the name): a broken printer explains a visit.
        if (visit_.id) {
            visits_.event(*visit_.id, clock_.wall(),
                          VisitEvent{VisitEvent::Kind::EquipmentReported,
                                     {},
                                     0,
                                     0,
                                     std::string(code(*item)) + ":" + std::string(code(*state))});
        }
        lastReport_ = intent.value;
        return;
    }
    case K::SetSessionGroup:
    case K::GroupSizeMore:
    case K::GroupSizeLess:
    case K::SetGroupSize:
    case K::TogglePurpose:
    case K::ToggleConsent:
    case K::ToggleAudience:
    case K::ToggleSessionTutorial:
    case K::StartSession:
        if (unlocked && screen_ == Screen::GuidedSetup) applySetup(intent);
        return;
    case K::SessionNext:
    case K::SessionPrevious:
    case K::EndSession: applySessionControl(intent); return;
    case K::SetAutonomy:
    case K::SetReferral:
    case K::SaveSession:
        if (visit_.session && screen_ == Screen::SessionSummary) applySession(intent);
        return;
    case K::ToggleLanguage:
    case K::IdleTimeoutMore:
    case K::IdleTimeoutLess:
    case K::StillThereMore:
    case K::StillThereLess:
    case K::ToggleEndQuestions:
        if (unlocked && screen_ == Screen::FacilitatorSettings) applySettings(intent);
        return;
    default: return;
    }
}

void KioskFlow::openFacilitator() {
    underFacilitator_ =
        screen_ == Screen::StillThere || screen_ == Screen::ClosingSoon ? visit_.screenBeforePrompt : screen_;
    facilitatorActivity_ = clock_.steady();
    unlockForMaintenance_ = false;
    if (facilitatorUnlocked()) {
        show(Screen::Facilitator);
        return;
    }
    unlockPin_.clear();
    unlockRefused_ = false;
    show(Screen::FacilitatorUnlock);
}

void KioskFlow::lockFacilitator() {
    facilitator_.clear();
    unlockPin_.clear();
    unlockRequest_.reset();
    unlockChecking_ = false;
    unlockForMaintenance_ = false;
}

void KioskFlow::closeFacilitator() {
    lockFacilitator();
    if (!isFacilitatorScreen(screen_)) return;
    // Back where it was opened from; a visitor's screen only while their visit is open.
    Screen back = underFacilitator_;
    const bool visitScreen = back != Screen::Welcome && back != Screen::Closed && back != Screen::Finish;
    if ((visitScreen && !visitOpen()) || isFacilitatorScreen(back)) back = restingScreen();
    if (back == Screen::Welcome || back == Screen::Closed) back = restingScreen();
    show(back);
}

std::optional<UnlockRequest> KioskFlow::takeUnlockRequest() {
    std::optional<UnlockRequest> r;
    if (unlockRequest_) {
        r.emplace(std::move(*unlockRequest_));
        unlockRequest_.reset();
    }
    return r;
}

void KioskFlow::deliverUnlock(const std::optional<std::string>& facilitator) {
    unlockChecking_ = false;
    UnlockGate& gate = checking_ == PinKind::Administrator ? adminGate_ : gate_;
    if (!facilitator) {
        // Counted even when the screen was left meanwhile: the lock-out is what stops guessing.
        const GateState& state = gate.wrongPin(clock_.wall());
        if (terminal_) terminal_->saveGate(checking_, state);
        unlockRefused_ = true;
        return;
    }
    const GateState& state = gate.rightPin();
    if (terminal_) terminal_->saveGate(checking_, state);
    if (screen_ != Screen::FacilitatorUnlock) return;
    if (checking_ == PinKind::Administrator) {
        if (!unlockForMaintenance_) return; // cancelled meanwhile
        maintenanceExit_ = true;            // the app ends the program; the visit, if any, ends as at a stop
        return;
    }
    facilitator_ = *facilitator;
    facilitatorActivity_ = clock_.steady();
    show(Screen::Facilitator);
}

void KioskFlow::applySetup(const Intent& intent) {
    using K = Intent::Kind;
    GuidedVisit& f = plan_.facts;
    switch (intent.kind) {
    case K::SetSessionGroup:
        f.group = intent.value == "group";
        f.groupSize = f.group ? std::max(f.groupSize, kMinGroup) : 1;
        return;
    case K::GroupSizeMore:
        if (f.group) f.groupSize = std::min(kMaxGroup, f.groupSize + 1);
        return;
    case K::GroupSizeLess:
        if (f.group) f.groupSize = std::max(kMinGroup, f.groupSize - 1);
        return;
    case K::SetGroupSize: {
        int n = 0;
        const char* end = intent.value.data() + intent.value.size();
        const auto [at, ec] = std::from_chars(intent.value.data(), end, n);
        if (ec == std::errc() && at == end && n >= kMinGroup && n <= kMaxGroup) {
            f.group = true;
            f.groupSize = n;
        }
        return;
    }
    case K::TogglePurpose:
        if (const auto p = fromCode<Purpose>(intent.value)) toggle(f.purposes, *p);
        return;
    case K::ToggleConsent:
        f.consent = !f.consent;
        if (!f.consent) f.audiences.clear(); // without consent, nothing of it may remain
        return;
    case K::ToggleAudience:
        if (const auto a = fromCode<Audience>(intent.value); a && f.consent) toggle(f.audiences, *a);
        return;
    case K::ToggleSessionTutorial: {
        auto& list = plan_.tutorials;
        const auto it = std::find(list.begin(), list.end(), intent.value);
        if (it != list.end())
            list.erase(it);
        else if (tutorialById(intent.value))
            list.push_back(intent.value);
        return;
    }
    case K::StartSession:
        if (consentProblem(f).empty()) startSession();
        return;
    default: return;
    }
}

void KioskFlow::startSession() {
    // Free use under way ends here as a visit of its own: the session's visit holds only the
    // session's time and lessons. The language and display choices carry over.
    if (visitOpen()) {
        if (visit_.run && underFacilitator_ == Screen::Player)
            record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(visit_.run->stepIndex()) + 1);
        if (visit_.id) visits_.close(*visit_.id, clock_.wall(), EndReason::Finished);
    }
    startVisit();
    GuidedSession s = plan_;
    s.started = clock_.steady();
    s.current = 0;
    if (visit_.id && !visits_.guide(*visit_.id, s.facts)) return; // refused: nothing recorded, no session
    visit_.run.reset();
    resetEid();
    visit_.session = std::move(s);
    visit_.completed.clear();
    lastActivity_ = clock_.steady();
    if (visit_.session->tutorials.empty())
        show(Screen::Home);
    else
        sessionTo(0);
}

void KioskFlow::sessionTo(std::size_t index) {
    if (visit_.run && screen_ == Screen::Player) {
        record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(visit_.run->stepIndex()) + 1);
    }
    visit_.run.reset();
    resetEid();
    visit_.session->current = index;
    openTutorial(visit_.session->tutorials.at(index));
}

bool KioskFlow::sessionControlsOffered() const {
    return visit_.session && facilitatorUnlocked() && screen_ == Screen::Facilitator &&
           sessionScreen(underFacilitator_);
}

void KioskFlow::applySessionControl(const Intent& intent) {
    if (!visit_.session) return;
    if (screen_ == Screen::Facilitator) {
        // From the facilitator's menu: back to the session's screen, then on from there.
        if (!sessionControlsOffered()) return;
        show(underFacilitator_);
        applySession(intent);
        return;
    }
    // A lesson done: the big button at its end leads to the next one, or to the summary. The
    // participants have no other way to skip a lesson.
    if (screen_ == Screen::TutorialEnd && intent.kind != Intent::Kind::SessionPrevious) applySession(intent);
}

void KioskFlow::applySession(const Intent& intent) {
    using K = Intent::Kind;
    GuidedSession& s = *visit_.session;
    switch (intent.kind) {
    case K::SessionNext:
        if (s.current + 1 < s.tutorials.size())
            sessionTo(s.current + 1);
        else
            applySession(Intent::of(K::EndSession)); // after the last one: the summary
        return;
    case K::SessionPrevious:
        if (!s.tutorials.empty()) sessionTo(s.current > 0 ? s.current - 1 : 0);
        return;
    case K::EndSession:
        if (visit_.run && screen_ == Screen::Player) {
            record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(visit_.run->stepIndex()) + 1);
        }
        visit_.run.reset();
        resetEid();
        s.ended = clock_.steady();
        show(Screen::SessionSummary);
        // The session is over: what is left (the summary) needs no facilitator mode, and the
        // next person must not find it open.
        lockFacilitator();
        return;
    case K::SetAutonomy: {
        const auto a = fromCode<Autonomy>(intent.value);
        if (a) s.autonomy = s.autonomy == a ? std::nullopt : a;
        return;
    }
    case K::SetReferral: {
        const auto r = fromCode<Referral>(intent.value);
        if (r) s.referral = s.referral == r ? std::nullopt : r;
        return;
    }
    case K::SaveSession: {
        VisitOutcome o;
        o.autonomy = s.autonomy;
        o.referral = s.referral;
        endVisit(EndReason::FacilitatorEnded, Screen::Finish, o);
        return;
    }
    default: return;
    }
}

std::chrono::seconds KioskFlow::sessionDuration() const {
    if (!visit_.session) return std::chrono::seconds(0);
    const SteadyTime end = visit_.session->ended.value_or(clock_.steady());
    return std::chrono::duration_cast<std::chrono::seconds>(end - visit_.session->started);
}

void KioskFlow::applySettings(const Intent& intent) {
    using K = Intent::Kind;
    using std::chrono::seconds;
    switch (intent.kind) {
    case K::ToggleLanguage: {
        const auto& all = configuredLanguages_;
        if (std::find(all.begin(), all.end(), intent.value) == all.end()) return;
        auto& langs = settings_.languages;
        const auto it = std::find(langs.begin(), langs.end(), intent.value);
        if (it != langs.end()) {
            if (langs.size() == 1) return; // the kiosk needs one language
            langs.erase(it);
        } else {
            // Kept in the configuration's order, so the first one stays the default.
            std::vector<std::string> next;
            for (const auto& l : all) {
                if (l == intent.value || std::find(langs.begin(), langs.end(), l) != langs.end()) next.push_back(l);
            }
            langs = std::move(next);
        }
        if (!visitOpen() && std::find(langs.begin(), langs.end(), visit_.language) == langs.end())
            visit_.language = langs.front();
        changeSetting(setting::Languages, joined(langs));
        return;
    }
    case K::IdleTimeoutMore:
    case K::IdleTimeoutLess: {
        const seconds step = intent.kind == K::IdleTimeoutMore ? kIdleStep : -kIdleStep;
        settings_.idleTimeout = std::clamp(settings_.idleTimeout + step, kIdleMin, kIdleMax);
        changeSetting(setting::IdleTimeout, std::to_string(settings_.idleTimeout.count()));
        return;
    }
    case K::StillThereMore:
    case K::StillThereLess: {
        const seconds step = intent.kind == K::StillThereMore ? kStillStep : -kStillStep;
        settings_.stillThereCountdown = std::clamp(settings_.stillThereCountdown + step, kStillMin, kStillMax);
        changeSetting(setting::StillThere, std::to_string(settings_.stillThereCountdown.count()));
        return;
    }
    case K::ToggleEndQuestions:
        settings_.endQuestions = !settings_.endQuestions;
        changeSetting(setting::EndQuestions, settings_.endQuestions ? "true" : "false");
        return;
    default: return;
    }
}

void KioskFlow::changeSetting(const char* key, const std::string& value) {
    if (terminal_) terminal_->changeSetting(clock_.wall(), facilitator_, key, value);
}

} // namespace dps::kiosk
