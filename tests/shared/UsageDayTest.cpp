// The agent's day records: every counter of docs/protocol.md from visits given by hand.
#include "dps/protocol/UsageDay.h"

#include <gtest/gtest.h>

using dps::protocol::addEquipmentReport;
using dps::protocol::addVisit;
using dps::protocol::Counts;
using dps::protocol::FreeUseCounts;
using dps::protocol::FreeUseRow;
using dps::protocol::lengthBucket;
using dps::protocol::TutorialCounts;
using dps::protocol::UsageDay;
using dps::protocol::VisitRow;
using std::chrono::day;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

VisitRow freeVisit(seconds length, std::string language = "fr") {
    VisitRow v;
    v.localDate = "2026-11-23";
    v.language = std::move(language);
    v.length = length;
    v.endReason = "finished";
    return v;
}

UsageDay dayOf23November() {
    UsageDay day;
    day.date = "2026-11-23";
    return day;
}

} // namespace

TEST(UsageDay, LengthBucketsHaveTheirLowerEdgeIncluded) {
    EXPECT_EQ(lengthBucket(seconds(0)), "lt5");
    EXPECT_EQ(lengthBucket(minutes(5) - seconds(1)), "lt5");
    EXPECT_EQ(lengthBucket(minutes(5)), "5-15");
    EXPECT_EQ(lengthBucket(minutes(15)), "15-30");
    EXPECT_EQ(lengthBucket(minutes(30)), "30-60");
    EXPECT_EQ(lengthBucket(minutes(59) + seconds(59)), "30-60");
    EXPECT_EQ(lengthBucket(hours(1)), "ge60");
}

TEST(UsageDay, EachAttributeIsCountedOnItsOwn) {
    UsageDay day = dayOf23November();
    VisitRow group = freeVisit(minutes(50), "nl");
    group.mode = "guided_group";
    group.groupSize = 6;
    group.endReason = "facilitator_ended";
    group.purposes = {"learning", "job_search"};
    group.audiences = {"seniors"};
    group.autonomy = "some_help";
    group.referral = "cpas";
    group.events = {{"tutorial_started", "mouse-basics", ""},
                    {"step_reached", "mouse-basics", ""},
                    {"tutorial_completed", "mouse-basics", ""},
                    {"tutorial_started", "keyboard-basics", ""},
                    {"tutorial_abandoned", "keyboard-basics", ""}};
    VisitRow alone = freeVisit(minutes(3) + seconds(20));
    alone.cameFor = "eid_help";
    alone.helped = "yes";
    alone.events = {{"eid_check", "", "card_expired"}, {"eid_pin_test", "", "pin_right"}};
    VisitRow idle = freeVisit(minutes(12));
    idle.endReason = "idle_timeout";
    for (const auto& v : {group, alone, idle})
        addVisit(day, v);

    EXPECT_EQ(day.visits, 3);
    EXPECT_EQ(day.byMode, (Counts{{"free", 2}, {"guided_group", 1}}));
    EXPECT_EQ(day.groupParticipants, 6);
    EXPECT_EQ(day.minutes(), 65) << "50 + 3:20 + 12 = 65:20, rounded once";
    EXPECT_EQ(day.length, (Counts{{"30-60", 1}, {"lt5", 1}, {"5-15", 1}}));
    EXPECT_EQ(day.byLanguage, (Counts{{"fr", 2}, {"nl", 1}}));
    EXPECT_EQ(day.byPurpose, (Counts{{"learning", 1}, {"job_search", 1}}));
    EXPECT_EQ(day.byAudience, (Counts{{"seniors", 1}}));
    EXPECT_EQ(day.tutorials.at("mouse-basics"), (TutorialCounts{1, 1, 0}));
    EXPECT_EQ(day.tutorials.at("keyboard-basics"), (TutorialCounts{1, 0, 1}));
    EXPECT_EQ(day.eidChecks, (Counts{{"card_expired", 1}}));
    EXPECT_EQ(day.pinTests, (Counts{{"pin_right", 1}}));
    EXPECT_EQ(day.cameFor, (Counts{{"eid_help", 1}}));
    EXPECT_EQ(day.helped, (Counts{{"yes", 1}}));
    EXPECT_EQ(day.autonomy, (Counts{{"some_help", 1}}));
    EXPECT_EQ(day.referral, (Counts{{"cpas", 1}}));
    EXPECT_EQ(day.byEndReason, (Counts{{"finished", 1}, {"facilitator_ended", 1}, {"idle_timeout", 1}}));
}

TEST(UsageDay, SkippedAnswersAndStepsCountNowhere) {
    UsageDay day = dayOf23November();
    VisitRow v = freeVisit(minutes(1));
    v.events = {{"step_reached", "mouse-basics", ""}, {"equipment_reported", "", "printer:not_working"}};
    addVisit(day, v);
    EXPECT_TRUE(day.cameFor.empty());
    EXPECT_TRUE(day.helped.empty());
    EXPECT_TRUE(day.tutorials.empty());
    EXPECT_TRUE(day.equipmentProblems.empty()) << "equipment comes from equipment_reports, once";
}

TEST(UsageDay, ARepairIsNotAProblem) {
    UsageDay day = dayOf23November();
    addEquipmentReport(day, "printer", "not_working");
    addEquipmentReport(day, "printer", "works_badly");
    addEquipmentReport(day, "printer", "repaired");
    addEquipmentReport(day, "network", "missing");
    EXPECT_EQ(day.equipmentProblems, (Counts{{"printer", 2}, {"network", 1}}));
}

TEST(UsageDay, AClockSetBackTakesNoMinutesAway) {
    UsageDay day = dayOf23November();
    addVisit(day, freeVisit(minutes(10)));
    addVisit(day, freeVisit(seconds(-300)));
    EXPECT_EQ(day.minutes(), 10);
    EXPECT_EQ(day.length.at("lt5"), 1);
}

// Issue 20: a visit's free-use session adds to the day's free_use sums; a visit without one adds
// nothing there (it still counts as a visit, as before).
TEST(UsageDay, FreeUseSessionsAreAddedUpOnTheirOwn) {
    UsageDay day = dayOf23November();
    VisitRow browsed = freeVisit(minutes(31));
    browsed.freeUse = FreeUseRow{30, 4, true, false};
    VisitRow printed = freeVisit(minutes(9));
    printed.freeUse = FreeUseRow{8, 2, false, true};
    VisitRow tutorial = freeVisit(minutes(20));
    VisitRow damaged = freeVisit(minutes(1));
    damaged.freeUse = FreeUseRow{-5, -1, false, false};
    for (const auto& v : {browsed, printed, tutorial, damaged})
        addVisit(day, v);
    EXPECT_EQ(day.visits, 4);
    EXPECT_EQ(day.freeUse, (FreeUseCounts{3, 38, 6, 1, 1})) << "a damaged row's negative figures take nothing";
}
