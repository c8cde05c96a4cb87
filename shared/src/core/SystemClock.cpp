#include "dps/core/Clock.h"

#include <cstdio>
#include <ctime>

namespace dps {

SteadyTime SystemClock::steady() const { return std::chrono::steady_clock::now(); }
WallTime SystemClock::wall() const { return std::chrono::system_clock::now(); }

LocalTime SystemClock::local() const {
    const WallTime now = wall();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    ::localtime_r(&t, &tm);
    return localTimeAt(now, std::chrono::duration_cast<std::chrono::minutes>(std::chrono::seconds(tm.tm_gmtoff)));
}

LocalTime localTimeAt(WallTime t, std::chrono::minutes utcOffset) {
    using namespace std::chrono;
    const auto shifted = floor<minutes>(t) + utcOffset;
    const auto day = floor<days>(shifted);
    return {year_month_day{day}, weekday{day}, duration_cast<minutes>(shifted - day)};
}

std::string isoDate(std::chrono::year_month_day d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return text;
}

} // namespace dps
