#pragma once
#include "dps/core/Clock.h"

namespace dps {

// A clock that moves only when told: for tests of timeout rules (no sleeping) and for drawing a
// screen that needs time to have passed (--screenshot of "Are you still there?").
class ManualClock final : public Clock {
public:
    ManualClock() = default;
    ManualClock(SteadyTime steady, WallTime wall) : steady_(steady), wall_(wall) {}
    [[nodiscard]] SteadyTime steady() const override { return steady_; }
    [[nodiscard]] WallTime wall() const override { return wall_; }
    [[nodiscard]] LocalTime local() const override { return localTimeAt(wall_, utcOffset_); }
    void setUtcOffset(std::chrono::minutes offset) { utcOffset_ = offset; }
    void advance(std::chrono::milliseconds d) {
        steady_ += d;
        wall_ += d;
    }

private:
    SteadyTime steady_ = std::chrono::steady_clock::now();
    WallTime wall_ = std::chrono::system_clock::now();
    std::chrono::minutes utcOffset_{0};
};

} // namespace dps
