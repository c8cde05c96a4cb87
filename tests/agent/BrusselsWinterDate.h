#pragma once
// A visit's local date as the kiosk writes it, for the tests' November days: Brussels in winter
// (UTC+1). The LocalDateOf the tests give KioskDbReader.
#include "dps/core/Clock.h"

#include <chrono>
#include <string>

namespace dps::test {

inline std::string brusselsWinterDate(WallTime t) { return isoDate(localTimeAt(t, std::chrono::minutes(60)).date); }

} // namespace dps::test
