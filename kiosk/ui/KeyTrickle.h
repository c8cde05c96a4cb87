#pragma once
#include <SDL_events.h>

#include <bitset>

namespace dps::kiosk::ui {

// ImGui 1.86's SDL backend keeps only whether a key is down, so two changes of one key before
// the same frame merge: a press and its release cancel out and the frame never sees the key
// pressed, and a release followed by a new press looks like the key held on. On a slow frame (a
// loaded machine, a quick typist, a test's xdotool) Enter was lost either way. So a key changes
// at most once per frame: a second change waits until a frame has been drawn, as ImGui 1.87's
// input queue does. Mouse buttons too: the 1.86 backend latches a press, but the two presses of a
// double-click before one frame are one press to it, and the double-click practice never opened
// its folder (TutorialProcess.UsingTheMouse…, 3 runs in 5 on a loaded machine). A button's press
// and release each get their own frame, so ImGui sees down, up, down. Holding back only the
// second press is not enough: the backend reads whether a button is down from SDL's state when a
// frame starts, so a frame that admits the release and the next press shows the button held on.
class KeyTrickle {
public:
    // Before handing `e` to ImGui: false when it must wait until after the next frame.
    bool admit(const SDL_Event& e) {
        if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) {
            const auto button = static_cast<std::size_t>(e.button.button);
            if (button >= buttons_.size()) return true;
            if (buttons_.test(button)) return false;
            buttons_.set(button);
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
        buttons_.reset();
    }

private:
    std::bitset<SDL_NUM_SCANCODES> changed_;
    std::bitset<8> buttons_; // SDL_BUTTON_LEFT (1) to SDL_BUTTON_X2 (5)
};

} // namespace dps::kiosk::ui
