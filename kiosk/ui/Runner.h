#pragma once
#include "dps/core/Clock.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
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
    void renderToPng(FrameSource& source, const std::filesystem::path& file, int frames = 3);
    // After the font atlas changed (between frames): the next frame uploads it again.
    static void reloadFonts();
    // Draws `frames` frames as fast as it can and returns how long each took (ms), for benchmarks.
    std::vector<double> timeFrames(FrameSource& source, int frames);
    // Thread-safe: wakes the loop so it redraws (for results that arrive from worker threads).
    void requestRedraw() const;

private:
    void drawOne(FrameSource& source, const std::filesystem::path* capture);

    RunnerOptions options_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::uint32_t wakeEvent_ = 0;
    bool imguiReady_ = false;
};

} // namespace dps::kiosk::ui
