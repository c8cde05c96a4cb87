#pragma once
#include <imgui.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace dps::kiosk::ui {

// Where each button of the current screen is, written to a text file when it changes:
//   screen home
//   button home.finish 583 402 783 662
// End-to-end tests read it to click real buttons with a real pointer (xdotool), and it tells
// assistive tooling what is on screen. Disabled when no file is given.
class UiMap {
public:
    explicit UiMap(std::filesystem::path file) : file_(std::move(file)) {}
    [[nodiscard]] bool enabled() const { return !file_.empty(); }
    void beginFrame(std::string_view screen);
    void record(std::string_view id, ImVec2 min, ImVec2 max);
    void endFrame();

private:
    std::filesystem::path file_;
    std::string current_;
    std::string written_;
};

} // namespace dps::kiosk::ui
