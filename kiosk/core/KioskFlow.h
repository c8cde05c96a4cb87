#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/FlowSettings.h"
#include "kiosk/core/Intent.h"
#include "kiosk/core/KioskState.h"
#include "kiosk/core/Screen.h"
#include "kiosk/core/VisitLog.h"
#include "kiosk/core/facilitator/TerminalLog.h"
#include "kiosk/core/flow/EidFlow.h"
#include "kiosk/core/flow/EndQuestions.h"
#include "kiosk/core/flow/FacilitatorFlow.h"
#include "kiosk/core/flow/FlowHost.h"
#include "kiosk/core/flow/FreeUseFlow.h"
#include "kiosk/core/flow/TutorialFlow.h"
#include "kiosk/core/flow/VisitFlow.h"
#include "kiosk/core/freeuse/WipeCheck.h"
#include "kiosk/core/tutorial/Tutorial.h"
#include "kiosk/core/tutorial/TutorialRun.h"

#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// The kiosk's screen state machine and visit rules, with no UI and no I/O of its own: the
// runner feeds it intents, input activity and time; the views only read it. It routes each
// intent to the sub-flow that owns it (kiosk/core/flow/: the visitor's way from Welcome to Finish,
// the tutorials, the e-ID screen, the end questions, facilitator mode), which keeps its own state,
// and keeps what the screens share: the screen, the visit, its language and display choices, the
// opening hours, the clock and the timeouts.
class KioskFlow : private VisitHost, private FacilitatorHost, private FreeUseHost {
public:
    // tutorials must outlive the flow; Learn is offered when there is at least one. terminal
    // (may be null) keeps the facilitators' settings, reports and PIN lock-out. The default is a
    // list that lives as long as the program: a `= {}` default was a temporary the flow kept a
    // reference to, gone once the constructor returned. browser (may be null: no free use) must
    // outlive the flow.
    KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock,
              const std::vector<Tutorial>& tutorials = noTutorials(), TerminalLog* terminal = nullptr,
              BrowserSession* browser = nullptr);
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
    [[nodiscard]] const std::string& language() const override { return visit_.language; }
    // The language shown when a tutorial lacks the visitor's.
    [[nodiscard]] const std::string& fallbackLanguage() const { return settings_.languages.front(); }
    [[nodiscard]] const std::vector<Feature>& homeTiles() const { return tiles_; }
    // [Tutorials] The catalogue, the tutorial being followed and the visit's finished ones.
    [[nodiscard]] const TutorialFlow& tutorial() const { return visit_.tutorial; }
    // The tutorial being followed, for the exercises' own rules (views) and tests that jump to a step.
    [[nodiscard]] TutorialRun* run() { return visit_.tutorial.run(); }
    // [Welcome, Home, Finish] The visitor's way through the kiosk ("End your visit?" on Home).
    [[nodiscard]] const VisitFlow& visit() const { return visit_.home; }
    // How this visitor wants to see the screen; back to normal for the next visitor.
    [[nodiscard]] int textSizePercent() const { return visit_.textSizePercent; }
    [[nodiscard]] bool highContrast() const { return visit_.highContrast; }
    [[nodiscard]] const FlowSettings& settings() const override { return settings_; }
    [[nodiscard]] bool visitOpen() const override { return visit_.started.has_value(); }
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
    // "Use my card on a website now" on the e-ID screen: free use is offered and the card can log in.
    [[nodiscard]] bool offersEidOnWebsite() const {
        return screen_ == Screen::EidCheck && offersFreeUse() && !closedNow() && visit_.eid.canLogInOnWebsite();
    }

    // [End questions and opening hours]
    [[nodiscard]] const EndQuestions& endQuestions() const { return visit_.questions; }
    // Outside opening hours, and no facilitator opened it for today.
    [[nodiscard]] bool closedNow() const override;
    // While open: minutes until closing; nullopt when always open or closed.
    [[nodiscard]] std::optional<std::chrono::minutes> untilClosing() const;

    // [Free use] The session (intro, running, wiping) and what its bar shows.
    [[nodiscard]] const FreeUseFlow& freeUse() const { return visit_.freeUse; }
    // Until the session's own end (what the bar shows), and until the wipe (the last notice).
    [[nodiscard]] std::chrono::seconds freeUseTimeLeft() const {
        return visit_.freeUse.timeLeft(clock_.steady(), *this);
    }
    [[nodiscard]] std::chrono::seconds freeUseLeft() const { return visit_.freeUse.left(clock_.steady(), *this); }
    [[nodiscard]] FreeUseNotice freeUseNotice() const { return visit_.freeUse.notice(clock_.steady(), *this); }
    [[nodiscard]] std::chrono::seconds freeUseStillThereLeft() const {
        return visit_.freeUse.stillThereLeft(clock_.steady(), *this);
    }
    [[nodiscard]] bool freeUseEndsAtClosing() const { return visit_.freeUse.endsAtClosing(clock_.steady(), *this); }
    // The session's length the intro offers: its limit, or less when the space closes sooner.
    [[nodiscard]] std::chrono::minutes freeUseOffered() const;
    // The kiosk shows only the session bar (a thin window above the browser); on every other
    // screen it takes the whole display (the compositor's layout follows this).
    [[nodiscard]] bool barMode() const { return screen_ == Screen::FreeUseBar; }
    // The last wipe was checked (or none happened yet); false: "Your session is erased" is not
    // said, and free use stays off until a check of the wipe passes or the kiosk restarts
    // (Terminal status says why, and since when).
    [[nodiscard]] bool lastWipeVerified() const { return lastWipeVerified_; }
    // The free-use session just wiped had a USB stick, which the runner has unmounted: the erased
    // screen says it can be taken. False while the wipe runs (the stick may still be in use).
    [[nodiscard]] bool usbStickToTake() const { return usbToTake_ && !visitOpen(); }
    // How long free use has been stopped after a wipe not verified (zero while it is not).
    [[nodiscard]] std::chrono::seconds freeUseStoppedFor() const {
        if (!freeUseStoppedAt_) return std::chrono::seconds(0);
        return std::chrono::duration_cast<std::chrono::seconds>(clock_.steady() - *freeUseStoppedAt_);
    }
    // A facilitator's check of the wipe (Terminal status, administrator PIN) and its outcome.
    [[nodiscard]] const WipeCheck& wipeCheck() const { return wipeCheck_; }
    // Terminal status offers "Check the wipe again".
    [[nodiscard]] bool wipeCheckOffered() const override;
    // How long the visitor's call for help has waited (zero when none waits).
    [[nodiscard]] std::chrono::seconds freeUseHelpAskedFor() const {
        return visit_.freeUse.helpAskedFor(clock_.steady());
    }
    // This terminal offers free use now: enabled, with a browser, the last wipe verified.
    [[nodiscard]] bool offersFreeUse() const { return settings_.freeUse.enabled && browser_ && lastWipeVerified_; }

    // [Facilitator mode] The PIN screen, the menu, the guided session (set up, under way), the
    // settings and the equipment reports.
    [[nodiscard]] const FacilitatorFlow& facilitator() const { return facilitator_; }
    // The PIN to check, taken once; the app answers with deliverUnlock().
    std::optional<UnlockRequest> takeUnlockRequest() { return facilitator_.takeUnlockRequest(); }
    // The facilitator whose PIN it was, or nullopt for a wrong PIN.
    void deliverUnlock(const std::optional<std::string>& name);
    // What the kiosk is doing now, as the Region is told (published through the TerminalLog each
    // time it changes: after every intent and update).
    [[nodiscard]] KioskState kioskState() const;
    // Whether this terminal has an administrator PIN, told by the app each time the menu opens.
    void offerMaintenanceExit(bool offered) { facilitator_.offerMaintenanceExit(offered); }

private:
    // Everything that belongs to one visitor; replaced wholesale when a visit ends, so nothing
    // of one visitor is left for the next.
    struct VisitState {
        std::string language;
        std::optional<VisitId> id;
        std::optional<SteadyTime> started;
        Screen screenBeforePrompt = Screen::Home;
        VisitFlow home;
        TutorialFlow tutorial;
        EidFlow eid;
        int textSizePercent = 100;
        bool highContrast = false;
        EndQuestions questions;
        bool closingWarned = false;
        std::optional<SteadyTime> lastTouch;
        FreeUseFlow freeUse;
    };

    // A visit state with nothing of anyone in it (its sub-flows fresh).
    [[nodiscard]] VisitState freshVisit() const;
    // [FlowHost, VisitHost, FacilitatorHost] what the sub-flows ask of the flow around them.
    [[nodiscard]] Screen shown() const override { return screen_; }
    void show(Screen s) override;
    void record(const VisitEvent& event) override;
    void startVisit() override;
    void finishVisit() override;
    void backToWelcome() override;
    [[nodiscard]] bool hasTutorials() const override { return !tutorials_.empty(); }
    [[nodiscard]] bool isEidTutorial(const std::string& id) const override;
    void closeTutorial() override { stopTutorial(false); }
    void openTutorial(const std::string& id) override;
    void resetEid() override;
    [[nodiscard]] Screen visitorScreen() const override;
    [[nodiscard]] Screen restingScreen() const override; // where the kiosk goes when nothing else is due
    void openForToday() override;
    bool openGuidedVisit(const GuidedVisit& facts, Screen under) override;
    void leaveLesson() override;
    void openLesson(const std::string& tutorialId) override { openTutorial(tutorialId); }
    void endGuidedVisit(const VisitOutcome& outcome) override;
    void changeSettings(const FlowSettings& next) override;
    // The visit under way is replaced (by a fresh one, or none): its sub-flows' state goes with it.
    void replaceVisit(VisitState next);
    void endVisit(EndReason reason, Screen next, const VisitOutcome& outcome = {});
    void resumeAfterPrompt(); // "Are you still there?" or the closing warning answered
    // The tutorial shown goes (abandoned when it was on the Player).
    void stopTutorial(bool onPlayer) { visit_.tutorial.stop(onPlayer, *this); }
    [[nodiscard]] std::optional<SteadyTime> countdownEnd() const;
    // [e-ID]
    void recordOutcome(VisitEvent::Kind kind, eid::Outcome outcome);
    template <class I> void route(const I& i, const Intent& whole);
    void applyShared(const Intent& intent);
    // [End questions and opening hours]
    void answered(const std::optional<VisitOutcome>& answers); // the end questions are done
    bool applyHours();
    // [Free use] (KioskFlowFreeUse.cpp)
    void startFreeUseFor(const intent::FacilitatorFreeUse& i);
    void useCardOnWebsite();
    void startWipeCheck();
    void updateWipeCheck(SteadyTime now);
    void answerHelp();
    void placeFreeUseTile();
    void publishState();
    [[nodiscard]] const FreeUseSettings& freeUseSettings() const override { return settings_.freeUse; }
    // None after a wipe that was not verified: no session starts until the kiosk restarts.
    [[nodiscard]] BrowserSession* browser() override { return lastWipeVerified_ ? browser_ : nullptr; }
    [[nodiscard]] bool facilitatorAtWork() const override;
    [[nodiscard]] std::optional<std::chrono::seconds> closingIn() const override;
    [[nodiscard]] std::chrono::seconds stillThereCountdown() const override { return settings_.stillThereCountdown; }
    void lockFacilitator() override { facilitator_.lock(); }
    void recordFreeUse(const FreeUseRecord& record) override;
    void freeUseWiped(FreeUseEnd how, bool verified) override;
    // A free-use session runs or is being wiped: it keeps its own time, idle rule and closing.
    [[nodiscard]] bool freeUseUnderWay() const { return visit_.freeUse.phase() >= FreeUsePhase::Running; }

    FlowSettings settings_;
    VisitLog& visits_;
    const Clock& clock_;
    const std::vector<Tutorial>& tutorials_;
    std::vector<Feature> tiles_;
    std::vector<std::string> themes_; // of tutorials_, kept here for the visits' TutorialFlow
    Screen screen_ = Screen::Welcome;
    VisitState visit_;
    SteadyTime lastActivity_;
    SteadyTime screenSince_;
    FacilitatorFlow facilitator_;
    std::optional<std::chrono::year_month_day> openedOutsideHours_; // the day a facilitator opened it
    BrowserSession* browser_;
    bool lastWipeVerified_ = true;
    bool usbToTake_ = false; // the last free-use record's usbUsed
    std::optional<SteadyTime> freeUseStoppedAt_;
    WipeCheck wipeCheck_;
    TerminalLog* terminal_;
    std::optional<KioskState> published_; // what the Region was last told
};

} // namespace dps::kiosk
