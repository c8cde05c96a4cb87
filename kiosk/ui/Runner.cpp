#include "kiosk/ui/Runner.h"
#include "kiosk/ui/KeyTrickle.h"

#include "dps/log/Log.h"
#include "kiosk/core/SessionExit.h"
#include "kiosk/ui/Theme.h"

#include <SDL.h>
#include <SDL_image.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <fmt/core.h>
#include <utility>

namespace dps::kiosk::ui {
namespace {

// Frames drawn after input or a change: ImGui needs one to see the hover, one to show its effect.
constexpr int kFramesAfterChange = 3;
// Frame interval while the pointer is held down: about 60 per second, only during a press.
constexpr int kPressedFrameMs = 16;

bool isInput(const SDL_Event& e) {
    switch (e.type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: return true;
    default: return false;
    }
}

std::string noDisplayMessage(const char* sdlError) {
    return fmt::format(
        "No display is available, so the kiosk cannot open its window (SDL: {}). To run it headless, start it "
        "under a virtual display: xvfb-run -s '-screen 0 1366x768x24' dps-kiosk --config FILE; or draw one screen "
        "to a picture with dps-kiosk --screenshot FILE.png --screen welcome.",
        sdlError);
}

} // namespace

Runner::Runner(const RunnerOptions& options) : options_(options) {
    if (options_.offscreen) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    // A kiosk must not let the screen saver or a compositor's idle blanking hide it mid-visit.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // Closing the last window must not turn into SDL_QUIT: then SDL_QUIT only ever means a stop
    // signal (SDL's own SIGTERM/SIGINT handlers send it), and a close request arrives alone as
    // SDL_WINDOWEVENT_CLOSE, which run() may refuse.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    // The window's Wayland app_id (SDL 2.26 reads it from the environment, not from a hint), the
    // same on every screen: sway's configuration and the tests know the kiosk by it.
    ::setenv("SDL_VIDEO_WAYLAND_WMCLASS", "dps-kiosk", 0);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw DisplayError(noDisplayMessage(SDL_GetError()));
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    // With no X11, Wayland or console display SDL falls back to drivers that draw into memory:
    // a kiosk nobody can see must say so rather than run.
    if (!options_.offscreen && (driver == "offscreen" || driver == "dummy" || driver == "evdev")) {
        SDL_Quit();
        throw DisplayError(noDisplayMessage(("only the '" + driver + "' video driver is available").c_str()));
    }

    // Otherwise SDL presents even a software-drawn window through an OpenGL texture, loading
    // Mesa and LLVM (about 70 MB) for nothing. Not on Wayland: SDL 2.26 has no window framebuffer
    // there, and a software renderer can only be shown through OpenGL ES (sway's session).
    if (options_.renderer == "software" && driver != "wayland") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");

    Uint32 flags = SDL_WINDOW_SHOWN;
    if (options_.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options_.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options_.width,
                               options_.height, flags);
    if (!window_) {
        const std::string err = SDL_GetError();
        SDL_Quit();
        throw DisplayError(noDisplayMessage(err.c_str()));
    }

    Uint32 rflags = options_.redrawAlways ? SDL_RENDERER_PRESENTVSYNC : 0;
    if (options_.renderer != "software") renderer_ = SDL_CreateRenderer(window_, -1, rflags | SDL_RENDERER_ACCELERATED);
    if (!renderer_ && options_.renderer != "accelerated") {
        if (options_.renderer == "auto")
            log::info("no graphics acceleration ({}); drawing in software", SDL_GetError());
        renderer_ = SDL_CreateRenderer(window_, -1, rflags | SDL_RENDERER_SOFTWARE);
    }
    if (!renderer_) {
        const std::string err = SDL_GetError();
        SDL_DestroyWindow(window_);
        SDL_Quit();
        throw DisplayError("could not create a renderer: " + err);
    }
    wakeEvent_ = SDL_RegisterEvents(1);
    // The kiosk owns the keyboard and pointer: without a window manager nobody else gives it focus,
    // and Dear ImGui's SDL backend only follows the pointer of a focused or hovered window.
    SDL_RaiseWindow(window_);
    SDL_SetWindowInputFocus(window_);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing of a visit may be written to disk, layout included
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    ImGui_ImplSDLRenderer_Init(renderer_);
    imguiReady_ = true;
    log::info("display {}x{} ({}), renderer {}", pixelWidth(), pixelHeight(), driver, rendererName());
}

Runner::~Runner() {
    if (imguiReady_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

int Runner::pixelWidth() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return w;
}

int Runner::pixelHeight() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return h;
}

std::string Runner::rendererName() const {
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_, &info);
    return info.name ? info.name : "?";
}

void Runner::requestRedraw() const {
    SDL_Event e{};
    e.type = wakeEvent_;
    SDL_PushEvent(&e);
}

void Runner::placeWindow(const WindowLayout& layout) {
    if (layout.mode == WindowLayout::Mode::Bar) {
        // Wayland gives a client no say in its position: sway's adapter moves it to the top.
        int w = 0, h = 0;
        SDL_GetWindowSize(window_, &w, &h);
        if (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN) screenWidth_ = w;
        SDL_SetWindowFullscreen(window_, 0);
        SDL_SetWindowSize(window_, screenWidth_ > 0 ? screenWidth_ : w, layout.barHeight);
        SDL_SetWindowPosition(window_, 0, 0);
    } else if (options_.fullscreen) {
        SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowSize(window_, options_.width, options_.height);
        SDL_SetWindowPosition(window_, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED);
    }
    requestRedraw();
}

void Runner::reloadFonts() { ImGui_ImplSDLRenderer_DestroyFontsTexture(); }

void Runner::followTouch(const SDL_Event& e) {
    switch (e.type) {
    case SDL_FINGERUP: liftAfterFrame_ = true; break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID) liftAfterFrame_ = true;
        break;
    case SDL_FINGERDOWN:
    case SDL_MOUSEBUTTONDOWN: touchLifted_ = liftAfterFrame_ = false; break;
    case SDL_MOUSEMOTION:
        // A finger's own moves come while it is down; a mouse's move brings the pointer back.
        if (e.motion.which != SDL_TOUCH_MOUSEID) touchLifted_ = liftAfterFrame_ = false;
        break;
    default: break;
    }
}

void Runner::drawOne(FrameSource& source, const std::filesystem::path* capture, const Pointer* pointer, bool render) {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (pointer) {
        io.MousePos = pointer->at ? ImVec2(pointer->at->first, pointer->at->second) : ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = pointer->down;
        io.MouseWheel += pointer->wheel;
    }
    // The release is seen where it happened (it is the click); the frames after it, no pointer.
    if (touchLifted_) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    source.beforeNewFrame();
    ImGui::NewFrame();
    source.drawFrame();
    ImGui::Render();
    if (liftAfterFrame_) {
        touchLifted_ = true;
        liftAfterFrame_ = false;
    }
    if (!render) return;
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::colour::Background);
    SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(bg.x * 255), static_cast<Uint8>(bg.y * 255),
                           static_cast<Uint8>(bg.z * 255), 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (capture) {
        // Read before Present: afterwards the back buffer's content is undefined.
        const int w = pixelWidth(), h = pixelHeight();
        SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
        const bool ok =
            surface &&
            SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch) == 0 &&
            IMG_SavePNG(surface, capture->c_str()) == 0;
        const std::string err = SDL_GetError();
        SDL_FreeSurface(surface);
        if (!ok) throw DisplayError(fmt::format("{}: could not write the screenshot: {}", capture->string(), err));
    }
    SDL_RenderPresent(renderer_);
}

void Runner::drawFrameWith(FrameSource& source, const Pointer& pointer, bool render) {
    SDL_Event e;
    bool input =
        !lastPointer_ || lastPointer_->at != pointer.at || lastPointer_->down != pointer.down || pointer.wheel != 0;
    lastPointer_ = pointer;
    std::optional<SDL_Event> next = std::exchange(heldEvent_, std::nullopt);
    while (next || SDL_PollEvent(&e)) {
        if (next) e = *std::exchange(next, std::nullopt);
        if (!keys_.admit(e)) {
            heldEvent_ = e; // a key's second change before a frame was drawn: for the next frame
            break;
        }
        ImGui_ImplSDL2_ProcessEvent(&e);
        followTouch(e);
        input = input || isInput(e);
    }
    if (input) source.onInput();
    source.update();
    drawOne(source, nullptr, &pointer, render);
    keys_.frameDrawn();
}

void Runner::renderToPng(FrameSource& source, const std::filesystem::path& file, int frames) {
    source.onReady();
    source.onReady();
    for (int i = 0; i < frames; ++i) {
        SDL_Event e;
        while (SDL_PollEvent(&e))
            ImGui_ImplSDL2_ProcessEvent(&e);
        source.update();
        drawOne(source, i == frames - 1 ? &file : nullptr);
    }
}

std::vector<double> Runner::timeFrames(FrameSource& source, int frames) {
    source.onReady();
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        SDL_Event e;
        while (SDL_PollEvent(&e))
            ImGui_ImplSDL2_ProcessEvent(&e);
        source.update();
        drawOne(source, nullptr);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return ms;
}

void Runner::run(FrameSource& source) {
    int budget = kFramesAfterChange;
    // Ready: the window is on screen and receives the pointer. Until then a click cannot reach
    // it (SDL may still be remapping it full screen), so the kiosk does not announce itself.
    bool ready = false, announced = false;
    KeyTrickle& keys = keys_;
    std::optional<SDL_Event> held; // a key's second change, for after the next frame (KeyTrickle)
    for (;;) {
        SDL_Event e;
        bool got = false;
        // While a finger or button is held (a drag), some systems send no motion events until it is
        // released: follow the pointer at a bounded rate instead of waiting for them.
        const bool pressing = ImGui::GetCurrentContext() && ImGui::IsAnyMouseDown();
        if (held) {
            e = *held;
            held.reset();
            got = true;
        } else if (options_.redrawAlways || budget > 0) {
            got = SDL_PollEvent(&e) != 0;
        } else if (pressing) {
            got = SDL_WaitEventTimeout(&e, kPressedFrameMs) != 0;
            budget = 1;
        } else if (const auto deadline = source.nextDeadline()) {
            const auto wait =
                std::chrono::ceil<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
            got = SDL_WaitEventTimeout(&e, static_cast<int>(std::clamp<long long>(wait.count(), 0, 60'000))) != 0;
        } else {
            got = SDL_WaitEvent(&e) != 0;
        }
        while (got) {
            if (!keys.admit(e)) {
                held = e;
                budget = std::max(budget, 1);
                break;
            }
            ImGui_ImplSDL2_ProcessEvent(&e);
            followTouch(e);
            if (e.type == SDL_QUIT && closeAllowed(CloseRequest::StopSignal, options_.lockedDown)) return;
            if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) {
                if (closeAllowed(CloseRequest::WindowClose, options_.lockedDown)) return;
                log::info("a request to close the window was refused (full-screen kiosk)");
            }
            if (isInput(e)) {
                source.onInput();
                budget = kFramesAfterChange;
            } else if (e.type == SDL_WINDOWEVENT || e.type == wakeEvent_) {
                budget = kFramesAfterChange;
                if (e.type == SDL_WINDOWEVENT) {
                    const auto w = e.window.event;
                    if (w == SDL_WINDOWEVENT_ENTER || w == SDL_WINDOWEVENT_FOCUS_GAINED) ready = true;
                    if (w == SDL_WINDOWEVENT_HIDDEN) ready = false;
                }
            }
            got = SDL_PollEvent(&e) != 0;
        }
        if (source.update()) budget = std::max(budget, kFramesAfterChange);
        if (source.finished()) return;
        if (budget > 0 || options_.redrawAlways) {
            if (ready && !announced) {
                announced = true;
                source.onReady();
            }
            drawOne(source, nullptr);
            keys.frameDrawn();
            budget = std::max(0, budget - 1);
        }
    }
}

} // namespace dps::kiosk::ui
