#pragma once
#include "dps/core/ManualClock.h"

namespace dps::test {

// The day and the morning the tests' clock starts on (2026-11-23, 09:00 UTC), for tests that name
// dates and times beside it.
inline constexpr std::chrono::year_month_day kTestDay{std::chrono::year{2026} / 11 / 23};
inline const WallTime kTestMorning = std::chrono::sys_days{kTestDay} + std::chrono::hours(9);

// The tests' clock: a ManualClock starting on a fixed morning, so recorded times are known.
class FakeClock final : public Clock {
public:
    [[nodiscard]] SteadyTime steady() const override { return clock_.steady(); }
    [[nodiscard]] WallTime wall() const override { return clock_.wall(); }
    // UTC unless told: the tests name local times exactly.
    [[nodiscard]] LocalTime local() const override { return clock_.local(); }
    void setUtcOffset(std::chrono::minutes offset) { clock_.setUtcOffset(offset); }
    void advance(std::chrono::milliseconds d) { clock_.advance(d); }

private:
    ManualClock clock_{SteadyTime{std::chrono::hours(1000)}, kTestMorning};
};

} // namespace dps::test
