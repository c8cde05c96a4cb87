// Opening hours as facilitators write them in kiosk.toml, and what the kiosk makes of a moment.
#include "kiosk/core/hours/OpeningHours.h"

#include <gtest/gtest.h>

using dps::LocalTime;
using dps::kiosk::OpeningHours;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::Tuesday;
using std::chrono::Wednesday;
using std::chrono::weekday;
using std::chrono::year;

namespace {

// Monday 23 November 2026 at hh:mm.
LocalTime monday(int h, int m) { return {year{2026} / 11 / 23, Monday, minutes(h * 60 + m)}; }
LocalTime on(weekday d, int h, int m) { return {year{2026} / 11 / 23, d, minutes(h * 60 + m)}; }

const OpeningHours kWeek = *OpeningHours::parse(
    {"09:00-12:30, 13:30-17:00", "", "13:30-19:00", "09:00-12:30, 13:30-17:00", "09:00-12:30", "10:00-13:00", ""});

} // namespace

TEST(OpeningHours, NotConfiguredIsAlwaysOpen) {
    const OpeningHours always;
    EXPECT_TRUE(always.alwaysOpen());
    EXPECT_TRUE(always.isOpen(monday(3, 0)));
    EXPECT_FALSE(always.untilClosing(monday(3, 0)));
    EXPECT_FALSE(always.untilNextChange(monday(3, 0)));
}

TEST(OpeningHours, OpenInsideAPeriodClosedAtLunchAndOnEmptyDays) {
    EXPECT_FALSE(kWeek.isOpen(monday(8, 59)));
    EXPECT_TRUE(kWeek.isOpen(monday(9, 0)));
    EXPECT_EQ(kWeek.untilClosing(monday(12, 20)), minutes(10));
    EXPECT_FALSE(kWeek.isOpen(monday(12, 30))) << "the end minute is closed";
    EXPECT_FALSE(kWeek.isOpen(monday(13, 0)));
    EXPECT_TRUE(kWeek.isOpen(monday(16, 59)));
    EXPECT_FALSE(kWeek.isOpen(on(Tuesday, 11, 0)));
    EXPECT_TRUE(kWeek.isOpen(on(Wednesday, 18, 30)));
    EXPECT_FALSE(kWeek.isOpen(on(Sunday, 11, 0)));
}

TEST(OpeningHours, TheNextChangeIsTheNextOpeningOrClosingAcrossDays) {
    EXPECT_EQ(kWeek.untilNextChange(monday(8, 0)), minutes(60));
    EXPECT_EQ(kWeek.untilNextChange(monday(12, 0)), minutes(30));
    EXPECT_EQ(kWeek.untilNextChange(monday(12, 30)), minutes(60)) << "closed for lunch until 13:30";
    // Monday 17:00 → Wednesday 13:30 (Tuesday is closed).
    EXPECT_EQ(kWeek.untilNextChange(monday(17, 0)), minutes(7 * 60 + 24 * 60 + 13 * 60 + 30));
    // Saturday 13:00 → Monday 09:00 (Sunday is closed).
    EXPECT_EQ(kWeek.untilNextChange(on(Saturday, 13, 0)), minutes(11 * 60 + 24 * 60 + 9 * 60));
}

TEST(OpeningHours, WrongTextsSayWhatIsWrong) {
    EXPECT_EQ(OpeningHours::checkDay(""), "");
    EXPECT_EQ(OpeningHours::checkDay("09:00-12:30, 13:30-24:00"), "");
    EXPECT_EQ(OpeningHours::checkDay("9-12"), "\"9-12\" is not a period like 09:00-12:30");
    EXPECT_EQ(OpeningHours::checkDay("12:00-09:00"), "\"12:00-09:00\" ends before it starts");
    EXPECT_EQ(OpeningHours::checkDay("09:00-12:00, 11:00-13:00"),
              "\"11:00-13:00\" starts before the previous period ends");
    EXPECT_EQ(OpeningHours::checkDay("09:60-10:00"), "\"09:60-10:00\" is not a period like 09:00-12:30");
    std::string problem;
    EXPECT_FALSE(OpeningHours::parse({"", "25:00-26:00", "", "", "", "", ""}, &problem));
    EXPECT_EQ(problem, "\"25:00-26:00\" is not a period like 09:00-12:30");
}

TEST(LocalTimes, AFixedOffsetShiftsTheDayAndTheTime) {
    const dps::WallTime t = sys_days{year{2026} / 11 / 23} + hours(23) + minutes(30);
    const auto brussels = dps::localTimeAt(t, hours(1));
    EXPECT_EQ(brussels.date, year{2026} / 11 / 24);
    EXPECT_EQ(brussels.weekday, Tuesday);
    EXPECT_EQ(brussels.sinceMidnight, minutes(30));
    EXPECT_EQ(dps::isoDate(brussels.date), "2026-11-24");
}
