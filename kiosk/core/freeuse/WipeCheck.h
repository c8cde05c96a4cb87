#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/freeuse/BrowserSession.h"

#include <chrono>
#include <optional>
#include <string>

namespace dps::kiosk {

// A facilitator's check of the wipe, after a session's wipe that was not verified stopped free
// use. The runner's own end is the check: a session with no tiles is started and at once ended,
// and its wipe (every process of the visitor's user ended, the session's folders gone, print
// jobs cancelled, checked afterwards) must report verified. That also proves nothing of the
// session before is left: the runner's check looks at the whole user, not one session. A browser
// that will not start, a wipe not verified or one that never reports: free use stays off.
class WipeCheck {
public:
    enum class State { None, Running, Passed, Failed };
    enum class Failure { None, NotStarted, NotVerified, NoReport };
    // As long as a session's own wipe is waited for.
    static constexpr std::chrono::seconds kWait{60};

    // Starts the check on the browser (which must outlive it); language: the start page's.
    void start(BrowserSession& browser, const std::string& language, SteadyTime now);
    // The check's news; true when it just passed (free use may come back).
    bool update(BrowserSession& browser, SteadyTime now);

    [[nodiscard]] State state() const { return state_; }
    [[nodiscard]] bool running() const { return state_ == State::Running; }
    [[nodiscard]] Failure failure() const { return failure_; }

private:
    State state_ = State::None;
    Failure failure_ = Failure::None;
    SteadyTime from_{};
};

} // namespace dps::kiosk
