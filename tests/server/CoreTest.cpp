// dps-server's core rules on their own: token buckets on a manual clock, the enrollment code's
// format, which record wins, the DPS CSV and listen addresses.
#include "core/DpsCsv.h"
#include "core/EnrollmentCode.h"
#include "core/ListenAddress.h"
#include "core/RateLimiter.h"
#include "core/RecordFate.h"
#include "dps/core/ManualClock.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace dps::server {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, ABurstThenOneEveryFewSeconds) {
    ManualClock clock;
    RateLimiter limiter(clock, 6); // a burst of 6, then one every 10 s
    for (int i = 0; i < 6; ++i)
        EXPECT_TRUE(limiter.take("T-1").allowed) << i;
    auto refused = limiter.take("T-1");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryAfter, 10s);
    clock.advance(4s);
    EXPECT_EQ(limiter.take("T-1").retryAfter, 6s);
    clock.advance(6s);
    EXPECT_TRUE(limiter.take("T-1").allowed);
    EXPECT_FALSE(limiter.take("T-1").allowed);
    EXPECT_TRUE(limiter.take("T-2").allowed); // each key its own bucket
    clock.advance(1h);                        // never more than the burst
    for (int i = 0; i < 6; ++i)
        EXPECT_TRUE(limiter.take("T-1").allowed);
    EXPECT_FALSE(limiter.take("T-1").allowed);
}

TEST(RateLimiter, RetryAfterIsAtLeastOneSecond) {
    ManualClock clock;
    RateLimiter limiter(clock, 6000);
    for (int i = 0; i < 6000; ++i)
        ASSERT_TRUE(limiter.take("a").allowed);
    EXPECT_EQ(limiter.take("a").retryAfter, 1s);
}

TEST(EnrollmentCode, EightyBitsInFourGroups) {
    std::array<std::uint8_t, kEnrollmentCodeBytes> zero{}, ones{};
    ones.fill(0xff);
    EXPECT_EQ(formatEnrollmentCode(zero), "0000-0000-0000-0000");
    EXPECT_EQ(formatEnrollmentCode(ones), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    std::array<std::uint8_t, kEnrollmentCodeBytes> bytes{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x10, 0x32};
    const std::string code = formatEnrollmentCode(bytes);
    EXPECT_EQ(code.size(), 19u);
    EXPECT_EQ(code.find_first_of("ILOU"), std::string::npos);
    // Every bit counts: flipping any one gives another code.
    std::set<std::string> seen{code};
    for (std::size_t i = 0; i < bytes.size() * 8; ++i) {
        auto flipped = bytes;
        flipped[i / 8] = static_cast<std::uint8_t>(flipped[i / 8] ^ (1u << (i % 8)));
        EXPECT_TRUE(seen.insert(formatEnrollmentCode(flipped)).second) << i;
    }
}

TEST(EnrollmentCode, TypingIsForgiving) {
    EXPECT_EQ(normaliseEnrollmentCode("K7QM-3XPD-R2VA-9HTE"), "K7QM3XPDR2VA9HTE");
    EXPECT_EQ(normaliseEnrollmentCode("k7qm 3xpd r2va 9hte"), "K7QM3XPDR2VA9HTE");
    EXPECT_EQ(normaliseEnrollmentCode("OIL0-0000-0000-0000"), "0110000000000000");
    EXPECT_FALSE(normaliseEnrollmentCode("K7QM-3XPD-R2VA-9HT"));   // too short
    EXPECT_FALSE(normaliseEnrollmentCode("K7QM-3XPD-R2VA-9HTEE")); // too long
    EXPECT_FALSE(normaliseEnrollmentCode("U7QM-3XPD-R2VA-9HTE"));  // U is not in the alphabet
    EXPECT_FALSE(normaliseEnrollmentCode(""));
    EXPECT_FALSE(normaliseEnrollmentCode(std::string(1000, '-')));
}

TEST(RecordFate, TheHighestRevWins) {
    EXPECT_EQ(recordFate(std::nullopt, 1), RecordFate::Insert);
    EXPECT_EQ(recordFate(3, 4), RecordFate::Replace);
    EXPECT_EQ(recordFate(3, 3), RecordFate::Ignore);
    EXPECT_EQ(recordFate(3, 2), RecordFate::Ignore);
}

TEST(DpsCsv, QuotedFieldsAndBlankLines) {
    const auto parsed = parseDpsCsv("\xEF\xBB\xBFname,street,postcode,municipality\r\n"
                                    "\"DPS \"\"Le Lien\"\"\",\"Rue A 1, bte 2\",1000,Brussels\r\n\r\n"
                                    "B,Rue B 2,1030,Schaerbeek\n");
    ASSERT_TRUE(std::holds_alternative<std::vector<DpsRow>>(parsed));
    const auto& rows = std::get<std::vector<DpsRow>>(parsed);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (DpsRow{"DPS \"Le Lien\"", "Rue A 1, bte 2", "1000", "Brussels"}));
    EXPECT_EQ(rows[1].municipality, "Schaerbeek");
}

TEST(DpsCsv, ErrorsSayTheLine) {
    auto line = [](std::string_view text) { return std::get<CsvError>(parseDpsCsv(text)).line; };
    EXPECT_EQ(line(""), 1);
    EXPECT_EQ(line("name,street\n"), 1);
    EXPECT_EQ(line("name,street,postcode,municipality\nA,B,C,D\nA,B,C\n"), 3);
    EXPECT_EQ(line("name,street,postcode,municipality\n,B,C,D\n"), 2);
    EXPECT_EQ(line("name,street,postcode,municipality\n\"A,B,C,D\n"), 2);
}

TEST(ListenAddress, HostAndPort) {
    EXPECT_EQ(parseListenAddress("127.0.0.1:8080")->port, 8080);
    EXPECT_EQ(parseListenAddress("[::1]:0")->host, "::1");
    EXPECT_EQ(parseListenAddress("0.0.0.0:0")->port, 0);
    for (const auto bad : {"8080", ":80", "host:", "host:65536", "host:-1", "::1:80", "host:8o"})
        EXPECT_FALSE(parseListenAddress(bad)) << bad;
}

// Only what no other machine can reach counts as loopback (issue 17: dps-server alone must not
// face the Internet, so any other address needs http.listen_beyond_loopback).
TEST(ListenAddress, LoopbackHosts) {
    for (const auto host : {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "::ffff:127.0.0.1", "localhost"})
        EXPECT_TRUE(isLoopbackHost(host)) << host;
    for (const auto host : {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "126.255.255.255", "::ffff:10.0.0.1", "::2",
                            "dps.example.brussels", "localhost.example", "", "127.0.0.1 "})
        EXPECT_FALSE(isLoopbackHost(host)) << host;
}

} // namespace
} // namespace dps::server
