#pragma once
#include <SDL_events.h>

#include <bitset>

namespace dps::kiosk::ui {

// ImGui 1.86's SDL backend keeps only whether a key is down, so two changes of one key before
// the same frame merge: a press and its release cancel out and the frame never sees the key
// pressed, and a release followed by a new press looks like the key held on. On a slow frame (a
// loaded machine, a quick typist, a test's xdotool) Enter was lost either way. So a key changes
// at most once per frame: a second change waits until a frame has been drawn, as ImGui 1.87's
// input queue does. Mouse buttons: the 1.86 backend latches a press, so a click seen in one
// frame is never lost, but the two clicks of a double click before one frame were one click (the
// double-click practice, under load): a second press of a button waits for the next frame too.
class KeyTrickle {
public:
    // Before handing `e` to ImGui: false when it must wait until after the next frame.
    bool admit(const SDL_Event& e) {
        if (e.type == SDL_MOUSEBUTTONDOWN) {
            const std::size_t button = e.button.button;
            if (button >= pressed_.size()) return true;
            if (pressed_.test(button)) return false;
            pressed_.set(button);
            return true;
        }
        if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) return true;
        const auto code = static_cast<std::size_t>(e.key.keysym.scancode);
        if (code >= changed_.size()) return true;
        if (changed_.test(code)) return false;
        changed_.set(code);
        return true;
    }
    // A frame was drawn: it has seen every change admitted before it.
    void frameDrawn() {
        changed_.reset();
        pressed_.reset();
    }

private:
    std::bitset<SDL_NUM_SCANCODES> changed_;
    std::bitset<8> pressed_; // mouse buttons pressed since the last frame
};

} // namespace dps::kiosk::ui
