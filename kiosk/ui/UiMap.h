#pragma once
#include <imgui.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace dps::kiosk::ui {

// Where each button of the current screen is, written to a text file when it changes:
//   screen home
//   language nl
//   button home.finish 583 402 783 662
//   state step 3
// End-to-end tests read it to click real buttons with a real pointer (xdotool), and it tells
// assistive tooling what is on screen. Disabled when no file is given.
class UiMap {
public:
    explicit UiMap(std::filesystem::path file) : file_(std::move(file)) {}
    [[nodiscard]] bool enabled() const { return live_ && !file_.empty(); }
    // Nothing is written until the window can really be clicked.
    void setLive(bool live) { live_ = live; }
    void beginFrame(std::string_view screen, std::string_view language);
    void record(std::string_view id, ImVec2 min, ImVec2 max);
    // A fact about the screen a test may wait for: "state step 3", "state next enabled".
    void note(std::string_view key, std::string_view value);
    void endFrame();

private:
    std::filesystem::path file_;
    std::string current_;
    std::string written_;
    bool live_ = false;
};

} // namespace dps::kiosk::ui
