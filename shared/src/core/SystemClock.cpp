#include "dps/core/Clock.h"

namespace dps {

SteadyTime SystemClock::steady() const { return std::chrono::steady_clock::now(); }
WallTime SystemClock::wall() const { return std::chrono::system_clock::now(); }

} // namespace dps
