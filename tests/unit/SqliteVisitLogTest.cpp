// The visit log on a real kiosk.db.
#include "app/SqliteVisitLog.h"
#include "TempDir.h"
#include "app/KioskDatabase.h"
#include "dps/core/Timestamp.h"

#include <gtest/gtest.h>

using namespace std::chrono;
using dps::kiosk::EndReason;
using dps::kiosk::SqliteVisitLog;

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

const dps::WallTime kMorning = sys_days{year{2026} / 11 / 23} + hours{9};

} // namespace

TEST(SqliteVisitLog, RecordsStartAndEndOfAVisit) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kMorning, "nl");
    ASSERT_TRUE(id);
    EXPECT_TRUE(log.close(*id, kMorning + minutes{12}, EndReason::IdleTimeout));
    const auto r = rows(db);
    ASSERT_EQ(r.size(), 1U);
    EXPECT_EQ(r[0].started, "2026-11-23T09:00:00Z");
    EXPECT_EQ(r[0].ended, "2026-11-23T09:12:00Z");
    EXPECT_EQ(r[0].language, "nl");
    EXPECT_EQ(r[0].reason, "idle_timeout");
}

TEST(SqliteVisitLog, AClosedVisitIsNeverClosedAgain) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto id = log.open(kMorning, "fr");
    log.close(*id, kMorning + minutes{1}, EndReason::Finished);
    log.close(*id, kMorning + minutes{9}, EndReason::Shutdown);
    EXPECT_EQ(rows(db)[0].reason, "finished");
    EXPECT_EQ(rows(db)[0].ended, "2026-11-23T09:01:00Z");
}

TEST(SqliteVisitLog, VisitsCutOffByAPowerLossAreMarkedInterruptedAtNextStart) {
    dps::test::TempDir dir;
    {
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        SqliteVisitLog log(db);
        const auto done = log.open(kMorning, "fr");
        log.close(*done, kMorning + minutes{5}, EndReason::Finished);
        log.open(kMorning + minutes{10}, "en"); // the plug is pulled here
    }
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    EXPECT_EQ(log.closeInterrupted(), 1);
    const auto r = rows(db);
    ASSERT_EQ(r.size(), 2U);
    EXPECT_EQ(r[0].reason, "finished");
    EXPECT_EQ(r[1].reason, "interrupted");
    EXPECT_EQ(r[1].ended, "") << "the real end time is unknown and is not invented";
    EXPECT_EQ(log.closeInterrupted(), 0);
}

TEST(SqliteVisitLog, AWriteThatFailsIsReportedNotThrown) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    db.exec("DROP TABLE visits"); // stands in for any write failure SQLite can report
    EXPECT_FALSE(log.open(kMorning, "fr"));
    EXPECT_FALSE(log.close(1, kMorning, EndReason::Finished));
}
