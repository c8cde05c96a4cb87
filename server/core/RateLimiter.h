#pragma once
// Token buckets keyed by a name (a terminal, a client address): each key may make `perMinute`
// requests in a burst, then one every 60/perMinute seconds. A bucket can also count something
// else than requests (the bytes a terminal's inventories write): then each take() says what it
// costs. The clock is injected so the rule is tested without sleeping.
#include "dps/core/Clock.h"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dps::server {

struct RateDecision {
    bool allowed = true;
    // When refused: whole seconds until the next request would be allowed (at least 1), for
    // the Retry-After header.
    std::chrono::seconds retryAfter{0};
};

class RateLimiter {
public:
    RateLimiter(const Clock& clock, std::int64_t perMinute);
    // A burst of `capacity`, refilled at `perSecond`.
    RateLimiter(const Clock& clock, double capacity, double perSecond);
    // Takes `cost` tokens of key's bucket if it has them (a cost above the capacity waits for a
    // full bucket and empties it). Thread-safe.
    RateDecision take(const std::string& key, double cost = 1.0);

private:
    struct Bucket {
        double tokens = 0;
        SteadyTime at{};
    };
    void forgetIdle(SteadyTime now);

    const Clock& clock_;
    double capacity_;
    double perSecond_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace dps::server
