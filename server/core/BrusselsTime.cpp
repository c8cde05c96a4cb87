#include "server/core/BrusselsTime.h"

namespace dps::server {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::March;
using std::chrono::minutes;
using std::chrono::month;
using std::chrono::October;
using std::chrono::seconds;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::weekday_last;
using std::chrono::year;
using std::chrono::year_month_day;
using std::chrono::year_month_weekday_last;

// 01:00 UTC on the last Sunday of the month of year y.
sys_seconds lastSundayOneUtc(year y, month m) {
    const sys_days day{year_month_weekday_last{y, m, weekday_last{Sunday}}};
    return sys_seconds{day} + hours(1);
}

} // namespace

minutes brusselsUtcOffset(WallTime t) {
    const auto at = floor<seconds>(t);
    const year y = year_month_day{floor<days>(at)}.year();
    const bool summer = at >= lastSundayOneUtc(y, March) && at < lastSundayOneUtc(y, October);
    return summer ? hours(2) : hours(1);
}

year_month_day brusselsDate(WallTime t) { return localTimeAt(t, brusselsUtcOffset(t)).date; }

std::string latestUsageDay(WallTime now) { return isoDate(year_month_day{sys_days{brusselsDate(now)} + days(1)}); }

} // namespace dps::server
