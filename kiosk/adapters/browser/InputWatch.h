#pragma once
#include "kiosk/adapters/browser/Child.h"

#include <memory>
#include <string>
#include <vector>

namespace dps::kiosk::browser {

// Whether the visitor uses the keyboard, mouse or screen, from the compositor's idle protocol
// (org_kde_kwin_idle, which sway 1.7 offers) through swayidle (Debian's package): swayidle says
// "idle" after one second without input and "input" at the next one. The compositor sees every
// input of its seat, whichever window has it, and no page can fake it (docs/free-use.md).
class InputWatch {
public:
    // The default command; its environment names the compositor (WAYLAND_DISPLAY, a socket's path).
    static std::vector<std::string> swayidle();
    InputWatch(const std::vector<std::string>& argv, const std::vector<std::string>& env);
    InputWatch(const InputWatch&) = delete;
    InputWatch& operator=(const InputWatch&) = delete;
    ~InputWatch();
    // True when there was input since the last call or the visitor is still at it (no "idle"
    // since the last "input"). Never blocks.
    bool input();
    // False once the watcher has stopped (swayidle gone: the compositor went away).
    [[nodiscard]] bool watching() const { return fd_ >= 0; }

private:
    int fd_ = -1;
    std::unique_ptr<Child> child_;
    std::string pending_;
    bool active_ = false;
};

} // namespace dps::kiosk::browser
