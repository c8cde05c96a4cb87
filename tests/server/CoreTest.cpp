// dps-server's core rules on their own: token buckets on a manual clock, the enrollment code's
// format, which record wins, the DPS CSV and listen addresses; and issue 17's: export ranges, CSV
// fields, local paths, client keys, bounded concurrency, the log's limit and Brussels days.
#include "dps/core/ManualClock.h"
#include "dps/core/Timestamp.h"
#include "server/core/BrusselsTime.h"
#include "server/core/ClientKey.h"
#include "server/core/ConcurrencyLimit.h"
#include "server/core/CsvField.h"
#include "server/core/DpsCsv.h"
#include "server/core/EnrollmentCode.h"
#include "server/core/ExportRange.h"
#include "server/core/ListenAddress.h"
#include "server/core/LocalPath.h"
#include "server/core/LogLimiter.h"
#include "server/core/RateLimiter.h"
#include "server/core/RecordFate.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <vector>

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

// A bucket counting bytes: each take says what it costs (issue 17, the inventories' bytes).
TEST(RateLimiter, CostsOtherThanOne) {
    ManualClock clock;
    RateLimiter bytes(clock, 1000.0, 10.0); // 1000 at once, then 10 a second
    EXPECT_TRUE(bytes.take("T-1", 600).allowed);
    const auto refused = bytes.take("T-1", 600);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryAfter, 20s); // 200 short at 10 a second
    EXPECT_TRUE(bytes.take("T-1", 400).allowed) << "a refusal takes nothing";
    clock.advance(50s);
    EXPECT_FALSE(bytes.take("T-1", 5000).allowed) << "more than the bucket waits for a full one";
    clock.advance(50s);
    EXPECT_TRUE(bytes.take("T-1", 5000).allowed);
    EXPECT_FALSE(bytes.take("T-1", 1).allowed);
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

// Issue 17: from=0000-01&to=9999-12 built 237 MB; to=0000-01 was a 500; to=0000-05 wrote 0000--6.
TEST(ExportRange, BoundedAndValidatedWithAMessage) {
    // The range as "from..to", or what is wrong: "kind field from to months".
    const auto ok = [](std::string_view from, std::string_view to) -> std::string {
        const auto r = exportMonths(from, to, "2026-11");
        if (const auto* m = std::get_if<ExportMonths>(&r)) return m->from + ".." + m->to;
        const auto& p = std::get<ExportRangeProblem>(r);
        const char* kind = p.kind == ExportRangeProblem::Kind::NotAMonth     ? "not-a-month"
                           : p.kind == ExportRangeProblem::Kind::FromAfterTo ? "from-after-to"
                                                                             : "too-long";
        return fmt::format("{} {} {} {} {}", kind, p.field, p.from, p.to, p.months);
    };
    EXPECT_EQ(ok("", ""), "2025-12..2026-11");
    EXPECT_EQ(ok("", "2026-03"), "2025-04..2026-03");
    EXPECT_EQ(ok("", "2000-05"), "2000-01..2000-05");
    EXPECT_EQ(ok("2017-12", "2027-11"), "2017-12..2027-11"); // 120 months
    EXPECT_EQ(ok("2017-11", "2027-11"), "too-long  2017-11 2027-11 121");
    EXPECT_EQ(ok("2026-05", "2025-01"), "from-after-to  2026-05 2025-01 0");
    for (const auto bad : {"0000-01", "0000-05", "9999-12", "1999-12", "3000-01", "2026-13", "2026-00", "2026-1",
                           "2026-011", "20261-01", "2026/01", "-026-01", "2026-0a"})
        EXPECT_EQ(ok("", bad), "not-a-month to   0") << bad;
    EXPECT_EQ(ok("0000-01", "9999-12"), "not-a-month from   0") << "both wrong: the first is named";
    EXPECT_EQ(ok("2026-01", "9999-12"), "not-a-month to   0");
    EXPECT_EQ(ok("0000-01", "2026-01"), "not-a-month from   0");
}

// Issue 17: monthly-dps.csv and monthly-municipality.csv wrote names as they are.
TEST(CsvField, QuotedAndNeverAFormula) {
    const auto field = [](std::string_view v) {
        std::string out;
        appendCsvField(out, v);
        return out;
    };
    EXPECT_EQ(field("DPS Bravvo"), "DPS Bravvo");
    EXPECT_EQ(field("Rue A 1, bte 2"), "\"Rue A 1, bte 2\"");
    EXPECT_EQ(field("DPS \"Le Lien\""), "\"DPS \"\"Le Lien\"\"\"");
    EXPECT_EQ(field("a\r\nb"), "\"a\r\nb\"");
    // OWASP's list of a formula's first characters: = + - @ tab and carriage return.
    EXPECT_EQ(field("=1+1"), "'=1+1");
    EXPECT_EQ(field("+32 2 123"), "'+32 2 123");
    EXPECT_EQ(field("-Anderlecht"), "'-Anderlecht");
    EXPECT_EQ(field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(field("\tx"), "'\tx");
    EXPECT_EQ(field("\rx"), "\"'\rx\"");
    EXPECT_EQ(field("=HYPERLINK(\"http://evil.example\",\"x\")"),
              "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    EXPECT_EQ(field("a=b"), "a=b");
    EXPECT_EQ(field(""), "");
}

// Issue 17: next=/%09/evil.example/ gave Location: /\t/evil.example/, which browsers read as
// //evil.example/.
TEST(LocalPath, OnlyPlainPathsOfThisSite) {
    for (const auto good : {"/", "/dps/3", "/report?year=2026&dps=3", "/tutorials#top", "/a%20b", "/~x/:@!$&'()*+,;="})
        EXPECT_EQ(localPathOrHome(good), good) << good;
    for (const std::string& bad : std::vector<std::string>{
             "", "dps/3", "//evil.example/", "/\\evil.example/", "\\/evil.example", "/\t/evil.example/",
             "/\n/evil.example/", "/\r/evil.example/", std::string("/\0/evil.example/", 16), "/\x0b/x", "/\x7f/x",
             " /evil.example", "/ /evil.example", "/\xc2\xa0/evil.example", "https://evil.example/", "/\t",
             "/" + std::string(2048, 'a')})
        EXPECT_EQ(localPathOrHome(bad), "/") << bad;
}

TEST(ClientKey, AnIpv6ClientIsItsSlash64) {
    EXPECT_EQ(clientKey("203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(clientKey("2001:db8:1:2:a:b:c:d"), "2001:db8:1:2::/64");
    EXPECT_EQ(clientKey("2001:DB8:1:2::1"), "2001:db8:1:2::/64");
    EXPECT_EQ(clientKey("2001:db8::"), "2001:db8:0:0::/64");
    EXPECT_EQ(clientKey("::1"), "0:0:0:0::/64");
    EXPECT_EQ(clientKey("::ffff:203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(clientKey("fe80::1%eth0"), "fe80::1%eth0") << "not an address: its own key";
    EXPECT_EQ(clientKey("unknown"), "unknown");
    EXPECT_EQ(clientKey(std::string(100, ':')).size(), 64u);
}

TEST(ConcurrencyLimit, NoMoreThanTheLimitAtOnce) {
    ConcurrencyLimit limit(2);
    auto a = limit.tryTake();
    auto b = limit.tryTake();
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(limit.tryTake());
    EXPECT_EQ(limit.inUse(), 2u);
    a.reset();
    auto c = limit.tryTake();
    EXPECT_TRUE(c);
    EXPECT_FALSE(limit.tryTake());
    b.reset();
    c.reset();
    EXPECT_EQ(limit.inUse(), 0u);
    EXPECT_EQ(ConcurrencyLimit(0).limit(), 1u) << "at least one, or no login could ever be checked";
}

TEST(LogLimiter, AFewLinesAMinuteThenHowManyWereLeftOut) {
    ManualClock clock;
    LogLimiter log(clock, 3);
    for (int i = 0; i < 3; ++i) {
        const auto a = log.admit();
        EXPECT_TRUE(a.write);
        EXPECT_EQ(a.leftOut, 0);
    }
    for (int i = 0; i < 1000; ++i)
        EXPECT_FALSE(log.admit().write);
    clock.advance(59s);
    EXPECT_FALSE(log.admit().write);
    clock.advance(1s);
    const auto next = log.admit();
    EXPECT_TRUE(next.write);
    EXPECT_EQ(next.leftOut, 1001);
    EXPECT_EQ(log.admit().leftOut, 0);
}

TEST(BrusselsTime, SummerTimeFromTheLastSundayOfMarchToTheLastOfOctober) {
    const auto at = [](const char* iso) { return *fromIsoUtc(iso); };
    // 2026: 29 March and 25 October, at 01:00 UTC (tzdata's Europe/Brussels).
    EXPECT_EQ(brusselsUtcOffset(at("2026-03-29T00:59:59Z")), 60min);
    EXPECT_EQ(brusselsUtcOffset(at("2026-03-29T01:00:00Z")), 120min);
    EXPECT_EQ(brusselsUtcOffset(at("2026-10-25T00:59:59Z")), 120min);
    EXPECT_EQ(brusselsUtcOffset(at("2026-10-25T01:00:00Z")), 60min);
    EXPECT_EQ(brusselsUtcOffset(at("2027-03-28T01:00:00Z")), 120min);
    EXPECT_EQ(brusselsUtcOffset(at("2026-01-15T12:00:00Z")), 60min);
}

// Issue 17: a record for 2099-12-31 was applied and shown in /report?year=2099.
TEST(BrusselsTime, TheLatestDayIsTheTerminalsTomorrow) {
    const auto at = [](const char* iso) { return *fromIsoUtc(iso); };
    EXPECT_EQ(latestUsageDay(at("2026-11-30T12:00:00Z")), "2026-12-01");
    // 23:30 UTC is already the next day in Brussels (00:30 in winter, 01:30 in summer).
    EXPECT_EQ(latestUsageDay(at("2026-11-30T23:30:00Z")), "2026-12-02");
    EXPECT_EQ(latestUsageDay(at("2026-06-30T21:59:00Z")), "2026-07-01");
    EXPECT_EQ(latestUsageDay(at("2026-06-30T22:00:00Z")), "2026-07-02");
    EXPECT_EQ(latestUsageDay(at("2026-12-31T12:00:00Z")), "2027-01-01");
    EXPECT_EQ(latestUsageDay(at("2028-02-28T12:00:00Z")), "2028-02-29");
}

} // namespace
} // namespace dps::server
