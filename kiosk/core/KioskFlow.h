#pragma once
#include "FlowSettings.h"
#include "Intent.h"
#include "Screen.h"
#include "VisitLog.h"
#include "dps/core/Clock.h"

#include <optional>
#include <string>

namespace dps::kiosk {

// The kiosk's screen state machine and visit rules, with no UI and no I/O of its own: the
// runner feeds it intents, input activity and time; the views only read it.
class KioskFlow {
public:
    KioskFlow(FlowSettings settings, VisitLog& visits, const Clock& clock);

    void apply(const Intent& intent);
    // Any input from the visitor (touch, mouse, key) proves someone is there.
    void noteActivity();
    // Applies the timeouts due by now. Returns true when what is shown changed.
    bool update();
    // The program is stopping: an open visit is closed as such.
    void shutdown();

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] const std::string& language() const { return visit_.language; }
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
    };

    void startVisit();
    void endVisit(EndReason reason, Screen next);
    void backToWelcome();
    void show(Screen s);
    [[nodiscard]] std::optional<SteadyTime> countdownEnd() const;

    FlowSettings settings_;
    VisitLog& visits_;
    const Clock& clock_;
    Screen screen_ = Screen::Welcome;
    VisitState visit_;
    SteadyTime lastActivity_;
    SteadyTime screenSince_;
};

} // namespace dps::kiosk
