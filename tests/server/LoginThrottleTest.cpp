// LoginThrottle: free failures, then a doubling delay up to a cap, under keys chosen so that a
// guesser slows the guesser and never the account's owner (issue 17).
#include "server/core/LoginThrottle.h"
#include "dps/core/ManualClock.h"

#include <gtest/gtest.h>

#include <string>

namespace dps::server {
namespace {

using std::chrono::seconds;

LoginThrottleLimits limits(std::int64_t freeFailures = 3, seconds maxDelay = seconds(300),
                           std::int64_t nameFreeFailures = 30) {
    LoginThrottleLimits l;
    l.freeFailures = freeFailures;
    l.nameFreeFailures = nameFreeFailures;
    l.maxDelay = maxDelay;
    return l;
}

LoginAttempt from(std::string_view name, std::string_view address) { return {name, address, std::nullopt}; }
LoginAttempt device(std::string_view name, std::string_view address, std::string_view id) {
    return {name, address, id};
}

TEST(LoginThrottle, FreeFailuresThenADelayThatDoublesUpToTheCap) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3, seconds(10)));
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(throttle.attempt(from("alice", "10.0.0.1")).allowed) << i;
    // After the free failures: 1 s, 2 s, 4 s, 8 s, then 10 s (the cap), 10 s…
    for (const int expected : {1, 2, 4, 8, 10, 10}) {
        const auto refused = throttle.attempt(from("alice", "10.0.0.1"));
        EXPECT_FALSE(refused.allowed);
        EXPECT_EQ(refused.retryAfter, seconds(expected));
        clock.advance(seconds(expected) - std::chrono::milliseconds(1));
        EXPECT_FALSE(throttle.attempt(from("alice", "10.0.0.1")).allowed) << "1 ms early";
        clock.advance(std::chrono::milliseconds(1));
        EXPECT_TRUE(throttle.attempt(from("alice", "10.0.0.1")).allowed) << expected;
    }
}

TEST(LoginThrottle, RetryAfterRoundsUpAndARefusalCountsNothing) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(1));
    EXPECT_TRUE(throttle.attempt(from("bob", "a")).allowed);
    clock.advance(std::chrono::milliseconds(300));
    EXPECT_EQ(throttle.attempt(from("bob", "a")).retryAfter, seconds(1)); // 0.7 s left: 1
    for (int i = 0; i < 20; ++i)
        EXPECT_FALSE(throttle.attempt(from("bob", "a")).allowed);
    clock.advance(std::chrono::milliseconds(700));
    EXPECT_TRUE(throttle.attempt(from("bob", "a")).allowed); // the refusals did not lengthen the wait
    EXPECT_EQ(throttle.attempt(from("bob", "a")).retryAfter, seconds(2));
}

// Issue 17: ten failures from one address gave the owner 429 on every try for minutes.
TEST(LoginThrottle, AGuesserAtOneAddressSlowsOnlyThemselves) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3));
    for (int i = 0; i < 40; ++i) {
        throttle.attempt(from("alice", "198.51.100.9"));
        clock.advance(seconds(1));
    }
    EXPECT_FALSE(throttle.attempt(from("alice", "198.51.100.9")).allowed);
    EXPECT_FALSE(throttle.attempt(from("bob", "198.51.100.9")).allowed) << "the guesser's address is slowed";
    EXPECT_TRUE(throttle.attempt(from("Alice", "203.0.113.5")).allowed) << "the owner elsewhere is not";
    EXPECT_TRUE(throttle.attempt(device("alice", "198.51.100.9", "dev-1")).allowed)
        << "nor the owner's known browser, even behind the guesser's address";
}

TEST(LoginThrottle, ManyAddressesSlowTheNameForUnknownBrowsersOnly) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3, seconds(300), 5));
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(throttle.attempt(from("ALICE", "10.0.0." + std::to_string(i))).allowed) << i;
    // A botnet's five failures, one per address: a browser the account never used now waits…
    const auto fresh = throttle.attempt(from("alice", "203.0.113.5"));
    EXPECT_FALSE(fresh.allowed);
    EXPECT_EQ(fresh.retryAfter, seconds(1));
    // …the owner's known browser does not, however long the guessing goes on.
    for (int i = 0; i < 100; ++i)
        throttle.attempt(from("alice", "10.1.0." + std::to_string(i)));
    EXPECT_TRUE(throttle.attempt(device("alice", "203.0.113.5", "dev-1")).allowed);
    throttle.succeeded(device("alice", "203.0.113.5", "dev-1"));
    EXPECT_TRUE(throttle.attempt(device("alice", "203.0.113.5", "dev-1")).allowed);
    // Another name is not affected.
    EXPECT_TRUE(throttle.attempt(from("bob", "203.0.113.6")).allowed);
}

TEST(LoginThrottle, AKnownDeviceIsThrottledOnItsOwn) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(2, seconds(300), 2));
    EXPECT_TRUE(throttle.attempt(device("alice", "a", "dev-1")).allowed);
    EXPECT_TRUE(throttle.attempt(device("alice", "a", "dev-1")).allowed);
    EXPECT_FALSE(throttle.attempt(device("alice", "a", "dev-1")).allowed) << "a stolen cookie gives one slow key";
    EXPECT_TRUE(throttle.attempt(device("alice", "a", "dev-2")).allowed) << "another device of the account";
    EXPECT_TRUE(throttle.attempt(from("alice", "a")).allowed) << "a device's failures are not the name's";
    EXPECT_TRUE(throttle.attempt(from("carol", "a")).allowed) << "nor the address's";
}

TEST(LoginThrottle, ManyNamesFromOneClientSlowTheClient) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(2));
    EXPECT_TRUE(throttle.attempt(from("carol", "9.9.9.9")).allowed);
    EXPECT_TRUE(throttle.attempt(from("dave", "9.9.9.9")).allowed);
    EXPECT_FALSE(throttle.attempt(from("erin", "9.9.9.9")).allowed);
    EXPECT_TRUE(throttle.attempt(from("erin", "9.9.9.10")).allowed);
}

// Issue 17: a /64 is one client; counting per IPv6 address let one machine rotate through 2^64.
TEST(LoginThrottle, AnIpv6ClientIsItsSlash64) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(2));
    EXPECT_TRUE(throttle.attempt(from("n1", "2001:db8:1:2::1")).allowed);
    EXPECT_TRUE(throttle.attempt(from("n2", "2001:db8:1:2:ffff:0:0:2")).allowed);
    EXPECT_FALSE(throttle.attempt(from("n3", "2001:DB8:1:2::3")).allowed);
    EXPECT_TRUE(throttle.attempt(from("n4", "2001:db8:1:3::1")).allowed) << "another /64";
}

TEST(LoginThrottle, ASuccessResetsTheOwnersCountNotTheSharedOnes) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(3, seconds(300), 4));
    EXPECT_TRUE(throttle.attempt(from("alice", "a1")).allowed);
    EXPECT_TRUE(throttle.attempt(from("alice", "a1")).allowed);
    EXPECT_TRUE(throttle.attempt(from("mallory", "a1")).allowed); // a1: 3 failures, alice: 2
    EXPECT_FALSE(throttle.attempt(from("someone", "a1")).allowed);
    EXPECT_TRUE(throttle.attempt(from("alice", "a2")).allowed); // alice: 3
    throttle.succeeded(from("ALICE", "a2"));                    // alice: 2 again, (alice, a2): 0
    EXPECT_TRUE(throttle.attempt(from("alice", "a3")).allowed); // alice: 3
    EXPECT_TRUE(throttle.attempt(from("alice", "a4")).allowed); // alice: 4
    EXPECT_FALSE(throttle.attempt(from("alice", "a5")).allowed) << "the guesses elsewhere were not wiped out";
    // a2 lost the failure its successful attempt had been counted as; a1 keeps its own.
    for (const char* name : {"p", "q", "r"})
        EXPECT_TRUE(throttle.attempt(from(name, "a2")).allowed) << name;
    EXPECT_FALSE(throttle.attempt(from("s", "a2")).allowed);
    EXPECT_FALSE(throttle.attempt(from("someone", "a1")).allowed);
}

TEST(LoginThrottle, ACancelledAttemptCountsNothing) {
    ManualClock clock;
    LoginThrottle throttle(clock, limits(1, seconds(300), 1));
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(throttle.attempt(from("alice", "a")).allowed) << i;
        throttle.cancelled(from("alice", "a"));
        ASSERT_TRUE(throttle.attempt(device("alice", "a", "d")).allowed) << i;
        throttle.cancelled(device("alice", "a", "d"));
    }
    EXPECT_EQ(throttle.trackedKeys(), 0u);
}

TEST(LoginThrottle, ForgetsAfterAQuietPeriod) {
    ManualClock clock;
    auto l = limits(2, seconds(60));
    l.forgetAfter = std::chrono::minutes(10);
    LoginThrottle throttle(clock, l);
    for (int i = 0; i < 5; ++i) {
        if (i > 0) clock.advance(seconds(61));
        EXPECT_TRUE(throttle.attempt(from("alice", "a")).allowed) << i;
    }
    EXPECT_EQ(throttle.attempt(from("alice", "a")).retryAfter, seconds(8)); // 5 failures: 2 free, then 1, 2, 4, 8
    clock.advance(std::chrono::minutes(10));
    EXPECT_TRUE(throttle.attempt(from("alice", "a")).allowed) << "counting from zero again";
    EXPECT_TRUE(throttle.attempt(from("alice", "a")).allowed);
    EXPECT_FALSE(throttle.attempt(from("alice", "a")).allowed);
}

TEST(LoginThrottle, MemoryIsBoundedAndAFloodCannotPushOutAGuessedName) {
    ManualClock clock;
    auto l = limits(1, seconds(300), 1);
    l.maxKeys = 100;
    LoginThrottle throttle(clock, l);
    throttle.attempt(from("victim", "first"));
    for (int i = 0; i < 1000; ++i) {
        clock.advance(std::chrono::milliseconds(10));
        throttle.attempt(from("victim", "addr-" + std::to_string(i))); // a name guessed all along
        throttle.attempt(from("n-" + std::to_string(i), "x-" + std::to_string(i)));
        EXPECT_LE(throttle.trackedKeys(), 100u);
    }
    // The flood pushed out the quiet "first" address, not the name being guessed nor the newest.
    EXPECT_FALSE(throttle.attempt(from("victim", "fresh")).allowed);
    EXPECT_TRUE(throttle.attempt(from("someone", "first")).allowed);
    EXPECT_FALSE(throttle.attempt(from("n-999", "fresh")).allowed);
}

} // namespace
} // namespace dps::server
