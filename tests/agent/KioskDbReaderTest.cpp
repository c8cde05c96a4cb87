// The agent reads a real kiosk.db, written by the kiosk's own adapters, into usage days.
#include "agent/store/KioskDbReader.h"
#include "BrusselsWinterDate.h"
#include "FakeClock.h"
#include "TempDir.h"
#include "dps/storage/Migrations.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gtest/gtest.h>

using dps::agent::KioskDbReader;
using dps::kiosk::EndReason;
using dps::kiosk::VisitEvent;
using dps::protocol::Counts;
using dps::protocol::FreeUseCounts;
using dps::protocol::TutorialCounts;
using dps::protocol::UsageDay;
using dps::test::brusselsWinterDate;
using dps::test::kTestMorning;
using std::chrono::day;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

TEST(KioskDbReader, ADayIsItsClosedVisitsAndItsEquipmentReports) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteVisitLog log(db);
    dps::kiosk::SqliteTerminalLog terminal(db);

    const auto group = log.open(kTestMorning, "2026-11-23", "nl");
    dps::kiosk::GuidedVisit session;
    session.group = true;
    session.groupSize = 6;
    session.purposes = {dps::kiosk::Purpose::Learning};
    session.consent = true;
    session.audiences = {dps::kiosk::Audience::Seniors};
    ASSERT_TRUE(log.guide(*group, session));
    log.event(*group, kTestMorning + minutes(1),
              VisitEvent{VisitEvent::Kind::TutorialStarted, "mouse-basics", 3, 1, {}});
    log.event(*group, kTestMorning + minutes(9),
              VisitEvent{VisitEvent::Kind::TutorialCompleted, "mouse-basics", 3, 8, {}});
    log.outcome(*group, {dps::kiosk::Autonomy::Alone, dps::kiosk::Referral::Cpas, {}, {}});
    log.close(*group, kTestMorning + minutes(40), EndReason::FacilitatorEnded);

    const auto alone = log.open(kTestMorning + hours(1), "2026-11-23", "fr");
    log.event(*alone, kTestMorning + hours(1), VisitEvent{VisitEvent::Kind::EidCheckOutcome, {}, 0, 0, "card_valid"});
    log.close(*alone, kTestMorning + hours(1) + minutes(4), EndReason::IdleTimeout);

    const auto open = log.open(kTestMorning + hours(3), "2026-11-23", "en"); // still under way
    ASSERT_TRUE(open);
    const auto nextDay = log.open(kTestMorning + hours(24), "2026-11-24", "fr");
    log.close(*nextDay, kTestMorning + hours(25), EndReason::Finished);

    using dps::kiosk::Equipment;
    using dps::kiosk::EquipmentState;
    terminal.equipment(kTestMorning, "Amina", Equipment::Printer, EquipmentState::NotWorking);
    // 23:30 UTC on the 23rd is already the 24th in Brussels.
    terminal.equipment(kTestMorning + hours(14) + minutes(30), "Amina", Equipment::Mouse, EquipmentState::Missing);

    KioskDbReader reader(db, brusselsWinterDate);
    const UsageDay day = reader.day("2026-11-23");
    EXPECT_EQ(day.visits, 2) << "the open visit waits until it closes";
    EXPECT_EQ(day.byMode, (Counts{{"free", 1}, {"guided_group", 1}}));
    EXPECT_EQ(day.groupParticipants, 6);
    EXPECT_EQ(day.minutes(), 44);
    EXPECT_EQ(day.byLanguage, (Counts{{"fr", 1}, {"nl", 1}}));
    EXPECT_EQ(day.byPurpose, (Counts{{"learning", 1}}));
    EXPECT_EQ(day.byAudience, (Counts{{"seniors", 1}}));
    EXPECT_EQ(day.tutorials.at("mouse-basics"), (TutorialCounts{1, 1, 0}));
    EXPECT_EQ(day.eidChecks, (Counts{{"card_valid", 1}}));
    EXPECT_EQ(day.autonomy, (Counts{{"alone", 1}}));
    EXPECT_EQ(day.referral, (Counts{{"cpas", 1}}));
    EXPECT_EQ(day.byEndReason, (Counts{{"facilitator_ended", 1}, {"idle_timeout", 1}}));
    EXPECT_EQ(day.equipmentProblems, (Counts{{"printer", 1}}));
    EXPECT_TRUE(reader.hasOpenVisit("2026-11-23"));

    const UsageDay next = reader.day("2026-11-24");
    EXPECT_EQ(next.visits, 1);
    EXPECT_EQ(next.equipmentProblems, (Counts{{"mouse", 1}}));
    EXPECT_FALSE(reader.hasOpenVisit("2026-11-24"));
}

// Issue 20: the free-use sessions the kiosk keeps in kiosk.db (step 8) reach the day's free_use
// sums; a session still running (its visit open) waits with its visit.
TEST(KioskDbReader, FreeUseSessionsOfClosedVisitsAreAddedUp) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteVisitLog log(db);
    using dps::kiosk::FreeUseEnd;
    using dps::kiosk::FreeUseRecord;
    const auto session = [&](dps::WallTime start, FreeUseRecord r, bool close) {
        const auto id = log.open(start, "2026-11-23", "fr");
        ASSERT_TRUE(id);
        ASSERT_TRUE(log.freeUse(*id, FreeUseRecord{}));
        ASSERT_TRUE(log.freeUse(*id, r));
        if (close) {
            ASSERT_TRUE(log.close(*id, start + minutes(r.minutes + 1), EndReason::Finished));
        }
    };
    session(kTestMorning, {23, FreeUseEnd::Finished, 4, false, true}, true);
    session(kTestMorning + hours(1), {45, FreeUseEnd::TimeUp, 0, true, true}, true);
    session(kTestMorning + hours(2), {10, FreeUseEnd::Finished, 9, true, false}, false); // still open
    const auto plain = log.open(kTestMorning + hours(3), "2026-11-23", "nl");
    log.close(*plain, kTestMorning + hours(3) + minutes(5), EndReason::Finished);

    KioskDbReader reader(db, brusselsWinterDate);
    const UsageDay day = reader.day("2026-11-23");
    EXPECT_EQ(day.visits, 3);
    EXPECT_EQ(day.freeUse, (FreeUseCounts{2, 68, 4, 2, 1}));
}

// A kiosk.db of a kiosk before issue 20 (seven steps, no free-use columns) still reads.
TEST(KioskDbReader, AKioskDbWithoutFreeUseColumnsReadsAsDaysWithoutFreeUse) {
    dps::test::TempDir dir;
    auto db = dps::storage::Database::open(dir / "kiosk.db", {});
    dps::storage::migrate(db, dps::kiosk::kioskSchemaSteps().first(7), "dps-kiosk");
    db.exec("INSERT INTO visits (started_at, ended_at, language, end_reason, local_date) "
            "VALUES ('2026-11-23T10:00:00Z', '2026-11-23T10:20:00Z', 'fr', 'finished', '2026-11-23')");
    KioskDbReader reader(db, brusselsWinterDate);
    const UsageDay day = reader.day("2026-11-23");
    EXPECT_EQ(day.visits, 1);
    EXPECT_EQ(day.minutes(), 20);
    EXPECT_EQ(day.freeUse, FreeUseCounts{});
}
