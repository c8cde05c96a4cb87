// A free-use session in the visit log, on real kiosk.db files: schema step 8 over a database of
// the version before, what a session writes (and nothing else), and a session cut off by a power
// loss found at the next start.
#include "FakeClock.h"
#include "TempDir.h"
#include "dps/storage/Migrations.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gtest/gtest.h>

using dps::kiosk::EndReason;
using dps::kiosk::FreeUseEnd;
using dps::kiosk::FreeUseRecord;
using dps::kiosk::SqliteVisitLog;
using dps::test::kTestMorning;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

// The free-use columns of each visit, NULL as "-".
std::vector<std::string> freeUseRows(dps::storage::Database& db) {
    auto st = db.prepare("SELECT coalesce(free_use_minutes, '-') || ' ' || coalesce(free_use_end, '-') || ' ' || "
                         "coalesce(free_use_pages, '-') || ' ' || coalesce(free_use_usb, '-') || ' ' || "
                         "coalesce(free_use_eid, '-') || ' ' || coalesce(end_reason, '-') FROM visits ORDER BY id");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace

TEST(FreeUseRecord, StepEightAddsTheSessionToADatabaseOfTheVersionBeforeAndKeepsItsVisits) {
    dps::test::TempDir dir;
    const auto file = dir / "kiosk.db";
    {
        // kiosk.db as the kiosk before issue 20 left it: seven steps and a visit.
        auto db = dps::storage::Database::open(file, {});
        const auto steps = dps::kiosk::kioskSchemaSteps();
        ASSERT_GE(steps.size(), 8U);
        dps::storage::migrate(db, steps.first(7), "dps-kiosk");
        db.exec("INSERT INTO visits (started_at, ended_at, language, end_reason, local_date) "
                "VALUES ('2026-11-20T10:00:00Z', '2026-11-20T10:20:00Z', 'fr', 'finished', '2026-11-20')");
    }
    auto db = dps::kiosk::openKioskDatabase(file);
    EXPECT_EQ(dps::storage::schemaVersion(db), static_cast<int>(dps::kiosk::kioskSchemaSteps().size()));
    SqliteVisitLog log(db);
    const auto id = log.open(kTestMorning, "2026-11-23", "nl");
    ASSERT_TRUE(id);
    ASSERT_TRUE(log.freeUse(*id, FreeUseRecord{}));
    FreeUseRecord done;
    done.minutes = 42;
    done.end = FreeUseEnd::TimeUp;
    done.pagesPrinted = 3;
    done.usbUsed = true;
    ASSERT_TRUE(log.freeUse(*id, done));
    ASSERT_TRUE(log.close(*id, kTestMorning + minutes(43), EndReason::Finished));
    EXPECT_EQ(freeUseRows(db), (std::vector<std::string>{"- - - - - finished", "42 time_up 3 1 0 finished"}));
}

TEST(FreeUseRecord, ASessionCutOffWithItsVisitIsFoundInterruptedAtTheNextStart) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    SqliteVisitLog log(db);
    const auto running = log.open(kTestMorning, "2026-11-23", "fr");
    const auto plain = log.open(kTestMorning + minutes(1), "2026-11-23", "fr");
    ASSERT_TRUE(running && plain);
    ASSERT_TRUE(log.freeUse(*running, FreeUseRecord{}));
    EXPECT_EQ(log.closeInterrupted(), 2);
    EXPECT_EQ(freeUseRows(db), (std::vector<std::string>{"0 interrupted 0 0 0 interrupted", "- - - - - interrupted"}));
}

TEST(FreeUseRecord, TheVisitsTableHoldsNoPlaceForAnAddressOrAFileName) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    std::vector<std::string> columns;
    auto st = db.prepare("SELECT name FROM pragma_table_info('visits') WHERE name LIKE 'free_use%' ORDER BY cid");
    while (st.step())
        columns.push_back(st.text(0));
    // What docs/free-use-visitor.md promises, and nothing more: a new column here is a decision.
    EXPECT_EQ(columns, (std::vector<std::string>{"free_use_minutes", "free_use_end", "free_use_pages", "free_use_usb",
                                                 "free_use_eid"}));
}
