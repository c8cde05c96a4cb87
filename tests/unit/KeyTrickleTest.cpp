// A key pressed and released before one frame must still be seen pressed by a frame: the
// release waits (kiosk/ui/KeyTrickle.h; the cause of Enter lost under load in the UI tests).
#include "ui/KeyTrickle.h"

#include <gtest/gtest.h>

using dps::kiosk::ui::KeyTrickle;

namespace {

SDL_Event key(Uint32 type, SDL_Scancode code) {
    SDL_Event e{};
    e.type = type;
    e.key.keysym.scancode = code;
    return e;
}

} // namespace

TEST(KeyTrickle, AReleaseInTheSameFrameAsItsPressWaitsForTheNextFrame) {
    KeyTrickle keys;
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_RETURN)));
    EXPECT_FALSE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_RETURN))) << "the frame would never see Enter pressed";
    keys.frameDrawn();
    EXPECT_TRUE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_RETURN)));
}

TEST(KeyTrickle, OtherKeysAndLaterReleasesGoThrough) {
    KeyTrickle keys;
    EXPECT_TRUE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_RETURN))) << "pressed before the last frame";
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_A)));
    EXPECT_TRUE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_B)));
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_A))) << "a key repeat is a press";
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    EXPECT_TRUE(keys.admit(motion));
}
