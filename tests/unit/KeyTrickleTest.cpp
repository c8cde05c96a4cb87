// One change per key per frame (kiosk/ui/KeyTrickle.h): a key pressed and released before one
// frame is still seen pressed, and a release then a new press is seen as two (the causes of
// Enter lost under load in the UI tests).
#include "ui/KeyTrickle.h"

#include <gtest/gtest.h>
#include <utility>

using dps::kiosk::ui::KeyTrickle;

namespace {

SDL_Event key(Uint32 type, SDL_Scancode code) {
    SDL_Event e{};
    e.type = type;
    e.key.keysym.scancode = code;
    return e;
}

} // namespace

TEST(KeyTrickle, ASecondChangeOfAKeyWaitsForTheNextFrame) {
    // Down then up: the frame would never see Enter pressed. Up then down: it would see the key
    // still held, and the second Enter of a quick double Enter (a typing exercise's
    // confirmation, then Next) was lost.
    for (const auto& [first, second] : {std::pair{SDL_KEYDOWN, SDL_KEYUP}, std::pair{SDL_KEYUP, SDL_KEYDOWN}}) {
        KeyTrickle keys;
        EXPECT_TRUE(keys.admit(key(first, SDL_SCANCODE_RETURN)));
        EXPECT_FALSE(keys.admit(key(second, SDL_SCANCODE_RETURN))) << "event " << second;
        keys.frameDrawn();
        EXPECT_TRUE(keys.admit(key(second, SDL_SCANCODE_RETURN))) << "event " << second;
    }
}

// The two clicks of a double click that arrive before one frame: the second press waits, so the
// frame after sees a second click (the 1.86 backend latched both presses into one).
TEST(KeyTrickle, ASecondPressOfAMouseButtonWaitsForTheNextFrame) {
    KeyTrickle events;
    SDL_Event down{}, up{};
    down.type = SDL_MOUSEBUTTONDOWN;
    down.button.button = SDL_BUTTON_LEFT;
    up.type = SDL_MOUSEBUTTONUP;
    up.button.button = SDL_BUTTON_LEFT;
    EXPECT_TRUE(events.admit(down));
    EXPECT_TRUE(events.admit(up));
    EXPECT_FALSE(events.admit(down)) << "the second click's press merged with the first";
    events.frameDrawn();
    EXPECT_TRUE(events.admit(down));
    SDL_Event right = down;
    right.button.button = SDL_BUTTON_RIGHT;
    EXPECT_TRUE(events.admit(right)) << "another button is not held back";
}

TEST(KeyTrickle, OtherKeysGoThrough) {
    KeyTrickle keys;
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_A)));
    EXPECT_TRUE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_B)));
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_RETURN)));
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    EXPECT_TRUE(keys.admit(motion));
}
