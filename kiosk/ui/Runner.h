#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/Compositor.h"
#include "kiosk/ui/KeyTrickle.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct SDL_Window;
struct SDL_Renderer;

namespace dps::kiosk::ui {

// No display, or SDL could not make a window or a renderer.
class DisplayError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RunnerOptions {
    std::string title = "dps-kiosk";
    bool fullscreen = true;
    int width = 1366, height = 768;
    std::string renderer = "auto"; // auto | software | accelerated
    // The naive loop (draw every frame, vsync if any), kept only as the benchmark's peer.
    bool redrawAlways = false;
    // Render without a display (SDL's offscreen driver), for --screenshot on a headless machine.
    bool offscreen = false;
    // A request to close the window (Alt+F4 and the like) is refused: the kiosk in full screen.
    // Only a stop signal ends run() then (see core/SessionExit.h).
    bool lockedDown = true;
};

// What the runner drives: the application answers input, time and drawing.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    // A visitor touched, clicked, typed or moved the pointer.
    virtual void onInput() = 0;
    // Apply timeouts; true when something visible changed and a frame must be drawn.
    virtual bool update() = 0;
    // The ImGui calls of one frame (between NewFrame and Render).
    virtual void drawFrame() = 0;
    // The next moment update() has work to do; nullopt: nothing until input arrives.
    [[nodiscard]] virtual std::optional<SteadyTime> nextDeadline() const = 0;
    // The window is on screen and can be used; called once, before the frame that follows.
    virtual void onReady() {}
    // The program asked to end (the administrator's maintenance exit): run() returns.
    [[nodiscard]] virtual bool finished() const { return false; }
    // Between the backend reading the pointer and ImGui's frame: the last word on what ImGui sees
    // of it (a tap to swallow, a hover to forget).
    virtual void beforeNewFrame() {}
};

// A pointer as an in-process test moves it: where it is (nullopt: nowhere on the screen), whether
// its button or finger is down, and wheel notches (positive: up).
struct Pointer {
    std::optional<std::pair<float, float>> at;
    bool down = false;
    float wheel = 0;
};

// Owns SDL, the window, the renderer and the ImGui context, and runs the event-driven loop:
// after input or a change it draws a few frames (ImGui settles hover and layout in two), then
// sleeps in SDL_WaitEventTimeout until the next input or deadline, drawing nothing.
class Runner {
public:
    explicit Runner(const RunnerOptions& options); // throws DisplayError
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    ~Runner();

    [[nodiscard]] int pixelWidth() const;
    [[nodiscard]] int pixelHeight() const;
    [[nodiscard]] std::string rendererName() const;
    [[nodiscard]] SDL_Renderer* renderer() const { return renderer_; }

    // Runs until SIGTERM/SIGINT arrives, the source is finished, or (not locked down) the window
    // is closed.
    void run(FrameSource& source);
    // Draws `frames` frames and writes the last one as a PNG. Throws DisplayError on failure.
    // Enough frames for a page to settle: it is measured first, then its scroll bar shows or not,
    // which changes its width (the UI map is written once the layout stands still).
    void renderToPng(FrameSource& source, const std::filesystem::path& file, int frames = 8);
    // After the font atlas changed (between frames): the next frame uploads it again.
    static void reloadFonts();
    // Draws `frames` frames as fast as it can and returns how long each took (ms), for benchmarks.
    std::vector<double> timeFrames(FrameSource& source, int frames);
    // In-process tests: handles the pending SDL events as run() does (typed keys arrive), then
    // draws one frame in which ImGui sees `pointer` where the SDL backend would put a mouse's.
    // Without `render` the frame is laid out and its draw data made, but no pixel is drawn.
    void drawFrameWith(FrameSource& source, const Pointer& pointer, bool render = true);
    // The window's own half of a layout (the compositor's adapter does the rest): the bar leaves
    // full screen for a window as wide as the screen and the bar's height; full screen comes back
    // as the kiosk was started (a --windowed kiosk gets its window size back).
    void placeWindow(const WindowLayout& layout);
    // Thread-safe: wakes the loop so it redraws (for results that arrive from worker threads).
    void requestRedraw() const;

private:
    void drawOne(FrameSource& source, const std::filesystem::path* capture, const Pointer* pointer = nullptr,
                 bool render = true);
    // A finger lifted from a touch screen leaves SDL's pointer where it was, and ImGui would go on
    // showing the button under it as hovered: from the frame after the lift until the pointer
    // moves or touches again, ImGui sees no pointer.
    void followTouch(const SDL_Event& e);

    RunnerOptions options_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::uint32_t wakeEvent_ = 0;
    bool imguiReady_ = false;
    bool touchLifted_ = false, liftAfterFrame_ = false;
    KeyTrickle keys_;
    std::optional<SDL_Event> heldEvent_;
    std::optional<Pointer> lastPointer_;
    int screenWidth_ =
        0; // the full-screen window's width, which the bar keeps // drawFrameWith's, to tell a change (input) from none
};

} // namespace dps::kiosk::ui
