// The root-only DMI files through systemd credentials: the agent runs as its own user, so the
// unit loads product_serial, product_uuid and board_serial as credentials (docs/systemd.md), and
// the DMI collector reads a credential when the file itself cannot be read.
#include "InventoryFixtures.h"
#include "TempDir.h"
#include "agent/inventory/DmiCollector.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace fs = std::filesystem;
using dps::agent::inventory::collectDmi;
using dps::agent::inventory::CollectorError;
using dps::agent::inventory::Inventory;
using dps::agent::inventory::SysRoot;
using dps::test::inventoryFixture;

namespace {

// The laptop fixture with its three root-only files made unreadable, as the agent's user finds them.
struct UnprivilegedCopy {
    dps::test::TempDir dir;
    UnprivilegedCopy() {
        fs::copy(inventoryFixture("laptop"), dir.path(), fs::copy_options::recursive);
        for (const char* name : {"product_serial", "product_uuid", "board_serial"}) {
            const fs::path file = dir / "sys/class/dmi/id" / name;
            fs::permissions(file, fs::perms::none);
            // root reads a 0000 file all the same: then a link to itself, which nobody can open.
            if (::geteuid() == 0) {
                fs::remove(file);
                fs::create_symlink(file.filename(), file);
            }
        }
    }
    [[nodiscard]] fs::path root() const { return dir.path(); }
};

// What systemd makes of the unit's LoadCredential= lines for the laptop (boardSerial "": the
// unit's SetCredential= default when the board has no such field).
void writeLaptopCredentials(const dps::test::TempDir& credentials, const std::string& boardSerial = "L1HF8AB00TS\n") {
    dps::test::writeFile(credentials / "product_serial", "PF1TST01\n");
    dps::test::writeFile(credentials / "product_uuid", "5e9c1a20-3d4b-11e8-b467-0ed5f89f718b\n");
    dps::test::writeFile(credentials / "board_serial", boardSerial);
}

bool hasDmiError(const Inventory& inv, const std::string& path) {
    for (const auto& e : inv.errors)
        if (e.collector == "dmi" && e.path == path) return true;
    return false;
}

} // namespace

TEST(DmiCredentials, UnreadableFilesWithoutCredentialsAreErrors) {
    UnprivilegedCopy tree;
    Inventory inv;
    collectDmi(SysRoot(tree.root()), inv);
    EXPECT_EQ(inv.computer.serial, "");
    EXPECT_EQ(inv.computer.uuid, "");
    EXPECT_EQ(inv.computer.boardSerial, "");
    EXPECT_EQ(inv.computer.vendor, "LENOVO") << "the world-readable files are still read";
    EXPECT_EQ(inv.errors, (std::vector<CollectorError>{{"dmi", "/sys/class/dmi/id/product_serial", "cannot be read"},
                                                       {"dmi", "/sys/class/dmi/id/product_uuid", "cannot be read"},
                                                       {"dmi", "/sys/class/dmi/id/board_serial", "cannot be read"}}));
}

TEST(DmiCredentials, AnUnreadableFileIsReadFromItsCredential) {
    UnprivilegedCopy tree;
    dps::test::TempDir credentials;
    writeLaptopCredentials(credentials);
    Inventory inv;
    collectDmi(SysRoot(tree.root(), credentials.path()), inv);
    EXPECT_EQ(inv.computer.serial, "PF1TST01");
    EXPECT_EQ(inv.computer.uuid, "5e9c1a20-3d4b-11e8-b467-0ed5f89f718b");
    EXPECT_EQ(inv.computer.boardSerial, "L1HF8AB00TS");
    EXPECT_TRUE(inv.errors.empty()) << inv.errors.front().path << ": " << inv.errors.front().what;
}

TEST(DmiCredentials, AReadableFileWinsOverItsCredential) {
    dps::test::TempDir credentials;
    dps::test::writeFile(credentials / "product_serial", "FROM-THE-CREDENTIAL\n");
    Inventory inv;
    collectDmi(SysRoot(inventoryFixture("laptop"), credentials.path()), inv);
    EXPECT_EQ(inv.computer.serial, "PF1TST01");
}

TEST(DmiCredentials, AnEmptyCredentialIsAMissingFile) {
    // The unit's SetCredential=board_serial: default, when the board has no such field.
    UnprivilegedCopy tree;
    dps::test::TempDir credentials;
    writeLaptopCredentials(credentials, "");
    Inventory inv;
    collectDmi(SysRoot(tree.root(), credentials.path()), inv);
    EXPECT_EQ(inv.computer.boardSerial, "");
    EXPECT_TRUE(hasDmiError(inv, "/sys/class/dmi/id/board_serial"));
    EXPECT_FALSE(hasDmiError(inv, "/sys/class/dmi/id/product_serial"));
}

TEST(DmiCredentials, APlaceholderInACredentialIsStillAPlaceholder) {
    UnprivilegedCopy tree;
    dps::test::TempDir credentials;
    dps::test::writeFile(credentials / "product_serial", "To be filled by O.E.M.\n");
    Inventory inv;
    collectDmi(SysRoot(tree.root(), credentials.path()), inv);
    EXPECT_EQ(inv.computer.serial, "");
    ASSERT_TRUE(hasDmiError(inv, "/sys/class/dmi/id/product_serial"));
}

TEST(DmiCredentials, ACredentialNameCannotLeaveItsDirectory) {
    dps::test::TempDir credentials;
    dps::test::writeFile(credentials / "product_serial", "PF1TST01\n");
    const SysRoot root(inventoryFixture("laptop"), credentials.path() / "sub");
    EXPECT_FALSE(root.credential("../product_serial"));
    EXPECT_FALSE(SysRoot(inventoryFixture("laptop")).credential("product_serial")) << "no credentials directory";
    EXPECT_EQ(SysRoot(inventoryFixture("laptop"), credentials.path()).credential("product_serial"), "PF1TST01");
}
