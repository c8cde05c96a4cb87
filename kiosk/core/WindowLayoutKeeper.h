#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/Compositor.h"

#include <chrono>
#include <optional>
#include <string>

namespace dps::kiosk {

// The layout the kiosk's window must have for what the flow shows: the session bar while the
// flow shows free use's bar (Screen::FreeUseBar), the whole screen otherwise (the intro, the
// wipe's screen, facilitator mode opened from the bar, every other screen). barHeight: what the
// bar's view asks for at this screen width and text size.
WindowLayout wantedLayout(bool barShown, int barHeight, int screenHeight);

// Asks the compositor for a layout only when it changes, and again after a failure (sway being
// restarted, a lost socket), every kRetry, so a bar that could not be placed does not stay a
// full-screen window over the browser, nor is asked for at every frame.
class WindowLayoutKeeper {
public:
    static constexpr std::chrono::seconds kRetry{2};

    // The window starts full screen (the runner creates it so).
    explicit WindowLayoutKeeper(Compositor& compositor) : compositor_(compositor) {}
    // True when the compositor was asked for a new layout (the window changes: draw again).
    bool follow(const WindowLayout& wanted, SteadyTime now);
    // When follow() must run again to retry a failed placement; nullopt: nothing to retry.
    [[nodiscard]] std::optional<SteadyTime> nextRetry() const { return retryAt_; }
    // The layout in place (the last one the compositor placed).
    [[nodiscard]] const WindowLayout& placed() const { return placed_; }
    // The last failure's words; empty once a placement worked.
    [[nodiscard]] const std::string& lastError() const { return lastError_; }

private:
    Compositor& compositor_;
    WindowLayout placed_ = WindowLayout::fullScreen();
    WindowLayout wantedBefore_ = WindowLayout::fullScreen(); // the last one asked for
    std::optional<SteadyTime> retryAt_;
    std::string lastError_;
};

} // namespace dps::kiosk
