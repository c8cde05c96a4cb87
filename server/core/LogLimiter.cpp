#include "server/core/LogLimiter.h"

#include <algorithm>

namespace dps::server {

LogLimiter::LogLimiter(const Clock& clock, std::int64_t perMinute)
    : clock_(clock), perMinute_(std::max<std::int64_t>(perMinute, 1)) {}

LogAdmission LogLimiter::admit() {
    const SteadyTime now = clock_.steady();
    std::lock_guard lock(mutex_);
    if (!started_ || now - windowStart_ >= std::chrono::minutes(1)) {
        started_ = true;
        windowStart_ = now;
        written_ = 0;
    }
    if (written_ >= perMinute_) {
        ++leftOut_;
        return {};
    }
    ++written_;
    const LogAdmission admission{true, leftOut_};
    leftOut_ = 0;
    return admission;
}

} // namespace dps::server
