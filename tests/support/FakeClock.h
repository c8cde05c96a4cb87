#pragma once
#include "dps/core/Clock.h"

namespace dps::test {

// A clock that moves only when told, so timeout rules are tested without sleeping.
class FakeClock final : public Clock {
public:
    [[nodiscard]] SteadyTime steady() const override { return steady_; }
    [[nodiscard]] WallTime wall() const override { return wall_; }
    void advance(std::chrono::milliseconds d) {
        steady_ += d;
        wall_ += d;
    }

private:
    SteadyTime steady_{std::chrono::hours(1000)};
    WallTime wall_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours(9)};
};

} // namespace dps::test
