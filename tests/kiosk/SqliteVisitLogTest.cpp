// The visit log on a real kiosk.db.
#include "kiosk/adapters/store/SqliteVisitLog.h"
#include "FakeClock.h"
#include "TempDir.h"
#include "dps/core/Timestamp.h"
#include "kiosk/adapters/store/KioskDatabase.h"

#include <gtest/gtest.h>

using dps::kiosk::EndReason;
using dps::kiosk::SqliteVisitLog;
using dps::test::kTestMorning;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

struct Row {
    std::string started, ended, language, reason;
};

std::vector<Row> rows(dps::storage::Database& db) {
    auto st = db.prepare("SELECT started_at, coalesce(ended_at, ''), language, coalesce(end_reason, '') FROM visits "
                         "ORDER BY id");
    std::vector<Row> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    return out;
}

} // namespace

TEST(SqliteVisitLog, RecordsStartAndEndOfAVisit) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "nl");
    ASSERT_TRUE(id);
    EXPECT_TRUE(log.close(*id, kTestMorning + minutes{12}, EndReason::IdleTimeout));
    const auto r = rows(db);
    ASSERT_EQ(r.size(), 1U);
    EXPECT_EQ(r[0].started, "2026-11-23T09:00:00Z");
    EXPECT_EQ(r[0].ended, "2026-11-23T09:12:00Z");
    EXPECT_EQ(r[0].language, "nl");
    EXPECT_EQ(r[0].reason, "idle_timeout");
}

TEST(SqliteVisitLog, AVisitKeepsTheLanguageChosenLastWhileItIsOpen) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    ASSERT_TRUE(id);
    EXPECT_TRUE(log.language(*id, "nl"));
    EXPECT_EQ(rows(db).at(0).language, "nl");
    EXPECT_TRUE(log.close(*id, kTestMorning + minutes{5}, EndReason::Finished));
    EXPECT_TRUE(log.language(*id, "en"));
    EXPECT_EQ(rows(db).at(0).language, "nl") << "a closed visit keeps its language";
}

TEST(SqliteVisitLog, AClosedVisitIsNeverClosedAgain) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    log.close(*id, kTestMorning + minutes{1}, EndReason::Finished);
    log.close(*id, kTestMorning + minutes{9}, EndReason::Shutdown);
    EXPECT_EQ(rows(db)[0].reason, "finished");
    EXPECT_EQ(rows(db)[0].ended, "2026-11-23T09:01:00Z");
}

TEST(SqliteVisitLog, VisitsCutOffByAPowerLossAreMarkedInterruptedAtNextStart) {
    dps::test::TempDir dir;
    {
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        SqliteVisitLog log(db);
        const auto done = log.open(kTestMorning, "2026-11-23", "fr");
        log.close(*done, kTestMorning + minutes{5}, EndReason::Finished);
        const auto cut = log.open(kTestMorning + minutes{10}, "2026-11-23", "en");
        log.touch(*cut, kTestMorning + minutes{17}); // last seen here; then the plug is pulled
    }
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    EXPECT_EQ(log.closeInterrupted(), 1);
    const auto r = rows(db);
    ASSERT_EQ(r.size(), 2U);
    EXPECT_EQ(r[0].reason, "finished");
    EXPECT_EQ(r[1].reason, "interrupted");
    EXPECT_EQ(r[1].ended, "2026-11-23T09:17:00Z") << "it ends at its last sign of life, not later";
    EXPECT_EQ(log.closeInterrupted(), 0);
}

TEST(SqliteVisitLog, AWriteThatFailsIsReportedNotThrown) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    db.exec("DROP TABLE visits"); // stands in for any write failure SQLite can report
    EXPECT_FALSE(log.open(kTestMorning, "2026-11-23", "fr"));
    EXPECT_FALSE(log.close(1, kTestMorning, EndReason::Finished));
}

namespace {

std::vector<std::string> column(dps::storage::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    auto st = db.prepare(sql);
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace

TEST(SqliteVisitLog, AGuidedSessionKeepsItsModePurposesAndConsentedAudiences) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    dps::kiosk::GuidedVisit g;
    g.group = true;
    g.groupSize = 6;
    g.purposes = {dps::kiosk::Purpose::JobSearch, dps::kiosk::Purpose::Learning};
    g.consent = true;
    g.audiences = {dps::kiosk::Audience::Seniors};
    ASSERT_TRUE(log.guide(*id, g));
    EXPECT_EQ(column(db, "SELECT mode || ':' || group_size || ':' || consent FROM visits"),
              (std::vector<std::string>{"guided_group:6:1"}));
    EXPECT_EQ(column(db, "SELECT purpose FROM visit_purposes ORDER BY purpose"),
              (std::vector<std::string>{"job_search", "learning"}));
    EXPECT_EQ(column(db, "SELECT audience FROM visit_audiences"), (std::vector<std::string>{"seniors"}));
    dps::kiosk::VisitOutcome o;
    o.autonomy = dps::kiosk::Autonomy::SomeHelp;
    o.referral = dps::kiosk::Referral::Cpas;
    EXPECT_TRUE(log.outcome(*id, o));
    EXPECT_EQ(column(db, "SELECT autonomy || ':' || referral || ':' || coalesce(helped, '-') FROM visits"),
              (std::vector<std::string>{"some_help:cpas:-"}));
}

TEST(SqliteVisitLog, NoAudienceTagIsStoredWithoutConsentWhoeverWrites) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    dps::kiosk::GuidedVisit g;
    g.audiences = {dps::kiosk::Audience::Women};
    EXPECT_FALSE(log.guide(*id, g)) << "refused by the adapter";
    EXPECT_TRUE(column(db, "SELECT audience FROM visit_audiences").empty());
    EXPECT_EQ(column(db, "SELECT mode FROM visits"), (std::vector<std::string>{"free"})) << "nothing half-written";
    // And by the database itself, for any other program that writes kiosk.db.
    EXPECT_THROW(db.exec("INSERT INTO visit_audiences (visit_id, audience) VALUES (1, 'women')"),
                 dps::storage::StorageError);
    db.exec("UPDATE visits SET consent = 1");
    EXPECT_NO_THROW(db.exec("INSERT INTO visit_audiences (visit_id, audience) VALUES (1, 'women')"));
}

TEST(SqliteVisitLog, RetentionDeletesWholeDaysOfClosedVisitsAndAllThatHangsOnThem) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto old = log.open(kTestMorning - hours{24 * 100}, "2026-08-15", "fr");
    dps::kiosk::GuidedVisit g;
    g.purposes = {dps::kiosk::Purpose::Banking};
    log.guide(*old, g);
    log.event(*old, kTestMorning - hours{24 * 100}, {dps::kiosk::VisitEvent::Kind::TutorialStarted, "t", 1, 1, {}});
    log.close(*old, kTestMorning - hours{24 * 100} + minutes{5}, EndReason::Finished);
    const auto oldOpen = log.open(kTestMorning - hours{24 * 100}, "2026-08-15", "fr"); // still open: kept
    // Late the same local day, in UTC already the next: the local date decides, not the time.
    const auto lateOld = log.open(sys_days{year{2026} / 8 / 15} + hours{22} + minutes{30}, "2026-08-15", "nl");
    log.close(*lateOld, sys_days{year{2026} / 8 / 15} + hours{23}, EndReason::Finished);
    const auto recent = log.open(kTestMorning - hours{24 * 10}, "2026-11-13", "nl");
    log.close(*recent, kTestMorning - hours{24 * 10} + minutes{5}, EndReason::Finished);

    EXPECT_EQ(log.oldestDateAfter(""), "2026-08-15");
    EXPECT_EQ(log.oldestDateAfter("2026-08-15"), "2026-11-13");
    EXPECT_EQ(log.oldestDateAfter("2026-11-13"), std::nullopt);
    EXPECT_EQ(log.purgeThrough("2026-08-14"), 0);
    EXPECT_EQ(log.purgeThrough("2026-08-15"), 2);
    EXPECT_EQ(column(db, "SELECT id FROM visits ORDER BY id"),
              (std::vector<std::string>{std::to_string(*oldOpen), std::to_string(*recent)}));
    EXPECT_TRUE(column(db, "SELECT visit_id FROM visit_events").empty());
    EXPECT_TRUE(column(db, "SELECT visit_id FROM visit_purposes").empty());
    log.close(*oldOpen, kTestMorning - hours{24 * 99}, EndReason::Interrupted);
    EXPECT_EQ(log.purgeThrough("2026-08-15"), 1) << "closed at the next start, it goes the next time";
}

TEST(SqliteVisitLog, AFailedWriteIsReportedUntilOneSucceeds) {
    // Terminal status says "visits cannot be recorded" from this (a full disk in production;
    // here the connection refuses writes, which SQLite reports the same way: an error code).
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    EXPECT_FALSE(log.failing());
    db.exec("PRAGMA query_only = 1");
    EXPECT_FALSE(log.open(kTestMorning, "2026-11-23", "fr"));
    EXPECT_TRUE(log.failing());
    EXPECT_THROW(log.closeInterrupted(), dps::storage::StorageError);
    db.exec("PRAGMA query_only = 0");
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    ASSERT_TRUE(id);
    EXPECT_FALSE(log.failing());
    db.exec("PRAGMA query_only = 1");
    EXPECT_FALSE(log.close(*id, kTestMorning + minutes{3}, EndReason::Finished));
    EXPECT_TRUE(log.failing());
}

TEST(SqliteVisitLog, EventsMoveTheLastActivity) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "fr");
    log.event(*id, kTestMorning + minutes{3}, {dps::kiosk::VisitEvent::Kind::TutorialStarted, "mouse", 2, 1, {}});
    EXPECT_EQ(column(db, "SELECT last_activity_at || ' ' || local_date FROM visits"),
              (std::vector<std::string>{"2026-11-23T09:03:00Z 2026-11-23"}));
}
