// The agent's plain rules: the backoff's bounds and what each answer means.
#include "agent/core/Backoff.h"
#include "agent/core/SendVerdict.h"

#include <gtest/gtest.h>

using dps::agent::Backoff;
using dps::agent::jittered;
using dps::agent::Seconds;
using dps::agent::SendVerdict;
using dps::agent::verdictFor;

TEST(Backoff, FullJitterStaysUnderTheCappedExponential) {
    Backoff b({Seconds(2), Seconds(60)}, 42);
    double largest = 0;
    for (int failures = 1; failures <= 12; ++failures) {
        const double ceiling = std::min(60.0, 2.0 * (1 << (failures - 1)));
        for (int i = 0; i < 200; ++i) {
            const double w = b.next(failures).count();
            EXPECT_GE(w, 0.0);
            EXPECT_LE(w, ceiling);
            largest = std::max(largest, w);
        }
    }
    // Full jitter spreads over the whole range: something came close to the cap.
    EXPECT_GT(largest, 50.0);
}

TEST(Backoff, NeverSoonerThanRetryAfter) {
    Backoff b({Seconds(1), Seconds(4)}, 7);
    for (int i = 0; i < 100; ++i)
        EXPECT_GE(b.next(1, Seconds(30)).count(), 30.0);
}

TEST(Backoff, ManyFailuresDoNotOverflow) {
    Backoff b({Seconds(5), Seconds(900)}, 1);
    const double w = b.next(1'000'000).count();
    EXPECT_GE(w, 0.0);
    EXPECT_LE(w, 900.0);
}

TEST(Backoff, JitterSpreadsAnInterval) {
    std::mt19937_64 rng(3);
    double low = 1e9, high = 0;
    for (int i = 0; i < 500; ++i) {
        const double w = jittered(Seconds(300), 0.2, rng).count();
        low = std::min(low, w);
        high = std::max(high, w);
    }
    EXPECT_GE(low, 240.0);
    EXPECT_LE(high, 360.0);
    EXPECT_LT(low, 260.0);
    EXPECT_GT(high, 340.0);
}

TEST(SendVerdict, EachAnswerAsTheProtocolSays) {
    EXPECT_EQ(verdictFor(200), SendVerdict::Delivered);
    EXPECT_EQ(verdictFor(204), SendVerdict::Delivered);
    for (long s : {0L, 408L, 429L, 500L, 502L, 503L, 504L})
        EXPECT_EQ(verdictFor(s), SendVerdict::Retry) << s;
    EXPECT_EQ(verdictFor(413), SendVerdict::Split);
    EXPECT_EQ(verdictFor(401), SendVerdict::Reenroll);
    EXPECT_EQ(verdictFor(403), SendVerdict::Reenroll);
    for (long s : {400L, 404L, 415L, 422L})
        EXPECT_EQ(verdictFor(s), SendVerdict::DeadLetter) << s;
}
