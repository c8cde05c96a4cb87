#pragma once
#include "FlowSettings.h"
#include "Intent.h"
#include "Screen.h"
#include "VisitLog.h"
#include "dps/core/Clock.h"
#include "eid/CardCheck.h"
#include "eid/PinEntry.h"
#include "eid/PinTest.h"
#include "tutorial/Tutorial.h"
#include "tutorial/TutorialRun.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dps::kiosk {

// Where the e-ID screen is: the check itself (watched live), or the optional PIN test.
enum class EidPhase { Checking, PinExplain, PinEntry, PinTesting, PinResult };

// A PIN test for the app's card watcher to run: the block typed on screen, or none when the
// reader's own keypad takes the PIN.
struct PinTestRequest {
    std::optional<eid::PinBlock> block;
    std::string reader;
    std::string language;
};

// The kiosk's screen state machine and visit rules, with no UI and no I/O of its own: the
// runner feeds it intents, input activity and time; the views only read it.
class KioskFlow {
public:
    // tutorials must outlive the flow; Learn is offered when there is at least one.
    KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock, const std::vector<Tutorial>& tutorials = {});

    void apply(const Intent& intent);
    // Any input from the visitor (touch, mouse, key) proves someone is there.
    void noteActivity();
    // Applies the timeouts due by now. Returns true when what is shown changed.
    bool update();
    // The program is stopping: an open visit is closed as such.
    void shutdown();

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] const std::string& language() const { return visit_.language; }
    // The language shown when a tutorial lacks the visitor's.
    [[nodiscard]] const std::string& fallbackLanguage() const { return settings_.languages.front(); }
    [[nodiscard]] const std::vector<Tutorial>& tutorials() const { return tutorials_; }
    [[nodiscard]] const std::vector<Feature>& homeTiles() const { return tiles_; }
    // The tutorial being followed (Player, TutorialEnd), or nullptr.
    [[nodiscard]] TutorialRun* run() { return visit_.run ? &*visit_.run : nullptr; }
    [[nodiscard]] const TutorialRun* run() const { return visit_.run ? &*visit_.run : nullptr; }
    [[nodiscard]] bool confirmingLeave() const { return visit_.confirmingLeave; }
    // How this visitor wants to see the screen; back to normal for the next visitor.
    [[nodiscard]] int textSizePercent() const { return visit_.textSizePercent; }
    [[nodiscard]] bool highContrast() const { return visit_.highContrast; }
    [[nodiscard]] bool finishedThisVisit(const std::string& id) const { return visit_.finished.count(id) != 0; }
    // Themes that have tutorials, in catalogue order, and the one the catalogue shows.
    [[nodiscard]] const std::vector<std::string>& themes() const { return themes_; }
    [[nodiscard]] const std::string& catalogueTheme() const;
    // The latest e-ID check result, delivered by the app's card watcher; each new verdict is
    // recorded as an event of the visit (its code only).
    void deliverEidReport(const eid::CheckReport& report);
    [[nodiscard]] const std::optional<eid::CheckReport>& eidReport() const { return visit_.eid; }
    [[nodiscard]] EidPhase eidPhase() const { return visit_.eidPhase; }
    // Digits typed so far on the PIN keypad (their number only: the digits stay in the core).
    [[nodiscard]] std::size_t pinDigits() const { return visit_.pin.size(); }
    [[nodiscard]] bool pinComplete() const { return visit_.pin.complete(); }
    [[nodiscard]] const std::optional<eid::PinTestResult>& pinResult() const { return visit_.pinResult; }
    // The PIN test's result, from the card watcher; recorded as an event (its code only).
    void deliverPinResult(const eid::PinTestResult& result);
    // What the e-ID screen asked the app's card watcher to do, taken once.
    std::optional<PinTestRequest> takePinTestRequest();
    bool takeRecheckRequest();
    // The tutorial the e-ID screen suggests (logging in with the e-ID), or nullptr.
    [[nodiscard]] const Tutorial* eidTutorial() const;
    // The tutorial suggested at the end of the current one, or nullptr.
    [[nodiscard]] const Tutorial* suggestion() const;
    [[nodiscard]] const FlowSettings& settings() const { return settings_; }
    [[nodiscard]] bool visitOpen() const { return visit_.started.has_value(); }
    // Whole seconds left on the current countdown (StillThere, Finish), rounded up; 0 elsewhere.
    [[nodiscard]] int secondsLeft() const;
    // When update() must next run for a timeout or a visible countdown; nullopt: only input matters.
    [[nodiscard]] std::optional<SteadyTime> nextDeadline() const;

private:
    // Everything that belongs to one visitor; replaced wholesale when a visit ends, so nothing
    // of one visitor is left for the next.
    struct VisitState {
        std::string language;
        std::optional<VisitId> id;
        std::optional<SteadyTime> started;
        Screen screenBeforePrompt = Screen::Home;
        std::optional<TutorialRun> run;
        bool confirmingLeave = false;
        std::set<std::string> finished; // tutorials completed during this visit
        std::string theme;              // the catalogue tab chosen
        std::optional<eid::CheckReport> eid;
        EidPhase eidPhase = EidPhase::Checking;
        eid::PinEntry pin;
        std::optional<PinTestRequest> pinRequest;
        std::optional<eid::PinTestResult> pinResult;
        bool recheck = false;
        int textSizePercent = 100;
        bool highContrast = false;
    };

    void startVisit();
    void endVisit(EndReason reason, Screen next);
    void backToWelcome();
    void openTutorial(const std::string& id);
    void nextStep(bool skip);
    void leaveTutorial(Screen next);
    void record(VisitEvent::Kind kind, int step);
    void recordOutcome(VisitEvent::Kind kind, eid::Outcome outcome);
    void applyEid(const Intent& intent);
    void resetEid();
    void show(Screen s);
    [[nodiscard]] std::optional<SteadyTime> countdownEnd() const;

    FlowSettings settings_;
    VisitLog& visits_;
    const Clock& clock_;
    const std::vector<Tutorial>& tutorials_;
    std::vector<Feature> tiles_;
    std::vector<std::string> themes_;
    Screen screen_ = Screen::Welcome;
    VisitState visit_;
    SteadyTime lastActivity_;
    SteadyTime screenSince_;
};

} // namespace dps::kiosk
