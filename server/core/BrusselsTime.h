#pragma once
// The terminals' civil time, Europe/Brussels, computed from the rule rather than read from the
// server's TZ setting, so that a server started in UTC by mistake still judges days as the
// terminals count them: UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October (EU summer time, Directive 2000/84/EC, as in tzdata's
// Europe/Brussels since 1996).
#include "dps/core/Clock.h"

#include <chrono>
#include <string>

namespace dps::server {

[[nodiscard]] std::chrono::minutes brusselsUtcOffset(WallTime t);
[[nodiscard]] std::chrono::year_month_day brusselsDate(WallTime t);

// The latest day a terminal may send usage for, YYYY-MM-DD: its tomorrow in Brussels (a day of
// slack for a terminal clock a little ahead). A later day is a wrong clock or a forged record, and
// would show in reports of years that have not happened (issue 17).
[[nodiscard]] std::string latestUsageDay(WallTime now);

} // namespace dps::server
