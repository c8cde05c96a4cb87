#pragma once
#include <chrono>
#include <string>

namespace dps {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// A moment as the people at the terminal read it: their date, weekday and time of day.
struct LocalTime {
    std::chrono::year_month_day date;
    std::chrono::weekday weekday;
    std::chrono::minutes sinceMidnight{0};
};

// Time as a service, so rules about timeouts can be tested without sleeping.
// steady() measures durations (never jumps); wall() stamps records (may be corrected by NTP);
// local() is wall() in the terminal's time zone (opening hours, a visit's local date).
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual SteadyTime steady() const = 0;
    [[nodiscard]] virtual WallTime wall() const = 0;
    [[nodiscard]] virtual LocalTime local() const = 0;
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] SteadyTime steady() const override;
    [[nodiscard]] WallTime wall() const override;
    [[nodiscard]] LocalTime local() const override; // the process's time zone (TZ, /etc/localtime)
};

// A wall time shifted by a fixed offset from UTC, as a LocalTime.
LocalTime localTimeAt(WallTime t, std::chrono::minutes utcOffset);
// "2026-11-23", for a visit's local date.
std::string isoDate(std::chrono::year_month_day date);

} // namespace dps
