#include "kiosk/core/facilitator/UnlockGate.h"

#include <algorithm>

namespace dps::kiosk {

long UnlockGate::secondsLeft(WallTime now) const {
    if (!locked(now)) return 0;
    return static_cast<long>(std::chrono::ceil<std::chrono::seconds>(*state_.lockedUntil - now).count());
}

const GateState& UnlockGate::wrongPin(WallTime now) {
    if (locked(now)) return state_; // not even tried: nothing to count
    if (++state_.failures >= kTries) {
        const auto lock =
            std::min<std::chrono::minutes>(kLongestLock, kFirstLock * (1 << std::min(state_.lockouts, 6)));
        state_.lockedUntil = now + lock;
        ++state_.lockouts;
        state_.failures = 0;
    }
    return state_;
}

const GateState& UnlockGate::rightPin() {
    state_ = GateState{};
    return state_;
}

} // namespace dps::kiosk
