// A full disk at the kiosk's start (issue 16): the real dps-kiosk on a real full file system, a
// small tmpfs mounted in a mount namespace of the test's own (unshare), so that nothing of it
// outlives the test. SQLite cannot even open kiosk.db there (no room for its -shm file).
#include "Process.h"
#include "TempDir.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::test::kNoDisplay;
using dps::test::Process;
using dps::test::TempDir;
using testing::HasSubstr;

TEST(FullDisk, TheKioskStartsOnACopyInMemoryLeavesTheFileAsItWasAndSaysSo) {
    TempDir dir;
    if (dps::test::runCommand({"unshare", "--mount", "--map-root-user", "true"}, kNoDisplay, dir.path()) != 0)
        GTEST_SKIP() << "this machine allows no mount namespace (unshare --mount --map-root-user)";
    {
        // A visit cut off by a power loss, written by the kiosk's own adapter.
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        dps::kiosk::SqliteVisitLog log(db);
        ASSERT_TRUE(log.open(std::chrono::system_clock::now(), "2026-11-23", "fr"));
    }
    dps::test::writeFile(dir / "kiosk.toml",
                         "[storage]\ndatabase = \"full/kiosk.db\"\nagent_status = \"status.json\"\n");
    std::filesystem::create_directories(dir / "full");
    const std::string script = R"(cd "$1" || exit 90
mount -t tmpfs -o size=512k tmpfs full || exit 91
cp kiosk.db full/kiosk.db
dd if=/dev/zero of=full/filler bs=4096 2>/dev/null
echo "free: $(df --output=avail -k full | tail -1 | tr -d " ") KB"
"$0" --config kiosk.toml
echo "kiosk exited $?"
cmp -s kiosk.db full/kiosk.db && echo "kiosk.db as it was"
)";
    Process p({"unshare", "--mount", "--map-root-user", "sh", "-c", script, DPS_KIOSK_BIN, dir.path().string()},
              kNoDisplay, dir.path());
    ASSERT_TRUE(p.wait(std::chrono::seconds(60)));
    const std::string out = p.stdoutText(), err = p.stderrText();
    EXPECT_THAT(out, HasSubstr("free: 0 KB")) << "the file system is full";
    EXPECT_THAT(err, HasSubstr("the disk is full: the kiosk runs on a copy of"));
    EXPECT_THAT(err, HasSubstr("1 visit(s) were cut off"));
    EXPECT_THAT(err, HasSubstr("No display is available")) << "past the visit log, it stops only for want of a "
                                                              "display\n"
                                                           << err;
    EXPECT_THAT(out, HasSubstr("kiosk exited 1"));
    EXPECT_THAT(out, HasSubstr("kiosk.db as it was"));
}
