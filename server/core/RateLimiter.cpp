#include "server/core/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace dps::server {
namespace {
// Past this many keys, buckets that have refilled completely are dropped: a full bucket is the
// same as no bucket, and addresses that tried once must not grow the map forever.
constexpr std::size_t kForgetAbove = 10'000;
} // namespace

RateLimiter::RateLimiter(const Clock& clock, std::int64_t perMinute)
    : RateLimiter(clock, static_cast<double>(std::max<std::int64_t>(perMinute, 1)),
                  static_cast<double>(std::max<std::int64_t>(perMinute, 1)) / 60.0) {}

RateLimiter::RateLimiter(const Clock& clock, double capacity, double perSecond)
    : clock_(clock), capacity_(std::max(capacity, 1.0)), perSecond_(std::max(perSecond, 1e-9)) {}

RateDecision RateLimiter::take(const std::string& key, double cost) {
    cost = std::clamp(cost, 0.0, capacity_);
    const SteadyTime now = clock_.steady();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > kForgetAbove) forgetIdle(now);
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity_, now});
    Bucket& b = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - b.at).count();
        b.tokens = std::min(capacity_, b.tokens + std::max(0.0, elapsed) * perSecond_);
        b.at = now;
    }
    if (b.tokens >= cost) {
        b.tokens -= cost;
        return {};
    }
    const double wait = (cost - b.tokens) / perSecond_;
    return {false, std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait))))};
}

void RateLimiter::forgetIdle(SteadyTime now) {
    std::erase_if(buckets_, [&](const auto& kv) {
        const double elapsed = std::chrono::duration<double>(now - kv.second.at).count();
        return kv.second.tokens + elapsed * perSecond_ >= capacity_;
    });
}

} // namespace dps::server
