// One change per key per frame (kiosk/ui/KeyTrickle.h): a key pressed and released before one
// frame is still seen pressed, and a release then a new press is seen as two (the causes of
// Enter lost under load in the UI tests).
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

TEST(KeyTrickle, AReleaseThenANewPressWaitsToo) {
    // Without this the frame sees the key still down: the second Enter of a quick double Enter
    // was lost (the typing exercise's confirmation, then Next).
    KeyTrickle keys;
    EXPECT_TRUE(keys.admit(key(SDL_KEYUP, SDL_SCANCODE_RETURN)));
    EXPECT_FALSE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_RETURN)));
    keys.frameDrawn();
    EXPECT_TRUE(keys.admit(key(SDL_KEYDOWN, SDL_SCANCODE_RETURN)));
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
