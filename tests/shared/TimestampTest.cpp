#include "dps/core/Timestamp.h"

#include <gtest/gtest.h>

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

TEST(Timestamp, FormatsUtcAsIso8601) {
    const dps::WallTime t = sys_days{year{2026} / 3 / 9} + hours{7} + minutes{5} + seconds{3} + milliseconds{900};
    EXPECT_EQ(dps::toIsoUtc(t), "2026-03-09T07:05:03Z");
}

TEST(Timestamp, ParsesWhatItFormats) {
    const dps::WallTime t = sys_days{year{2031} / 12 / 31} + hours{23} + minutes{59} + seconds{59};
    EXPECT_EQ(dps::fromIsoUtc(dps::toIsoUtc(t)), t);
}

TEST(Timestamp, RejectsMalformedText) {
    EXPECT_FALSE(dps::fromIsoUtc("2026-02-30T00:00:00Z"));
    EXPECT_FALSE(dps::fromIsoUtc("2026-01-01 00:00:00"));
    EXPECT_FALSE(dps::fromIsoUtc("2026-01-01T00:00:00Zjunk"));
    EXPECT_FALSE(dps::fromIsoUtc(""));
}
