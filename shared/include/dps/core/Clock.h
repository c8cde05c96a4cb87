#pragma once
#include <chrono>

namespace dps {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// Time as a service, so rules about timeouts can be tested without sleeping.
// steady() measures durations (never jumps); wall() stamps records (may be corrected by NTP).
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual SteadyTime steady() const = 0;
    [[nodiscard]] virtual WallTime wall() const = 0;
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] SteadyTime steady() const override;
    [[nodiscard]] WallTime wall() const override;
};

} // namespace dps
