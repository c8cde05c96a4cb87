#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/Intent.h"
#include "kiosk/core/VisitLog.h"
#include "kiosk/core/flow/FlowHost.h"
#include "kiosk/core/freeuse/BrowserSession.h"
#include "kiosk/core/freeuse/FreeUseSettings.h"

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>

namespace dps::kiosk {

// What the free-use session asks of the flow around it besides FlowHost's: its settings, the
// browser (a port), the visit's language, the opening hours, facilitator mode, the visit record
// and the visit's end, which are shared with the other screens and stay with the router.
class FreeUseHost : public virtual FlowHost {
public:
    [[nodiscard]] virtual const FreeUseSettings& freeUseSettings() const = 0;
    // nullptr: this terminal has no browser for free use (the tile is not offered).
    [[nodiscard]] virtual BrowserSession* browser() = 0;
    [[nodiscard]] virtual const std::string& language() const = 0;
    // While open: the time until closing, to the second; nullopt when always open (or opened for
    // today).
    [[nodiscard]] virtual std::optional<std::chrono::seconds> closingIn() const = 0;
    // A facilitator is at work on one of facilitator mode's screens (unlocked).
    [[nodiscard]] virtual bool facilitatorAtWork() const = 0;
    // How long "Are you still there?" counts down (the visit's setting).
    [[nodiscard]] virtual std::chrono::seconds stillThereCountdown() const = 0;
    // Facilitator mode closes and locks (a facilitator ended the session: the wipe shows).
    virtual void lockFacilitator() = 0;
    virtual void recordFreeUse(const FreeUseRecord& record) = 0;
    // The wipe is over: the visit ends, "Your session is erased" (or, not verified, the call
    // for a facilitator) shows.
    virtual void freeUseWiped(FreeUseEnd how, bool verified) = 0;
};

// What the session bar shows besides the time left.
enum class FreeUseNotice {
    None,
    FiveMinutes, // "5 minutes left: save or print your files now"
    OneMinute,
    LastSeconds, // the time is up: the last 30 seconds, then the wipe
    StillThere,  // no input for free_use.idle_minutes: "Are you still there?", then the wipe
};

enum class FreeUsePhase { Off, Intro, Running, Wiping };

// A free-use session (issue 20): Home's tile leads to a screen that says how long, that
// everything is erased at the end and how to save; Start opens the browser (BrowserSession) and
// the kiosk shrinks to the session bar: time left, Help, the language, "Finish and erase". It
// warns 5 and 1 minutes before the end, gives a last 30 seconds, then wipes; no input for the
// idle time asks "Are you still there?", then wipes; closing time ends it the same way (30
// seconds before closing, so the wipe is done when the space closes). A facilitator can give more
// time or end it. Part of the visit (a fresh one each visit): the wipe ends the visit, so nothing
// of one session reaches the next person.
class FreeUseFlow {
    template <class I, class... Is> static constexpr bool oneOf = (std::is_same_v<I, Is> || ...);

public:
    template <class I>
    static constexpr bool owns =
        oneOf<I, intent::OpenFreeUse, intent::StartFreeUse, intent::AskFinishFreeUse, intent::FinishFreeUse,
              intent::CancelFinishFreeUse, intent::FreeUseHelp, intent::ExtendFreeUse, intent::EndFreeUse>;
    // The last notice lasts this long, and closing time ends a session this long before closing.
    static constexpr std::chrono::seconds kLastNotice{30};
    // A wipe not reported done after this long is taken as not verified.
    static constexpr std::chrono::seconds kWipeWait{60};

    // Home's tile; limit: the session's length (a facilitator may give another).
    void open(std::chrono::minutes limit, FreeUseHost& host);
    void apply(const intent::OpenFreeUse&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::StartFreeUse&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::AskFinishFreeUse&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::FinishFreeUse&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::CancelFinishFreeUse&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::FreeUseHelp&, SteadyTime now, FreeUseHost& host);
    void apply(const intent::ExtendFreeUse& i, SteadyTime now, FreeUseHost& host);
    void apply(const intent::EndFreeUse&, SteadyTime now, FreeUseHost& host);
    // Input on the bar or in the browser: the visitor is there.
    void noteActivity(SteadyTime now);
    // The browser's news, the time, the idle prompt and the opening hours. closedNow: the space
    // is closed now.
    void update(SteadyTime now, bool closedNow, FreeUseHost& host);
    // The kiosk stops: a running session is wiped as interrupted (the visit closes around it).
    void shutdown(SteadyTime now, FreeUseHost& host);
    // A facilitator answered the call for help: "Help given" on Terminal status, or more time or
    // the session's end from their menu (they acted on it). Unlocking alone does not answer it:
    // the facilitator who unlocks to look at Terminal status must still see it.
    void helpAnswered() { helpAskedAt_.reset(); }
    // When update() must next run; nullopt: only input matters.
    [[nodiscard]] std::optional<SteadyTime> nextDeadline(SteadyTime now, const FreeUseHost& host) const;

    [[nodiscard]] FreeUsePhase phase() const { return phase_; }
    [[nodiscard]] bool running() const { return phase_ == FreeUsePhase::Running; }
    // The session's length as offered (the intro says it) and as it stands (extensions added).
    [[nodiscard]] std::chrono::minutes limit() const { return limit_; }
    // Until the wipe starts: the session's time, then the last notice; zero when not running.
    [[nodiscard]] std::chrono::seconds left(SteadyTime now, const FreeUseHost& host) const;
    // Until the session's own end (before the last notice): what the bar shows as time left.
    [[nodiscard]] std::chrono::seconds timeLeft(SteadyTime now, const FreeUseHost& host) const;
    [[nodiscard]] FreeUseNotice notice(SteadyTime now, const FreeUseHost& host) const;
    // The seconds the idle prompt has left.
    [[nodiscard]] std::chrono::seconds stillThereLeft(SteadyTime now, const FreeUseHost& host) const;
    [[nodiscard]] bool confirmingFinish() const { return confirmingFinish_; }
    [[nodiscard]] bool helpRequested() const { return helpAskedAt_.has_value(); }
    // How long ago the visitor first asked for help (asking again keeps the first time); zero
    // when no call waits.
    [[nodiscard]] std::chrono::seconds helpAskedFor(SteadyTime now) const;
    // The browser would not start: the intro says so.
    [[nodiscard]] bool startFailed() const { return startFailed_; }
    // The last notice or the idle prompt ends in the closing, not the time limit.
    [[nodiscard]] bool endsAtClosing(SteadyTime now, const FreeUseHost& host) const;

private:
    void end(FreeUseEnd how, SteadyTime now, FreeUseHost& host);
    void wiped(const WipeReport& report, FreeUseHost& host);
    [[nodiscard]] SteadyTime sessionEnd(SteadyTime now, const FreeUseHost& host) const;
    [[nodiscard]] std::optional<SteadyTime> closingEnd(SteadyTime now, const FreeUseHost& host) const;

    FreeUsePhase phase_ = FreeUsePhase::Off;
    std::chrono::minutes limit_{0};
    SteadyTime started_{};
    SteadyTime lastInput_{};
    std::optional<SteadyTime> lastNoticeFrom_; // the time is up: the wipe follows kLastNotice later
    FreeUseEnd lastNoticeCause_ = FreeUseEnd::TimeUp;
    std::optional<SteadyTime> stillThereFrom_;
    SteadyTime wipeFrom_{};
    int minutes_ = 0; // the session's length in whole minutes, rounded up, once it ended
    FreeUseEnd how_ = FreeUseEnd::Finished;
    bool confirmingFinish_ = false;
    std::optional<SteadyTime> helpAskedAt_; // a call for help waits since then
    bool startFailed_ = false;
};

} // namespace dps::kiosk
