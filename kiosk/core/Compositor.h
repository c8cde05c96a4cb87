#pragma once
#include <optional>
#include <string>

namespace dps::kiosk {

// How the kiosk's window stands on the screen: the whole screen (every screen of the kiosk), or
// free use's session bar, a strip across the top with the browser below it.
struct WindowLayout {
    enum class Mode { FullScreen, Bar };
    Mode mode = Mode::FullScreen;
    int barHeight = 0; // Bar only: the strip's height in pixels, the band the browser leaves free

    static WindowLayout fullScreen() { return {}; }
    static WindowLayout bar(int height) { return {Mode::Bar, height}; }
    bool operator==(const WindowLayout&) const = default;
};

// The compositor's side of the kiosk's window (issue 20): under sway it makes the window the
// session bar (floating, on every workspace, at the top, full width) and keeps the browser's
// windows below it, then gives the kiosk the whole screen again. The adapters are in
// kiosk/adapters/compositor (sway's IPC; none under X11 or cage); unit tests use a fake.
class Compositor {
public:
    Compositor() = default;
    Compositor(const Compositor&) = delete;
    Compositor& operator=(const Compositor&) = delete;
    virtual ~Compositor() = default;
    // Places the kiosk's window so; returns at once. nullopt: done; otherwise what went wrong, in
    // words for the log.
    [[nodiscard]] virtual std::optional<std::string> place(const WindowLayout& layout) = 0;
};

} // namespace dps::kiosk
