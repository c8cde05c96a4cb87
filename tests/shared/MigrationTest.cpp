// Numbered schema steps: an old database is upgraded in place with its rows, a newer one is
// refused untouched, a failing step leaves the previous version intact.
#include "TempDir.h"
#include "dps/storage/Database.h"
#include "dps/storage/Migrations.h"
#include "kiosk/adapters/store/KioskDatabase.h"

#include <array>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::storage::Database;
using dps::storage::migrate;
using dps::storage::Migration;
using dps::storage::schemaVersion;
using dps::storage::StorageError;
using dps::test::readFile;
using dps::test::TempDir;
using testing::HasSubstr;

namespace {

constexpr std::array kSteps{
    Migration{1, "visits", "CREATE TABLE visits (id INTEGER PRIMARY KEY, language TEXT NOT NULL)"},
    Migration{2, "visit mode", "ALTER TABLE visits ADD COLUMN mode TEXT NOT NULL DEFAULT 'free'"},
};

} // namespace

TEST(Migrations, FreshDatabaseGetsEveryStep) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    EXPECT_EQ(schemaVersion(db), 0);
    EXPECT_EQ(migrate(db, kSteps, "test"), 2);
    EXPECT_EQ(schemaVersion(db), 2);
    db.exec("INSERT INTO visits (language, mode) VALUES ('fr', 'guided')");
}

TEST(Migrations, OlderDatabaseIsUpgradedInPlaceKeepingItsRows) {
    TempDir dir;
    {
        Database db = Database::open(dir / "a.db");
        migrate(db, std::span(kSteps).first(1), "test");
        db.exec("INSERT INTO visits (language) VALUES ('nl'), ('en')");
    }
    Database db = Database::open(dir / "a.db");
    EXPECT_EQ(schemaVersion(db), 1);
    EXPECT_EQ(migrate(db, kSteps, "test"), 2);
    auto st = db.prepare("SELECT language, mode FROM visits ORDER BY id");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "nl");
    EXPECT_EQ(st.text(1), "free");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "en");
    EXPECT_FALSE(st.step());
}

TEST(Migrations, RunningAgainChangesNothing) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    migrate(db, kSteps, "test");
    EXPECT_EQ(migrate(db, kSteps, "test"), 2);
    auto st = db.prepare("SELECT count(*) FROM schema_version");
    st.step();
    EXPECT_EQ(st.integer(0), 2);
}

TEST(Migrations, NewerDatabaseIsRefusedAndLeftUntouched) {
    TempDir dir;
    {
        Database db = Database::open(dir / "a.db");
        migrate(db, kSteps, "test");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const std::string before = readFile(dir / "a.db");
    Database db = Database::open(dir / "a.db");
    try {
        migrate(db, std::span(kSteps).first(1), "dps-kiosk");
        FAIL() << "an older program must not touch a newer database";
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr("schema version 2, written by a newer dps-kiosk"));
        EXPECT_THAT(e.what(), HasSubstr("knows up to version 1"));
    }
    EXPECT_EQ(schemaVersion(db), 2);
    EXPECT_EQ(readFile(dir / "a.db"), before);
}

TEST(Migrations, FailingStepIsRolledBackWhole) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    migrate(db, std::span(kSteps).first(1), "test");
    const std::array broken{kSteps[0], Migration{2, "broken", "CREATE TABLE extra (x); ALTER TABLE nope ADD y"}};
    EXPECT_THROW(migrate(db, broken, "test"), StorageError);
    EXPECT_EQ(schemaVersion(db), 1);
    auto st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'");
    st.step();
    EXPECT_EQ(st.integer(0), 0) << "half a step must not remain";
}

TEST(Migrations, KioskSchemaStepsAreNumberedAndApply) {
    TempDir dir;
    Database db = dps::kiosk::openKioskDatabase(dir / "sub" / "kiosk.db");
    EXPECT_EQ(schemaVersion(db), static_cast<int>(dps::kiosk::kioskSchemaSteps().size()));
    auto st = db.prepare("PRAGMA synchronous");
    st.step();
    EXPECT_EQ(st.integer(0), 2) << "the visit log is written with synchronous=FULL";
}

TEST(Migrations, ExtraStepComesAfterTheProgramsOwnAndOnlyForThatProgram) {
    // The upgrade test's N+1 builds (tests/packaging/UpgradeTestSteps.cpp) rely on this.
    dps::storage::registerExtraStep("extra-step-test", "mark every visit",
                                    "ALTER TABLE visits ADD COLUMN marked INTEGER NOT NULL DEFAULT 0;"
                                    "UPDATE visits SET marked = 1");
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    migrate(db, kSteps, "extra-step-test");
    db.exec("INSERT INTO visits (language) VALUES ('fr')");
    EXPECT_EQ(schemaVersion(db), 2 + 1);
    EXPECT_EQ(dps::storage::latestVersion(kSteps, "extra-step-test"), 3) << "what restore-check compares with";
    EXPECT_EQ(dps::storage::latestVersion(kSteps, "test"), 2);

    Database other = Database::open(dir / "b.db");
    EXPECT_EQ(migrate(other, kSteps, "test"), 2) << "another program's steps are its own";

    // An N+1 database is refused by the program without the extra step, as a downgrade is.
    EXPECT_THROW(migrate(db, kSteps, "test"), StorageError);
}
