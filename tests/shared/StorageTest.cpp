// The SQLite layer on real files: durable settings, transactions, and damaged files reported
// and left exactly as they were.
#include "TempDir.h"
#include "dps/storage/Database.h"
#include "dps/storage/Transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::storage::Database;
using dps::storage::OpenOptions;
using dps::storage::StorageError;
using dps::storage::Transaction;
using dps::test::readFile;
using dps::test::TempDir;
using dps::test::writeFile;
using testing::HasSubstr;

namespace {

std::string pragma(Database& db, const char* name) {
    auto st = db.prepare(std::string("PRAGMA ") + name);
    st.step();
    return st.text(0);
}

std::int64_t count(Database& db, const char* table) {
    auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.integer(0);
}

} // namespace

TEST(Database, OpensInWalWithTheRequestedDurability) {
    TempDir dir;
    OpenOptions full;
    full.synchronousFull = true;
    Database db = Database::open(dir / "a.db", full);
    EXPECT_EQ(pragma(db, "journal_mode"), "wal");
    EXPECT_EQ(pragma(db, "synchronous"), "2"); // FULL
    Database other = Database::open(dir / "b.db");
    EXPECT_EQ(pragma(other, "synchronous"), "1"); // NORMAL
    EXPECT_EQ(pragma(other, "busy_timeout"), "5000");
}

TEST(Database, PreparedStatementsBindAndReadEveryType) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)");
    db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        .bind(1, std::int64_t{1} << 40)
        .bind(2, 2.5)
        .bind(3, std::string_view("é\0x", 4))
        .bindNull(4)
        .run();
    auto st = db.prepare("SELECT i, r, s, n FROM t");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.integer(0), std::int64_t{1} << 40);
    EXPECT_DOUBLE_EQ(st.real(1), 2.5);
    EXPECT_EQ(st.text(2), std::string("é\0x", 4));
    EXPECT_TRUE(st.isNull(3));
    EXPECT_FALSE(st.step());
}

TEST(Database, TransactionNotCommittedIsRolledBack) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    db.exec("CREATE TABLE t (x INTEGER)");
    try {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
        throw std::runtime_error("power cut half-way");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(count(db, "t"), 0);
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
        tx.commit();
    }
    EXPECT_EQ(count(db, "t"), 1);
}

TEST(Database, TotalChangesCountsEveryRowWrittenAndNothingRead) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    db.exec("CREATE TABLE t (x INTEGER)");
    const auto start = db.totalChanges();
    db.exec("INSERT INTO t VALUES (1), (2), (3)");
    EXPECT_EQ(db.totalChanges(), start + 3);
    EXPECT_EQ(count(db, "t"), 3);
    EXPECT_EQ(db.totalChanges(), start + 3); // a read changes nothing
    db.exec("UPDATE t SET x = x + 1 WHERE x > 1");
    EXPECT_EQ(db.totalChanges(), start + 5);
    {
        Transaction tx(db); // rolled back: the count stays, a cache keyed on it reads again
        db.exec("DELETE FROM t");
    }
    EXPECT_EQ(count(db, "t"), 3);
    EXPECT_EQ(db.totalChanges(), start + 8);
}

TEST(Database, CommittedRowsSurviveReopening) {
    TempDir dir;
    {
        Database db = Database::open(dir / "a.db");
        db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)");
    }
    Database db = Database::open(dir / "a.db");
    EXPECT_EQ(count(db, "t"), 1);
}

TEST(Database, FileThatIsNotADatabaseIsReportedAndLeftUntouched) {
    TempDir dir;
    const std::string garbage = "These are a facilitator's notes, not a database.\n" + std::string(5000, 'x');
    writeFile(dir / "kiosk.db", garbage);
    try {
        (void)Database::open(dir / "kiosk.db");
        FAIL() << "opened a file that is not a database";
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr((dir / "kiosk.db").string()));
        EXPECT_THAT(e.what(), HasSubstr("left untouched"));
    }
    EXPECT_EQ(readFile(dir / "kiosk.db"), garbage);
    EXPECT_FALSE(std::filesystem::exists(dir / "kiosk.db-wal"));
}

TEST(Database, DamagedPagesAreFoundAtOpenAndTheFileIsLeftUntouched) {
    TempDir dir;
    {
        Database db = Database::open(dir / "kiosk.db");
        db.exec("PRAGMA journal_mode=DELETE; CREATE TABLE t (x TEXT); CREATE INDEX tx ON t (x)");
        Transaction tx(db);
        auto ins = db.prepare("INSERT INTO t VALUES (?1)");
        for (int i = 0; i < 2000; ++i) {
            ins.bind(1, std::string_view("row " + std::to_string(i) + std::string(50, 'y')));
            ins.run();
        }
        tx.commit();
    }
    // Scribble over a page in the middle, as a failing disk would.
    std::string bytes = readFile(dir / "kiosk.db");
    ASSERT_GT(bytes.size(), 40000U);
    for (std::size_t i = 20000; i < 24096; ++i)
        bytes[i] = static_cast<char>(i * 7);
    writeFile(dir / "kiosk.db", bytes);

    EXPECT_THROW((void)Database::open(dir / "kiosk.db"), StorageError);
    EXPECT_EQ(readFile(dir / "kiosk.db"), bytes);
}

TEST(Database, PathThatCannotBeOpenedSaysWhy) {
    TempDir dir;
    try {
        (void)Database::open(dir / "no-such-folder" / "kiosk.db");
        FAIL();
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr("no-such-folder/kiosk.db: open failed"));
        EXPECT_THAT(e.what(), HasSubstr("check that the folder exists"));
    }
}

TEST(Database, SqlErrorNamesTheFileAndTheStatement) {
    TempDir dir;
    Database db = Database::open(dir / "a.db");
    try {
        db.exec("SELEC 1");
        FAIL();
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr("a.db: SELEC 1 failed"));
    }
}

TEST(Database, ACopyInMemoryHoldsTheFileAndNeverWritesIt) {
    // For a full disk: the kiosk runs on such a copy. A folder name with URI characters in it.
    TempDir dir;
    const auto folder = dir / "a ?#%b";
    std::filesystem::create_directories(folder);
    const auto file = folder / "kiosk.db";
    {
        Database db = Database::open(file);
        db.exec("CREATE TABLE visits (id INTEGER PRIMARY KEY, at TEXT)");
        db.exec("INSERT INTO visits (at) VALUES ('2026-11-23'), ('2026-11-24')");
    }
    const std::string before = readFile(file);
    Database copy = Database::copyIntoMemory(file);
    EXPECT_EQ(count(copy, "visits"), 2);
    copy.exec("INSERT INTO visits (at) VALUES ('2026-11-25')");
    EXPECT_EQ(count(copy, "visits"), 3);
    EXPECT_EQ(readFile(file), before);
    EXPECT_FALSE(std::filesystem::exists(folder / "kiosk.db-wal")) << "read without its -wal and -shm";

    Database none = Database::copyIntoMemory(dir / "absent.db");
    EXPECT_EQ(pragma(none, "user_version"), "0");
    EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));
}

TEST(Database, BackupCopiesWhatIsStillInTheWalIntoOneSelfContainedFile) {
    TempDir dir;
    Database source = Database::open(dir / "server.db");
    source.exec("CREATE TABLE days (id INTEGER PRIMARY KEY, visits INTEGER)");
    for (int i = 0; i < 200; ++i)
        source.prepare("INSERT INTO days (visits) VALUES (?1)").bind(1, std::int64_t{i}).run();
    // Still open, below the auto-checkpoint: the rows are in server.db-wal, which a plain file
    // copy would miss.
    ASSERT_GT(std::filesystem::file_size(dir / "server.db-wal"), 0U);

    source.backupTo(dir / "copy.db", 1); // one page a step: many steps
    EXPECT_FALSE(std::filesystem::exists(dir / "copy.db-wal"));
    EXPECT_FALSE(std::filesystem::exists(dir / "copy.db-journal"));
    OpenOptions readOnly;
    readOnly.readOnly = true;
    Database copy = Database::open(dir / "copy.db", readOnly);
    EXPECT_EQ(pragma(copy, "journal_mode"), "delete");
    EXPECT_EQ(pragma(copy, "integrity_check"), "ok");
    EXPECT_EQ(count(copy, "days"), 200);
    auto sum = copy.prepare("SELECT sum(visits) FROM days");
    ASSERT_TRUE(sum.step());
    EXPECT_EQ(sum.integer(0), 199 * 200 / 2);
    // The source goes on as before: its read transaction was ended.
    source.exec("INSERT INTO days (visits) VALUES (1)");
    EXPECT_EQ(count(source, "days"), 201);
}

TEST(Database, BackupReplacesWhatTheDestinationHeld) {
    TempDir dir;
    {
        Database old = Database::open(dir / "copy.db");
        old.exec("CREATE TABLE stale (x)");
    }
    Database source = Database::open(dir / "server.db");
    source.exec("CREATE TABLE days (id INTEGER PRIMARY KEY)");
    source.exec("INSERT INTO days DEFAULT VALUES");
    source.backupTo(dir / "copy.db", 256);
    Database copy = Database::open(dir / "copy.db");
    EXPECT_EQ(count(copy, "days"), 1);
    EXPECT_EQ(count(copy, "sqlite_schema WHERE name = 'stale'"), 0);
}

TEST(Database, BackupToAFolderThatIsNotThereSaysWhichFileAndWhy) {
    TempDir dir;
    Database source = Database::open(dir / "server.db");
    source.exec("CREATE TABLE days (id INTEGER PRIMARY KEY)");
    const auto dest = dir / "absent" / "copy.db";
    try {
        source.backupTo(dest, 256);
        FAIL() << "backed up into a folder that does not exist";
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr(dest.string()));
        EXPECT_THAT(e.what(), HasSubstr("check that the folder exists"));
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "absent"));
    source.exec("INSERT INTO days DEFAULT VALUES"); // no transaction was left open
    EXPECT_EQ(count(source, "days"), 1);
}
