#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/FlowSettings.h"
#include "kiosk/core/Intent.h"
#include "kiosk/core/eid/PinEntry.h"
#include "kiosk/core/facilitator/TerminalLog.h"
#include "kiosk/core/facilitator/UnlockGate.h"
#include "kiosk/core/flow/FlowHost.h"
#include "kiosk/core/tutorial/Tutorial.h"
#include "kiosk/core/visit/VisitFacts.h"

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace dps::kiosk {

// A facilitator PIN for the app to check against kiosk.db's hashes (slow on purpose, so off the
// UI thread). The digits stay in the PIN entry's wiping buffer.
// What the administrator's PIN is asked for from facilitator mode.
enum class AdminAction {
    CloseKiosk, // the maintenance exit: the program ends
    CheckWipe,  // free use stopped after a wipe not verified: a check of the wipe may bring it back
};

struct UnlockRequest {
    eid::PinEntry pin;
    bool administrator = false; // the maintenance exit: checked against the administrator PIN only
};

// A guided session being set up, then run: the facts recorded with the visit, and the tutorials
// in the order the facilitator chose them.
struct GuidedSession {
    GuidedVisit facts;
    std::vector<std::string> tutorials;
    std::size_t current = 0; // running: the tutorial being followed
    SteadyTime started{};
    std::optional<SteadyTime> ended; // the summary opened: the session's time stops there
    std::optional<Autonomy> autonomy;
    std::optional<Referral> referral;
};

// What facilitator mode asks of the flow around it besides FlowHost's screen and events: the
// visit, the opening hours, the lessons of a guided session and the terminal's settings are all
// shared with the visitor's screens, so they stay with the router.
class FacilitatorHost : public virtual FlowHost {
public:
    // The visitor's screen, the one under "Are you still there?" or the closing warning if shown.
    [[nodiscard]] virtual Screen visitorScreen() const = 0;
    // Where the kiosk goes when nothing else is due (Welcome, or Closed outside opening hours).
    [[nodiscard]] virtual Screen restingScreen() const = 0;
    // Opens the kiosk outside opening hours until midnight.
    virtual void openForToday() = 0;
    // A guided session's visit: free use under way (its tutorial abandoned when it was on the
    // Player, `under`) ends as a visit of its own, a new one opens with the session's facts.
    // False when the facts were refused: nothing recorded, no session.
    virtual bool openGuidedVisit(const GuidedVisit& facts, Screen under) = 0;
    // The lesson shown goes (abandoned when on the Player), and the e-ID screen with it.
    virtual void leaveLesson() = 0;
    virtual void openLesson(const std::string& tutorialId) = 0;
    // The summary is saved: the visit ends, thanked on the Finish screen.
    virtual void endGuidedVisit(const VisitOutcome& outcome) = 0;
    [[nodiscard]] virtual const FlowSettings& settings() const = 0;
    // The settings screen's change, applied at once to the screens and timeouts.
    virtual void changeSettings(const FlowSettings& next) = 0;
    // Terminal status offers "Check the wipe again": free use stopped after a wipe not verified,
    // no check under way, and this terminal has an administrator PIN to ask for.
    [[nodiscard]] virtual bool wipeCheckOffered() const = 0;
};

// Facilitator mode: the PIN (checked by the app, locked out by the gates), its menu, the guided
// session (set up, walked through, summed up), the terminal's settings and equipment reports.
// It lives as long as the kiosk (the gates and the plan carry over); the session under way goes
// with its visit (visitReplaced()), and endVisit locks the mode for the next person.
class FacilitatorFlow {
    template <class I, class... Is> static constexpr bool oneOf = (std::is_same_v<I, Is> || ...);

public:
    // The PIN screen and the way in and out.
    template <class I>
    static constexpr bool unlockIntent =
        oneOf<I, intent::OpenFacilitator, intent::FacilitatorPinDigit, intent::FacilitatorPinErase,
              intent::FacilitatorPinSubmit, intent::CloseFacilitator, intent::BackToFacilitator>;
    // The menu and the terminal status screen.
    template <class I>
    static constexpr bool menuIntent =
        oneOf<I, intent::OpenGuidedSetup, intent::OpenTerminalStatus, intent::OpenFacilitatorSettings,
              intent::OpenMaintenance, intent::OpenOutsideHours, intent::ReportEquipment, intent::CheckWipeAgain>;
    // A guided session under way, and its summary.
    template <class I>
    static constexpr bool sessionIntent = oneOf<I, intent::SessionNext, intent::SessionPrevious, intent::EndSession>;
    template <class I>
    static constexpr bool summaryIntent = oneOf<I, intent::SetAutonomy, intent::SetReferral, intent::SaveSession>;
    // The guided setup screen and the settings screen.
    template <class I>
    static constexpr bool setupIntent =
        oneOf<I, intent::SetSessionGroup, intent::GroupSizeMore, intent::GroupSizeLess, intent::SetGroupSize,
              intent::TogglePurpose, intent::ToggleConsent, intent::ToggleAudience, intent::ToggleSessionTutorial,
              intent::StartSession>;
    template <class I>
    static constexpr bool settingsIntent =
        oneOf<I, intent::ToggleLanguage, intent::IdleTimeoutMore, intent::IdleTimeoutLess, intent::StillThereMore,
              intent::StillThereLess, intent::ToggleEndQuestions>;
    // The intents this sub-flow owns; KioskFlow routes them here (each checks its own screen).
    template <class I>
    static constexpr bool owns =
        unlockIntent<I> || menuIntent<I> || sessionIntent<I> || summaryIntent<I> || setupIntent<I> || settingsIntent<I>;

    // tutorials, clock and terminal (may be null: no settings, reports or lock-out kept) must
    // outlive the flow; configuredLanguages are those the facilitator may choose among.
    FacilitatorFlow(const std::vector<Tutorial>& tutorials, const Clock& clock, TerminalLog* terminal,
                    std::vector<std::string> configuredLanguages);
    FacilitatorFlow(const FacilitatorFlow&) = delete;
    FacilitatorFlow& operator=(const FacilitatorFlow&) = delete;

    // An intent this flow owns (owns<I>); the others are ignored.
    void apply(const Intent& intent, FacilitatorHost& host);
    // The PIN to check, taken once; the app answers with deliverUnlock().
    std::optional<UnlockRequest> takeUnlockRequest();
    // The facilitator whose PIN it was, or nullopt for a wrong PIN.
    void deliverUnlock(const std::optional<std::string>& facilitator, FacilitatorHost& host);
    // Whether this terminal has an administrator PIN, told by the app each time the menu opens:
    // without one the menu offers no maintenance exit.
    void offerMaintenanceExit(bool offered) { maintenanceOffered_ = offered; }
    // Input on one of facilitator mode's screens: its own idle timer starts again.
    void noteActivity(SteadyTime now) { activity_ = now; }
    // Facilitator mode closes itself when idle, wherever the facilitator left it (lastActivity:
    // the last input anywhere).
    void update(SteadyTime lastActivity, std::chrono::seconds idle, FacilitatorHost& host);
    // When update() must next run for this flow; nullopt: only input matters.
    [[nodiscard]] std::optional<SteadyTime> nextDeadline(Screen shown, std::chrono::seconds idle) const;
    // Back where it was opened from, locked.
    void close(FacilitatorHost& host);
    // No name, no PIN, nothing pending: the next hold asks for a PIN.
    void lock();
    // The session under way goes to its summary; the mode locks.
    void endSession(FacilitatorHost& host);
    // A new visit (or none) replaces the old one: a session under way goes with it.
    void visitReplaced() { session_.reset(); }

    [[nodiscard]] bool unlocked() const { return !name_.empty(); }
    // Who unlocked it.
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] std::size_t pinDigits() const { return pin_.size(); }
    [[nodiscard]] bool pinComplete() const { return pin_.complete(); }
    [[nodiscard]] bool checking() const { return checking_; }
    [[nodiscard]] bool refused() const { return refused_; } // the last PIN was wrong
    // The lock-out of the PIN the keypad asks for (a facilitator's, or the administrator's).
    [[nodiscard]] long lockedSeconds() const { return shownGate().secondsLeft(clock_.wall()); }
    [[nodiscard]] int triesLeft() const { return shownGate().triesLeft(); }
    // The PIN screen asks for the administrator's PIN (the maintenance exit), not a facilitator's.
    [[nodiscard]] bool forMaintenance() const { return forMaintenance_; }
    // What the administrator's PIN is asked for (while forMaintenance()).
    [[nodiscard]] AdminAction adminAction() const { return adminAction_; }
    // The administrator's PIN was right for a check of the wipe: taken once by the router, which
    // runs it (free use is the router's).
    bool takeWipeCheck() { return std::exchange(wipeCheckAsked_, false); }
    // The administrator's PIN was right: the program ends (core/SessionExit.h's exit code).
    [[nodiscard]] bool maintenanceExitRequested() const { return maintenanceExit_; }
    [[nodiscard]] bool maintenanceExitOffered() const { return maintenanceOffered_; }
    // The screen facilitator mode was opened from.
    [[nodiscard]] Screen openedFrom() const { return under_; }
    // The guided session being set up (GuidedSetup) and the one under way, if any.
    [[nodiscard]] const GuidedSession& plan() const { return plan_; }
    [[nodiscard]] const std::optional<GuidedSession>& session() const { return session_; }
    // The menu offers the session's controls (previous, next lesson, end): a session runs on the
    // screen the menu was opened from.
    [[nodiscard]] bool sessionControlsOffered(Screen shown) const;
    // From the session's start to its summary (or to now while it runs).
    [[nodiscard]] std::chrono::seconds sessionDuration() const;
    // The last equipment report made from the status screen ("printer:not_working"), for feedback.
    [[nodiscard]] const std::string& lastEquipmentReport() const { return lastReport_; }
    // The languages the configuration allows (the facilitator chooses among them).
    [[nodiscard]] const std::vector<std::string>& configuredLanguages() const { return configuredLanguages_; }

private:
    void applyUnlock(const Intent& intent, FacilitatorHost& host);
    void applyMenu(const Intent& intent, FacilitatorHost& host);
    void applySessionControl(const Intent& intent, FacilitatorHost& host);
    void applySession(const Intent& intent, FacilitatorHost& host);
    void applySetup(const Intent& intent, FacilitatorHost& host);
    void applySettings(const Intent& intent, FacilitatorHost& host);
    void open(FacilitatorHost& host);
    void submitPin(FacilitatorHost& host);
    void reportEquipment(const intent::ReportEquipment& i, FacilitatorHost& host);
    void askAdminPin(AdminAction action, FacilitatorHost& host);
    void toggleLanguage(const std::string& code, FacilitatorHost& host);
    void startSession(FacilitatorHost& host);
    void sessionTo(std::size_t index, FacilitatorHost& host);
    void changeSetting(const char* key, const std::string& value);
    [[nodiscard]] const UnlockGate& shownGate() const { return forMaintenance_ ? adminGate_ : gate_; }
    [[nodiscard]] bool hasTutorial(const std::string& id) const;

    const std::vector<Tutorial>& tutorials_;
    const Clock& clock_;
    TerminalLog* terminal_;
    std::vector<std::string> configuredLanguages_;
    // Who unlocked it, its own idle timer, and where it was opened from.
    std::string name_;
    SteadyTime activity_;
    Screen under_ = Screen::Welcome;
    eid::PinEntry pin_;
    std::optional<UnlockRequest> request_;
    bool checking_ = false, refused_ = false;
    bool forMaintenance_ = false, maintenanceExit_ = false, maintenanceOffered_ = false;
    AdminAction adminAction_ = AdminAction::CloseKiosk;
    bool wipeCheckAsked_ = false;
    PinKind checkingKind_ = PinKind::Facilitator; // whose PIN the request under check is
    UnlockGate gate_, adminGate_;
    GuidedSession plan_;
    std::optional<GuidedSession> session_;
    std::string lastReport_;
};

} // namespace dps::kiosk
