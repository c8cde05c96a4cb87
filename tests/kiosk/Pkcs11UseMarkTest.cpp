// The e-ID module's mark of a login (kiosk/pkcs11/UseMark.h), which the free-use runner reads as
// its report's eid_used: an empty file where DPS_EID_USED_MARK says, once, never through a link.
#include "TempDir.h"
#include "kiosk/pkcs11/UseMark.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>

using dps::kiosk::pkcs11::UseMark;
using dps::test::TempDir;

TEST(Pkcs11UseMark, TheFirstLeaveMakesAnEmptyFileOnlyItsOwnerReads) {
    TempDir dir;
    const auto file = dir / "eid-used";
    UseMark mark(file.string());
    EXPECT_FALSE(std::filesystem::exists(file)) << "nothing before a login";
    mark.leave();
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_EQ(std::filesystem::file_size(file), 0U) << "nothing of the card in it";
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    EXPECT_TRUE(mark.left());
    // Once per load: the visitor removing it does not make the module write again.
    std::filesystem::remove(file);
    mark.leave();
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(Pkcs11UseMark, ALinkInItsPlaceIsNotFollowed) {
    TempDir dir;
    const auto target = dir / "elsewhere";
    std::filesystem::create_symlink(target, dir / "eid-used");
    UseMark mark((dir / "eid-used").string());
    mark.leave();
    EXPECT_FALSE(std::filesystem::exists(target)) << "O_NOFOLLOW: no file made through the link";
}

TEST(Pkcs11UseMark, WithoutTheVariableOrWithARelativePathNoMarkIsLeft) {
    TempDir dir;
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    ::unsetenv("DPS_EID_USED_MARK");
    UseMark none = UseMark::fromEnvironment();
    none.leave();
    ::setenv("DPS_EID_USED_MARK", "eid-used", 1);
    UseMark relative = UseMark::fromEnvironment();
    relative.leave();
    EXPECT_FALSE(std::filesystem::exists(dir / "eid-used"));
    ::setenv("DPS_EID_USED_MARK", (dir / "absolute").c_str(), 1);
    UseMark absolute = UseMark::fromEnvironment();
    absolute.leave();
    EXPECT_TRUE(std::filesystem::exists(dir / "absolute"));
    ::unsetenv("DPS_EID_USED_MARK");
    std::filesystem::current_path(cwd);
}
