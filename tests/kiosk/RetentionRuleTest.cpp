// Which old visits may go: the rule alone, on dates (docs/visit-log.md, "Retention").
#include "FakeClock.h"
#include "kiosk/core/visit/Retention.h"

#include <gtest/gtest.h>

using dps::kiosk::AgentReport;
using dps::kiosk::deletableThrough;
using dps::kiosk::parseIsoDate;
using dps::kiosk::RetentionPolicy;
using dps::kiosk::RetentionRule;
using dps::test::kTestDay;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

namespace {
constexpr year_month_day k90DaysAgo{year{2026} / 8 / 25};
const RetentionPolicy kAfterReport{RetentionRule::AfterReport, 90};
const RetentionPolicy kByAge{RetentionRule::ByAge, 90};
} // namespace

TEST(RetentionRule, AfterReportDeletesNothingWithoutAReportHoweverOld) {
    EXPECT_EQ(deletableThrough(kAfterReport, kTestDay, std::nullopt), std::nullopt) << "no agent, or never ran";
    EXPECT_EQ(deletableThrough(kAfterReport, kTestDay, AgentReport{}), std::nullopt)
        << "enrolled, nothing acknowledged";
}

TEST(RetentionRule, AfterReportDeletesWhatTheServerHasOnceOldEnough) {
    // Offline for 200 days: the server has days up to 200 days ago only.
    const year_month_day offline{sys_days(kTestDay) - days(200)};
    EXPECT_EQ(deletableThrough(kAfterReport, kTestDay, AgentReport{offline}), offline);
    // Everything received up to yesterday: the minimum age still holds.
    const year_month_day yesterday{sys_days(kTestDay) - days(1)};
    EXPECT_EQ(deletableThrough(kAfterReport, kTestDay, AgentReport{yesterday}), k90DaysAgo);
}

TEST(RetentionRule, ByAgeDeletesAtTheAgeWhateverTheAgentSays) {
    EXPECT_EQ(deletableThrough(kByAge, kTestDay, std::nullopt), k90DaysAgo);
    EXPECT_EQ(deletableThrough(kByAge, kTestDay, AgentReport{}), k90DaysAgo);
    EXPECT_EQ(deletableThrough({RetentionRule::ByAge, 1}, kTestDay, std::nullopt), (year{2026} / 11 / 22));
}

TEST(RetentionRule, CodesAreTheConfigurationsWords) {
    EXPECT_EQ(code(RetentionRule::AfterReport), "after-report");
    EXPECT_EQ(code(RetentionRule::ByAge), "by-age");
    EXPECT_EQ(dps::kiosk::retentionRuleFromCode("by-age"), RetentionRule::ByAge);
    EXPECT_EQ(dps::kiosk::retentionRuleFromCode("by_age"), std::nullopt);
}

TEST(RetentionRule, OnlyARealDateIsADate) {
    EXPECT_EQ(parseIsoDate("2026-02-28"), (year{2026} / 2 / 28));
    for (const char* bad : {"", "2026-02-29", "2026-13-01", "2026-1-01", "2026/01/01", "20260101xx", "9999-99-99",
                            "2026-01-0a", " 2026-01-01"})
        EXPECT_EQ(parseIsoDate(bad), std::nullopt) << bad;
}
