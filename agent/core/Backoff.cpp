#include "agent/core/Backoff.h"

#include <algorithm>
#include <cmath>

namespace dps::agent {

Seconds Backoff::next(int failures, std::optional<Seconds> retryAfter) {
    // 2^(failures-1) overflows nothing: the exponent is bounded before the power is taken.
    const int exponent = std::clamp(failures - 1, 0, 40);
    const double ceiling = std::min(settings_.cap.count(), settings_.base.count() * std::ldexp(1.0, exponent));
    std::uniform_real_distribution<double> draw(0.0, ceiling);
    Seconds wait{draw(rng_)};
    if (retryAfter && *retryAfter > wait) wait = *retryAfter;
    return wait;
}

Seconds jittered(Seconds interval, double fraction, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> draw(1.0 - fraction, 1.0 + fraction);
    return Seconds{interval.count() * draw(rng)};
}

} // namespace dps::agent
