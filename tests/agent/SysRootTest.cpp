// SysRoot: a missing or unreadable file is an absent value and one error, never a crash.
#include "agent/inventory/SysRoot.h"
#include "TempDir.h"

#include <gtest/gtest.h>

using dps::agent::inventory::CollectorError;
using dps::agent::inventory::Inventory;
using dps::agent::inventory::SysRoot;

TEST(SysRoot, ReadsUnderItsRootAndNotesWhatIsMissing) {
    dps::test::TempDir dir;
    std::filesystem::create_directories(dir / "sys/class/dmi/id");
    dps::test::writeFile(dir / "sys/class/dmi/id/sys_vendor", "LENOVO\n");
    dps::test::writeFile(dir / "sys/class/dmi/id/chassis_type", "10\n");
    dps::test::writeFile(dir / "sys/class/dmi/id/bad", "ten\n");
    SysRoot root(dir.path());
    Inventory inv;
    EXPECT_EQ(root.text("/sys/class/dmi/id/sys_vendor", "dmi", inv), "LENOVO");
    EXPECT_EQ(root.number("/sys/class/dmi/id/chassis_type", "dmi", inv), 10);
    EXPECT_TRUE(inv.errors.empty());
    EXPECT_FALSE(root.text("/sys/class/dmi/id/product_serial", "dmi", inv));
    EXPECT_FALSE(root.number("/sys/class/dmi/id/bad", "dmi", inv));
    ASSERT_EQ(inv.errors.size(), 2u);
    EXPECT_EQ(inv.errors[0], (CollectorError{"dmi", "/sys/class/dmi/id/product_serial", "cannot be read"}));
    EXPECT_EQ(inv.errors[1].what, "is not a number: 'ten'");
    EXPECT_FALSE(root.text("/sys/nothing", "dmi", inv, false));
    EXPECT_EQ(inv.errors.size(), 2u) << "an optional file is not an error";
    EXPECT_EQ(root.list("/sys/class/dmi/id"), (std::vector<std::string>{"bad", "chassis_type", "sys_vendor"}));
    EXPECT_TRUE(root.list("/sys/class/drm").empty());
}
