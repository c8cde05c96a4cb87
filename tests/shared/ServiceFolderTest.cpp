// Root must not open a database in a service user's folder (it would leave root-owned -wal and
// -shm files the service cannot open): the message names the user to run as.
#include "dps/storage/ServiceFolder.h"
#include "TempDir.h"
#include "dps/storage/StorageError.h"
#include "kiosk/adapters/store/KioskDatabase.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using dps::storage::refuseRootInServiceFolder;
using dps::storage::StorageError;
using dps::test::TempDir;
using testing::HasSubstr;

TEST(ServiceFolder, RootIsSentToTheFoldersOwnerAndNothingIsCreated) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (CI runs as root)";
    const passwd* nobody = ::getpwnam("nobody");
    ASSERT_NE(nobody, nullptr);
    TempDir dir;
    const auto folder = dir / "var-lib-dps-kiosk";
    std::filesystem::create_directory(folder);
    ASSERT_EQ(::chown(folder.c_str(), nobody->pw_uid, nobody->pw_gid), 0);
    try {
        dps::kiosk::openKioskDatabase(folder / "kiosk.db");
        FAIL() << "root opened a database in nobody's folder";
    } catch (const StorageError& e) {
        EXPECT_THAT(e.what(), HasSubstr("belongs to the user nobody"));
        EXPECT_THAT(e.what(), HasSubstr("runuser -u nobody -- dps-kiosk"));
    }
    EXPECT_TRUE(std::filesystem::is_empty(folder)) << "no file may be left behind";
}

TEST(ServiceFolder, RootsOwnFolderIsFine) {
    TempDir dir;
    EXPECT_NO_THROW(refuseRootInServiceFolder(dir / "server.db", "dps-server"));
    EXPECT_NO_THROW(refuseRootInServiceFolder(dir / "missing" / "server.db", "dps-server"));
}

TEST(ServiceFolder, KioskDatabaseFilesAreGroupWritableWhateverTheUmask) {
    TempDir dir;
    const mode_t old = ::umask(022);
    {
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        db.exec("INSERT INTO visits (started_at, language, local_date) VALUES ('2026-12-01T10:00:00Z', 'fr', "
                "'2026-12-01')");
        for (const char* name : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
            struct stat st {};
            ASSERT_EQ(::stat((dir / name).c_str(), &st), 0) << name;
            EXPECT_EQ(st.st_mode & 0777, 0660u) << name << ": dps-agent (group) needs to write the -shm";
        }
    }
    EXPECT_EQ(::umask(old), 022) << "the process's umask is given back";
}
