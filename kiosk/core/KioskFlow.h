#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/FlowSettings.h"
#include "kiosk/core/Intent.h"
#include "kiosk/core/Screen.h"
#include "kiosk/core/VisitLog.h"
#include "kiosk/core/eid/PinEntry.h"
#include "kiosk/core/facilitator/TerminalLog.h"
#include "kiosk/core/facilitator/UnlockGate.h"
#include "kiosk/core/flow/EidFlow.h"
#include "kiosk/core/flow/EndQuestions.h"
#include "kiosk/core/flow/FlowHost.h"
#include "kiosk/core/flow/TutorialFlow.h"
#include "kiosk/core/tutorial/Tutorial.h"
#include "kiosk/core/tutorial/TutorialRun.h"

#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// A facilitator PIN for the app to check against kiosk.db's hashes (slow on purpose, so off the
// UI thread). The digits stay in the PIN entry's wiping buffer.
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

// The kiosk's screen state machine and visit rules, with no UI and no I/O of its own: the
// runner feeds it intents, input activity and time; the views only read it. It routes each
// intent to the sub-flow that owns it (kiosk/core/flow/: the tutorials, the e-ID screen, the end
// questions),
// which keeps its own state, and keeps what the screens share: the screen, the visit, its
// language and display choices, the clock.
class KioskFlow : private FlowHost {
public:
    // tutorials must outlive the flow; Learn is offered when there is at least one. terminal
    // (may be null) keeps the facilitators' settings, reports and PIN lock-out. The default is a
    // list that lives as long as the program: a `= {}` default was a temporary the flow kept a
    // reference to, gone once the constructor returned.
    KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock,
              const std::vector<Tutorial>& tutorials = noTutorials(), TerminalLog* terminal = nullptr);
    static const std::vector<Tutorial>& noTutorials();
    // A sub-flow keeps pointers to the flow's tutorials and themes.
    KioskFlow(const KioskFlow&) = delete;
    KioskFlow& operator=(const KioskFlow&) = delete;

    void apply(const Intent& intent);
    // Any input from the visitor (touch, mouse, key) proves someone is there.
    void noteActivity();
    // Applies the timeouts and opening hours due by now. Returns true when what is shown changed.
    bool update();
    // The program is stopping: an open visit is closed as such.
    void shutdown();

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] const std::string& language() const { return visit_.language; }
    // The language shown when a tutorial lacks the visitor's.
    [[nodiscard]] const std::string& fallbackLanguage() const { return settings_.languages.front(); }
    [[nodiscard]] const std::vector<Feature>& homeTiles() const { return tiles_; }
    // [Tutorials] The catalogue, the tutorial being followed and the visit's finished ones.
    [[nodiscard]] const TutorialFlow& tutorial() const { return visit_.tutorial; }
    // The tutorial being followed, for the exercises' own rules (views) and tests that jump to a step.
    [[nodiscard]] TutorialRun* run() { return visit_.tutorial.run(); }
    // Home asks "End your visit?" after a tap on Finish.
    [[nodiscard]] bool confirmingFinish() const { return visit_.confirmingFinish; }
    // How this visitor wants to see the screen; back to normal for the next visitor.
    [[nodiscard]] int textSizePercent() const { return visit_.textSizePercent; }
    [[nodiscard]] bool highContrast() const { return visit_.highContrast; }
    [[nodiscard]] const FlowSettings& settings() const { return settings_; }
    [[nodiscard]] bool visitOpen() const { return visit_.started.has_value(); }
    // Whole seconds left on the current countdown (StillThere, Finish), rounded up; 0 elsewhere.
    [[nodiscard]] int secondsLeft() const;
    // When update() must next run for a timeout or a visible countdown; nullopt: only input matters.
    [[nodiscard]] std::optional<SteadyTime> nextDeadline() const;

    // [e-ID] The e-ID screen's state and rules (the report, the PIN test, canTestPin()).
    [[nodiscard]] const EidFlow& eid() const { return visit_.eid; }
    // The latest check result, delivered by the app's card watcher while the e-ID screen shows;
    // each new verdict is recorded as an event of the visit (its code only).
    void deliverEidReport(const eid::CheckReport& report);
    // The PIN test's result, from the card watcher; recorded as an event (its code only).
    void deliverPinResult(const eid::PinTestResult& result);
    // What the e-ID screen asked the app's card watcher to do, taken once.
    std::optional<PinTestRequest> takePinTestRequest() { return visit_.eid.takePinTestRequest(); }
    bool takeRecheckRequest() { return visit_.eid.takeRecheckRequest(); }
    // The tutorial the e-ID screen suggests (logging in with the e-ID), or nullptr.
    [[nodiscard]] const Tutorial* eidTutorial() const;
    // The e-ID screen offers that tutorial: it is loaded and the card allows it (EidFlow).
    [[nodiscard]] bool offersEidTutorial() const { return eidTutorial() && visit_.eid.offersTutorial(); }

    // [End questions and opening hours]
    [[nodiscard]] const EndQuestions& endQuestions() const { return visit_.questions; }
    // Outside opening hours, and no facilitator opened it for today.
    [[nodiscard]] bool closedNow() const;
    // While open: minutes until closing; nullopt when always open or closed.
    [[nodiscard]] std::optional<std::chrono::minutes> untilClosing() const;

    // [Facilitator mode]
    [[nodiscard]] bool facilitatorUnlocked() const { return !facilitator_.empty(); }
    [[nodiscard]] const std::string& facilitatorName() const { return facilitator_; }
    [[nodiscard]] std::size_t facilitatorPinDigits() const { return unlockPin_.size(); }
    [[nodiscard]] bool facilitatorPinComplete() const { return unlockPin_.complete(); }
    [[nodiscard]] bool unlockChecking() const { return unlockChecking_; }
    [[nodiscard]] bool unlockRefused() const { return unlockRefused_; } // the last PIN was wrong
    // The lock-out of the PIN the keypad asks for (a facilitator's, or the administrator's).
    [[nodiscard]] long unlockLockedSeconds() const { return shownGate().secondsLeft(clock_.wall()); }
    [[nodiscard]] int unlockTriesLeft() const { return shownGate().triesLeft(); }
    // The PIN to check, taken once; the app answers with deliverUnlock().
    std::optional<UnlockRequest> takeUnlockRequest();
    // The facilitator whose PIN it was, or nullopt for a wrong PIN.
    void deliverUnlock(const std::optional<std::string>& facilitator);
    // The PIN screen asks for the administrator's PIN (the maintenance exit), not a facilitator's.
    [[nodiscard]] bool unlockForMaintenance() const { return unlockForMaintenance_; }
    // The administrator's PIN was right: the program ends (core/SessionExit.h's exit code).
    [[nodiscard]] bool maintenanceExitRequested() const { return maintenanceExit_; }
    // Whether this terminal has an administrator PIN, told by the app each time the menu opens:
    // without one the menu offers no maintenance exit.
    void offerMaintenanceExit(bool offered) { maintenanceOffered_ = offered; }
    [[nodiscard]] bool maintenanceExitOffered() const { return maintenanceOffered_; }
    // The guided session being set up (GuidedSetup) and the one under way, if any.
    [[nodiscard]] const GuidedSession& sessionPlan() const { return plan_; }
    [[nodiscard]] const std::optional<GuidedSession>& session() const { return visit_.session; }
    // The menu offers the session's controls (previous, next lesson, end): a session runs on the
    // screen the menu was opened from.
    [[nodiscard]] bool sessionControlsOffered() const;
    // From the session's start to its summary (or to now while it runs).
    [[nodiscard]] std::chrono::seconds sessionDuration() const;
    // The last equipment report made from the status screen ("printer:not_working"), for feedback.
    [[nodiscard]] const std::string& lastEquipmentReport() const { return lastReport_; }
    // The languages the configuration allows (the facilitator chooses among them).
    [[nodiscard]] const std::vector<std::string>& configuredLanguages() const { return configuredLanguages_; }

private:
    // Everything that belongs to one visitor; replaced wholesale when a visit ends, so nothing
    // of one visitor is left for the next.
    struct VisitState {
        std::string language;
        std::optional<VisitId> id;
        std::optional<SteadyTime> started;
        Screen screenBeforePrompt = Screen::Home;
        TutorialFlow tutorial;
        bool confirmingFinish = false;
        EidFlow eid;
        int textSizePercent = 100;
        bool highContrast = false;
        EndQuestions questions;
        bool closingWarned = false;
        std::optional<GuidedSession> session;
        std::optional<SteadyTime> lastTouch;
    };

    // A visit state with nothing of anyone in it (its sub-flows fresh).
    [[nodiscard]] VisitState freshVisit() const;
    // [FlowHost] what the sub-flows ask of the flow around them.
    [[nodiscard]] Screen shown() const override { return screen_; }
    void show(Screen s) override;
    void record(const VisitEvent& event) override;
    void startVisit();
    void endVisit(EndReason reason, Screen next, const VisitOutcome& outcome = {});
    void backToWelcome();
    void resumeAfterPrompt(); // "Are you still there?" or the closing warning answered
    void openTutorial(const std::string& id);
    // The tutorial shown goes (abandoned when it was on the Player).
    void stopTutorial(bool onPlayer) { visit_.tutorial.stop(onPlayer, *this); }
    [[nodiscard]] std::optional<SteadyTime> countdownEnd() const;
    // [e-ID]
    void recordOutcome(VisitEvent::Kind kind, eid::Outcome outcome);
    template <class I> void route(const I& i, const Intent& whole);
    void applyVisit(const Intent& intent);
    void resetEid();
    // [End questions and opening hours]
    void finishVisit();
    void answered(const std::optional<VisitOutcome>& answers); // the end questions are done
    bool applyHours();
    // [Facilitator mode]
    void applyFacilitator(const Intent& intent);
    void applySetup(const Intent& intent);
    void applySession(const Intent& intent);
    void endSession();
    void applySettings(const Intent& intent);
    void toggleLanguage(const std::string& code);
    void summary(const Intent& intent); // the session summary's choices
    void reportEquipment(const intent::ReportEquipment& i);
    void openFacilitator();
    void closeFacilitator();
    void lockFacilitator(); // no name, no PIN, nothing pending: the next hold asks for a PIN
    void applySessionControl(const Intent& intent);
    [[nodiscard]] const UnlockGate& shownGate() const { return unlockForMaintenance_ ? adminGate_ : gate_; }
    void startSession();
    void sessionTo(std::size_t index);
    void changeSetting(const char* key, const std::string& value);
    [[nodiscard]] Screen restingScreen() const; // where the kiosk goes when nothing else is due

    FlowSettings settings_;
    std::vector<std::string> configuredLanguages_;
    VisitLog& visits_;
    const Clock& clock_;
    const std::vector<Tutorial>& tutorials_;
    TerminalLog* terminal_;
    std::vector<Feature> tiles_;
    std::vector<std::string> themes_; // of tutorials_, kept here for the visits' TutorialFlow
    Screen screen_ = Screen::Welcome;
    VisitState visit_;
    SteadyTime lastActivity_;
    SteadyTime screenSince_;
    // Facilitator mode: who unlocked it, its own idle timer, and where it was opened from.
    std::string facilitator_;
    SteadyTime facilitatorActivity_;
    Screen underFacilitator_ = Screen::Welcome;
    eid::PinEntry unlockPin_;
    std::optional<UnlockRequest> unlockRequest_;
    bool unlockChecking_ = false, unlockRefused_ = false;
    bool unlockForMaintenance_ = false, maintenanceExit_ = false, maintenanceOffered_ = false;
    PinKind checking_ = PinKind::Facilitator; // whose PIN the request under check is
    UnlockGate gate_, adminGate_;
    GuidedSession plan_;
    std::string lastReport_;
    std::optional<std::chrono::year_month_day> openedOutsideHours_; // the day a facilitator opened it
};

} // namespace dps::kiosk
