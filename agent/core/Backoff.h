#pragma once
// When to try again after a failed send, and when a job runs next: exponential backoff with
// full jitter (each wait drawn uniformly between 0 and the capped exponential), never sooner
// than the server's Retry-After; and a schedule spread by jitter so that terminals switched on at
// opening time do not all call the server in the same second.
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace dps::agent {

using Seconds = std::chrono::duration<double>;

struct BackoffSettings {
    Seconds base{2};
    Seconds cap{300};
};

class Backoff {
public:
    Backoff(BackoffSettings settings, std::uint64_t seed) : settings_(settings), rng_(seed) {}
    // The wait before the next try after `failures` consecutive failures (1 for the first).
    Seconds next(int failures, std::optional<Seconds> retryAfter = std::nullopt);

private:
    BackoffSettings settings_;
    std::mt19937_64 rng_;
};

// A job's interval spread by ±fraction (0.2: between 80% and 120% of it).
Seconds jittered(Seconds interval, double fraction, std::mt19937_64& rng);

} // namespace dps::agent
