#pragma once
#include <SDL_events.h>

#include <bitset>

namespace dps::kiosk::ui {

// ImGui 1.86's SDL backend keeps only whether a key is down: a press and its release handled
// before the same frame cancel out, and that frame never sees the key pressed. On a slow frame
// (a loaded machine, a quick typist, a test's xdotool) Enter was lost that way. The release of
// a key pressed since the last frame therefore waits until a frame has been drawn, as ImGui
// 1.87's input queue does. Mouse buttons need none of this: the 1.86 backend latches presses.
class KeyTrickle {
public:
    // Before handing `e` to ImGui: false when it must wait until after the next frame.
    bool admit(const SDL_Event& e) {
        if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) return true;
        const auto code = static_cast<std::size_t>(e.key.keysym.scancode);
        if (e.type == SDL_KEYDOWN && code < pressed_.size()) pressed_.set(code);
        return !(e.type == SDL_KEYUP && code < pressed_.size() && pressed_.test(code));
    }
    // A frame was drawn: what was pressed before it has been seen.
    void frameDrawn() { pressed_.reset(); }

private:
    std::bitset<SDL_NUM_SCANCODES> pressed_;
};

} // namespace dps::kiosk::ui
