#pragma once
#include "dps/core/Clock.h"

#include <chrono>
#include <optional>

namespace dps::kiosk {

// Whose PIN a keypad asks for: each has its own lock-out, so guessing the administrator's PIN
// does not lock facilitators out, nor the other way round.
enum class PinKind { Facilitator, Administrator };

// A PIN's lock-out (the facilitators' PINs, or the administrator's): after five wrong PINs the mode locks, for 1 minute
// the first time, then twice as long each time (up to an hour), until a right PIN. Kept in kiosk.db, so restarting the
// kiosk does not reset it.
struct GateState {
    int failures = 0; // wrong PINs since the last lock or right PIN
    int lockouts = 0; // locks since the last right PIN
    std::optional<WallTime> lockedUntil;
};

class UnlockGate {
public:
    static constexpr int kTries = 5;
    static constexpr std::chrono::minutes kFirstLock{1}, kLongestLock{60};

    explicit UnlockGate(GateState state = {}) : state_(state) {}

    [[nodiscard]] bool locked(WallTime now) const { return state_.lockedUntil && now < *state_.lockedUntil; }
    // Whole seconds left, rounded up; 0 when open.
    [[nodiscard]] long secondsLeft(WallTime now) const;
    [[nodiscard]] int triesLeft() const { return kTries - state_.failures; }
    // Both return the state to keep.
    const GateState& wrongPin(WallTime now);
    const GateState& rightPin();
    [[nodiscard]] const GateState& state() const { return state_; }

private:
    GateState state_;
};

} // namespace dps::kiosk
