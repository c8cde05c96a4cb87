#pragma once
#include "kiosk/core/spoken/SpokenControl.h"

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct ImGuiWindow;

namespace dps::kiosk::ui {

// What the voice guide says of a control beyond its label (issue 21).
struct Spoken {
    SpokenRole role = SpokenRole::Button;
    std::optional<bool> chosen = std::nullopt;
    bool waiting = false;
    std::string_view name = {}; // said instead of the label ("Français" for the chip "FR")
};

// Where each button of the current screen is, written to a text file when it changes:
//   screen home
//   language nl
//   window 1 0 0 73 1366 768 0 412 1
//   button home.finish 583 402 783 662 1 Terminer ma visite
//   state step 3
// A window line: its number, its parent's (-1 for none), the part of the screen it shows (x0 y0
// x1 y1), how far it is scrolled, how far it can scroll, and 1 when its scroll bar is drawn. A
// button line: its id, its rectangle, the number of the window it is in, then what it says.
// End-to-end tests read it to click real buttons with a real pointer (xdotool) and to check that
// each can be reached, and it tells assistive tooling what is on screen. Disabled when no file is
// given (unless kept in memory for in-process tests).
class UiMap {
public:
    explicit UiMap(std::filesystem::path file) : file_(std::move(file)) {}
    [[nodiscard]] bool enabled() const { return live_ && (!file_.empty() || inMemory_); }
    // Nothing is written until the window can really be clicked.
    void setLive(bool live) { live_ = live; }
    // In-process tests read the last complete frame with lastFrame(), with or without a file.
    void keepInMemory() { inMemory_ = true; }
    [[nodiscard]] const std::string& lastFrame() const { return written_; }
    // How many frames were complete (their layout settled) so far: the map describes the last.
    [[nodiscard]] long completeFrames() const { return complete_; }
    void beginFrame(std::string_view screen, std::string_view language);
    // A button (or any place a visitor acts on) the last ImGui item drew, with what it says. When
    // it is hovered, "state hovered ID" says so. When it has the keyboard's focus it is this
    // frame's focused() control, map file or not.
    void record(std::string_view id, ImVec2 min, ImVec2 max, std::string_view label = {}, const Spoken& spoken = {});
    // The control the keyboard's focus was on in the frame being drawn (shown or not), as recorded.
    [[nodiscard]] const std::optional<SpokenControl>& focused() const { return focused_; }
    // A fact about the screen a test may wait for: "state step 3", "state next enabled".
    void note(std::string_view key, std::string_view value);
    void endFrame();

private:
    int windowIndex(ImGuiWindow* window);

    std::filesystem::path file_;
    bool inMemory_ = false;
    std::string current_;
    std::string written_;
    std::vector<ImGuiWindow*> windows_; // this frame's, in the order they were first named
    std::optional<SpokenControl> focused_;
    bool live_ = false;
    long complete_ = 0;
};

} // namespace dps::kiosk::ui
