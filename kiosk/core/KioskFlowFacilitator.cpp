// Facilitator mode: the PIN (checked by the app, locked out by the gate), its menu, guided
// sessions (set up, walked through, summed up), the terminal's settings and equipment reports.
#include "kiosk/core/KioskFlow.h"

#include "kiosk/core/Overloaded.h"

#include <algorithm>
#include <type_traits>

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

// The guided setup's intents (GuidedSetup screen) and the settings screen's.
template <class I>
constexpr bool kSetupIntent =
    std::is_same_v<I, intent::SetSessionGroup> || std::is_same_v<I, intent::GroupSizeMore> ||
    std::is_same_v<I, intent::GroupSizeLess> || std::is_same_v<I, intent::SetGroupSize> ||
    std::is_same_v<I, intent::TogglePurpose> || std::is_same_v<I, intent::ToggleConsent> ||
    std::is_same_v<I, intent::ToggleAudience> || std::is_same_v<I, intent::ToggleSessionTutorial> ||
    std::is_same_v<I, intent::StartSession>;
template <class I>
constexpr bool kSettingsIntent =
    std::is_same_v<I, intent::ToggleLanguage> || std::is_same_v<I, intent::IdleTimeoutMore> ||
    std::is_same_v<I, intent::IdleTimeoutLess> || std::is_same_v<I, intent::StillThereMore> ||
    std::is_same_v<I, intent::StillThereLess> || std::is_same_v<I, intent::ToggleEndQuestions>;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : ",") + i;
    return out;
}

} // namespace

void KioskFlow::applyFacilitator(const Intent& intent) {
    const bool unlocked = facilitatorUnlocked();
    std::visit(Overloaded{
                   [&](const intent::OpenFacilitator&) {
                       if (!isFacilitatorScreen(screen_)) openFacilitator();
                   },
                   [&](const intent::FacilitatorPinDigit& i) {
                       if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_) {
                           unlockRefused_ = false;
                           unlockPin_.add(i.digit);
                       }
                   },
                   [&](const intent::FacilitatorPinErase&) {
                       if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_) unlockPin_.eraseLast();
                   },
                   [&](const intent::FacilitatorPinSubmit&) {
                       if (screen_ == Screen::FacilitatorUnlock && !unlockChecking_ && unlockPin_.complete() &&
                           !shownGate().locked(clock_.wall())) {
                           // The entry is wiped as it moves.
                           unlockRequest_.emplace(UnlockRequest{std::move(unlockPin_), unlockForMaintenance_});
                           unlockChecking_ = true;
                           checking_ = unlockForMaintenance_ ? PinKind::Administrator : PinKind::Facilitator;
                       }
                   },
                   [&](const intent::CloseFacilitator&) {
                       if (isFacilitatorScreen(screen_)) closeFacilitator();
                   },
                   [&](const intent::BackToFacilitator&) {
                       if (unlocked && screen_ == Screen::FacilitatorUnlock && unlockForMaintenance_ &&
                           !unlockChecking_) {
                           unlockForMaintenance_ = false;
                           unlockPin_.clear();
                           show(Screen::Facilitator);
                           return;
                       }
                       if (unlocked && (screen_ == Screen::GuidedSetup || screen_ == Screen::TerminalStatus ||
                                        screen_ == Screen::FacilitatorSettings))
                           show(Screen::Facilitator);
                   },
                   [&](const intent::OpenGuidedSetup&) {
                       if (unlocked && screen_ == Screen::Facilitator && !visit_.session) {
                           plan_ = GuidedSession{};
                           show(Screen::GuidedSetup);
                       }
                   },
                   [&](const intent::OpenTerminalStatus&) {
                       if (unlocked && screen_ == Screen::Facilitator) {
                           lastReport_.clear();
                           show(Screen::TerminalStatus);
                       }
                   },
                   [&](const intent::OpenFacilitatorSettings&) {
                       if (unlocked && screen_ == Screen::Facilitator) show(Screen::FacilitatorSettings);
                   },
                   [&](const intent::OpenMaintenance&) {
                       // The administrator's PIN, on the same keypad, behind a lock-out of its own; only
                       // when this terminal has one.
                       if (unlocked && screen_ == Screen::Facilitator && maintenanceOffered_) {
                           unlockPin_.clear();
                           unlockRefused_ = false;
                           unlockForMaintenance_ = true;
                           show(Screen::FacilitatorUnlock);
                       }
                   },
                   [&](const intent::OpenOutsideHours&) {
                       if (unlocked && screen_ == Screen::Facilitator && closedNow()) {
                           openedOutsideHours_ = clock_.local().date;
                           if (underFacilitator_ == Screen::Closed) underFacilitator_ = Screen::Welcome;
                       }
                   },
                   [&](const intent::ReportEquipment& i) {
                       if (unlocked && screen_ == Screen::TerminalStatus) reportEquipment(i);
                   },
                   [&](const intent::SessionNext&) { applySessionControl(intent); },
                   [&](const intent::SessionPrevious&) { applySessionControl(intent); },
                   [&](const intent::EndSession&) { applySessionControl(intent); },
                   [&](const intent::SetAutonomy&) { summary(intent); },
                   [&](const intent::SetReferral&) { summary(intent); },
                   [&](const intent::SaveSession&) { summary(intent); },
                   [&](const auto& i) {
                       using I = std::decay_t<decltype(i)>;
                       if constexpr (kSetupIntent<I>) {
                           if (unlocked && screen_ == Screen::GuidedSetup) applySetup(intent);
                       } else if constexpr (kSettingsIntent<I>) {
                           if (unlocked && screen_ == Screen::FacilitatorSettings) applySettings(intent);
                       }
                   },
               },
               intent);
}

void KioskFlow::summary(const Intent& intent) {
    if (visit_.session && screen_ == Screen::SessionSummary) applySession(intent);
}

void KioskFlow::reportEquipment(const intent::ReportEquipment& i) {
    const std::string report = std::string(code(i.item)) + ":" + std::string(code(i.state));
    if (terminal_) terminal_->equipment(clock_.wall(), facilitator_, i.item, i.state);
    // In the visit under way too (without the name): a broken printer explains a visit.
    if (visit_.id)
        visits_.event(*visit_.id, clock_.wall(), VisitEvent{VisitEvent::Kind::EquipmentReported, {}, 0, 0, report});
    lastReport_ = report;
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
    GuidedVisit& f = plan_.facts;
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
                   [&](const intent::ToggleSessionTutorial& i) {
                       auto& list = plan_.tutorials;
                       const auto it = std::find(list.begin(), list.end(), i.id);
                       if (it != list.end())
                           list.erase(it);
                       else if (visit_.tutorial.byId(i.id))
                           list.push_back(i.id);
                   },
                   [&](const intent::StartSession&) {
                       if (consentProblem(f).empty()) startSession();
                   },
                   [](const auto&) {},
               },
               intent);
}

void KioskFlow::startSession() {
    // Free use under way ends here as a visit of its own: the session's visit holds only the
    // session's time and lessons. The language and display choices carry over.
    if (visitOpen()) {
        stopTutorial(underFacilitator_ == Screen::Player);
        if (visit_.id) visits_.close(*visit_.id, clock_.wall(), EndReason::Finished);
    }
    startVisit();
    GuidedSession s = plan_;
    s.started = clock_.steady();
    s.current = 0;
    if (visit_.id && !visits_.guide(*visit_.id, s.facts)) return; // refused: nothing recorded, no session
    stopTutorial(false);
    resetEid();
    visit_.session = std::move(s);
    lastActivity_ = clock_.steady();
    if (visit_.session->tutorials.empty())
        show(Screen::Home);
    else
        sessionTo(0);
}

void KioskFlow::sessionTo(std::size_t index) {
    stopTutorial(screen_ == Screen::Player);
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
    if (screen_ == Screen::TutorialEnd && !std::holds_alternative<intent::SessionPrevious>(intent))
        applySession(intent);
}

void KioskFlow::applySession(const Intent& intent) {
    GuidedSession& s = *visit_.session;
    std::visit(Overloaded{
                   [&](const intent::SessionNext&) {
                       if (s.current + 1 < s.tutorials.size())
                           sessionTo(s.current + 1);
                       else
                           endSession(); // after the last one: the summary
                   },
                   [&](const intent::SessionPrevious&) {
                       if (!s.tutorials.empty()) sessionTo(s.current > 0 ? s.current - 1 : 0);
                   },
                   [&](const intent::EndSession&) { endSession(); },
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
                       endVisit(EndReason::FacilitatorEnded, Screen::Finish, o);
                   },
                   [](const auto&) {},
               },
               intent);
}

void KioskFlow::endSession() {
    stopTutorial(screen_ == Screen::Player);
    resetEid();
    visit_.session->ended = clock_.steady();
    show(Screen::SessionSummary);
    // The session is over: what is left (the summary) needs no facilitator mode, and the next
    // person must not find it open.
    lockFacilitator();
}

std::chrono::seconds KioskFlow::sessionDuration() const {
    if (!visit_.session) return std::chrono::seconds(0);
    const SteadyTime end = visit_.session->ended.value_or(clock_.steady());
    return std::chrono::duration_cast<std::chrono::seconds>(end - visit_.session->started);
}

void KioskFlow::applySettings(const Intent& intent) {
    const auto idle = [&](std::chrono::seconds step) {
        settings_.idleTimeout = std::clamp(settings_.idleTimeout + step, kIdleMin, kIdleMax);
        changeSetting(setting::IdleTimeout, std::to_string(settings_.idleTimeout.count()));
    };
    const auto stillThere = [&](std::chrono::seconds step) {
        settings_.stillThereCountdown = std::clamp(settings_.stillThereCountdown + step, kStillMin, kStillMax);
        changeSetting(setting::StillThere, std::to_string(settings_.stillThereCountdown.count()));
    };
    std::visit(Overloaded{
                   [&](const intent::ToggleLanguage& i) { toggleLanguage(i.code); },
                   [&](const intent::IdleTimeoutMore&) { idle(kIdleStep); },
                   [&](const intent::IdleTimeoutLess&) { idle(-kIdleStep); },
                   [&](const intent::StillThereMore&) { stillThere(kStillStep); },
                   [&](const intent::StillThereLess&) { stillThere(-kStillStep); },
                   [&](const intent::ToggleEndQuestions&) {
                       settings_.endQuestions = !settings_.endQuestions;
                       changeSetting(setting::EndQuestions, settings_.endQuestions ? "true" : "false");
                   },
                   [](const auto&) {},
               },
               intent);
}

void KioskFlow::toggleLanguage(const std::string& code) {
    const auto& all = configuredLanguages_;
    if (std::find(all.begin(), all.end(), code) == all.end()) return;
    auto& langs = settings_.languages;
    const auto it = std::find(langs.begin(), langs.end(), code);
    if (it != langs.end()) {
        if (langs.size() == 1) return; // the kiosk needs one language
        langs.erase(it);
    } else {
        // Kept in the configuration's order, so the first one stays the default.
        std::vector<std::string> next;
        for (const auto& l : all) {
            if (l == code || std::find(langs.begin(), langs.end(), l) != langs.end()) next.push_back(l);
        }
        langs = std::move(next);
    }
    if (!visitOpen() && std::find(langs.begin(), langs.end(), visit_.language) == langs.end())
        visit_.language = langs.front();
    changeSetting(setting::Languages, joined(langs));
}

void KioskFlow::changeSetting(const char* key, const std::string& value) {
    if (terminal_) terminal_->changeSetting(clock_.wall(), facilitator_, key, value);
}

} // namespace dps::kiosk
