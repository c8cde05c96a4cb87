// LoginThrottle: free failures, then a doubling delay up to a cap, per name and per address.
#include "core/LoginThrottle.h"
#include "dps/core/ManualClock.h"

#include <gtest/gtest.h>

#include <string>

namespace dps::server {
namespace {

using std::chrono::seconds;

LoginThrottleLimits limits(std::int64_t freeFailures = 3, seconds maxDelay = seconds(300)) {
    LoginThrottleLimits l;
    l.freeFailures = freeFailures;
    l.maxDelay = maxDelay;
    return l;
}

TEST(LoginThrottle, FreeFailuresThenADelayThatDoublesUpToTheCap) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3, seconds(10)));
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(throttle.attempt("alice", "10.0.0.1").allowed) << i;
    // After the free failures: 1 s, 2 s, 4 s, 8 s, then 10 s (the cap), 10 s…
    for (const int expected : {1, 2, 4, 8, 10, 10}) {
        const auto refused = throttle.attempt("alice", "10.0.0.1");
        EXPECT_FALSE(refused.allowed);
        EXPECT_EQ(refused.retryAfter, seconds(expected));
        clock.advance(seconds(expected) - std::chrono::milliseconds(1));
        EXPECT_FALSE(throttle.attempt("alice", "10.0.0.1").allowed) << "1 ms early";
        clock.advance(std::chrono::milliseconds(1));
        EXPECT_TRUE(throttle.attempt("alice", "10.0.0.1").allowed) << expected;
    }
}

TEST(LoginThrottle, RetryAfterRoundsUpAndARefusalCountsNothing) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(1));
    EXPECT_TRUE(throttle.attempt("bob", "a").allowed);
    clock.advance(std::chrono::milliseconds(300));
    EXPECT_EQ(throttle.attempt("bob", "a").retryAfter, seconds(1)); // 0.7 s left: 1
    for (int i = 0; i < 20; ++i)
        EXPECT_FALSE(throttle.attempt("bob", "a").allowed);
    clock.advance(std::chrono::milliseconds(700));
    EXPECT_TRUE(throttle.attempt("bob", "a").allowed); // the refusals did not lengthen the wait
    EXPECT_EQ(throttle.attempt("bob", "a").retryAfter, seconds(2));
}

TEST(LoginThrottle, CountsPerNameCaseInsensitivelyAndPerAddress) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(2));
    // One name from many addresses (a botnet): the name slows down.
    EXPECT_TRUE(throttle.attempt("Alice", "1.1.1.1").allowed);
    EXPECT_TRUE(throttle.attempt("ALICE", "2.2.2.2").allowed);
    EXPECT_FALSE(throttle.attempt("alice", "3.3.3.3").allowed);
    // Another name from a fresh address is not affected.
    EXPECT_TRUE(throttle.attempt("bob", "4.4.4.4").allowed);
    // Many names from one address (spraying a password): the address slows down.
    EXPECT_TRUE(throttle.attempt("carol", "9.9.9.9").allowed);
    EXPECT_TRUE(throttle.attempt("dave", "9.9.9.9").allowed);
    EXPECT_FALSE(throttle.attempt("erin", "9.9.9.9").allowed);
}

TEST(LoginThrottle, ASuccessResetsTheNameButNotTheAddress) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3));
    EXPECT_TRUE(throttle.attempt("alice", "a1").allowed);
    EXPECT_TRUE(throttle.attempt("alice", "a1").allowed);
    EXPECT_TRUE(throttle.attempt("mallory", "a1").allowed); // a1 has 3 failures now, alice 2
    EXPECT_FALSE(throttle.attempt("someone", "a1").allowed);
    EXPECT_TRUE(throttle.attempt("alice", "a2").allowed);
    throttle.succeeded("ALICE", "a2");
    // alice starts again from zero…
    EXPECT_TRUE(throttle.attempt("alice", "a3").allowed);
    EXPECT_TRUE(throttle.attempt("alice", "a4").allowed);
    EXPECT_TRUE(throttle.attempt("alice", "a5").allowed);
    EXPECT_FALSE(throttle.attempt("alice", "a6").allowed);
    // …a2 lost the failure its successful attempt had been counted as…
    EXPECT_TRUE(throttle.attempt("p", "a2").allowed);
    EXPECT_TRUE(throttle.attempt("q", "a2").allowed);
    EXPECT_TRUE(throttle.attempt("r", "a2").allowed);
    EXPECT_FALSE(throttle.attempt("s", "a2").allowed);
    // …and a1 keeps its failures: a success elsewhere does not wipe them.
    EXPECT_FALSE(throttle.attempt("someone", "a1").allowed);
}

TEST(LoginThrottle, ForgetsAfterAQuietPeriod) {
    ManualClock clock;
    auto l = limits(2, seconds(60));
    l.forgetAfter = std::chrono::minutes(10);
    LoginThrottle throttle(clock, l);
    for (int i = 0; i < 5; ++i) {
        if (i > 0) clock.advance(seconds(61));
        EXPECT_TRUE(throttle.attempt("alice", "a").allowed) << i;
    }
    EXPECT_EQ(throttle.attempt("alice", "b").retryAfter, seconds(8)); // 5 failures: 2 free, then 1, 2, 4, 8
    clock.advance(std::chrono::minutes(10));
    EXPECT_TRUE(throttle.attempt("alice", "b").allowed);
    EXPECT_TRUE(throttle.attempt("alice", "a").allowed) << "counting from zero again";
    EXPECT_FALSE(throttle.attempt("alice", "a").allowed);
}

TEST(LoginThrottle, MemoryIsBoundedAndAFloodCannotPushOutAGuessedName) {
    ManualClock clock;
    auto l = limits(1);
    l.maxKeys = 100;
    LoginThrottle throttle(clock, l);
    throttle.attempt("victim", "first");
    for (int i = 0; i < 1000; ++i) {
        clock.advance(std::chrono::milliseconds(10));
        throttle.attempt("victim", "addr-" + std::to_string(i)); // a name guessed all along
        throttle.attempt("n-" + std::to_string(i), "x-" + std::to_string(i));
        EXPECT_LE(throttle.trackedKeys(), 100u);
    }
    // The flood pushed out the quiet "first" address, not the name being guessed (4 failures, the
    // last one 3 s ago) nor the newest.
    EXPECT_FALSE(throttle.attempt("victim", "fresh").allowed);
    EXPECT_TRUE(throttle.attempt("someone", "first").allowed);
    EXPECT_FALSE(throttle.attempt("n-999", "fresh").allowed);
}

} // namespace
} // namespace dps::server
