// dps-kiosk as a command: --screenshot without any display, configuration errors, missing
// display, damaged database. Each runs the real binary.
#include "Image.h"
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::test::Image;
using dps::test::kNoDisplay;
using dps::test::Process;
using dps::test::TempDir;
using testing::HasSubstr;

namespace {

Image screenshotOf(const TempDir& dir, const std::string& screen, const std::string& language, const std::string& size,
                   dps::test::UiMapFile* map = nullptr) {
    const auto png = dir / (screen + "-" + language + "-" + size + ".png");
    std::vector<std::string> argv{DPS_KIOSK_BIN, "--screenshot", png.string(), "--screen", screen,
                                  "--language",  language,       "--size",     size};
    if (map) argv.insert(argv.end(), {"--ui-map", (dir / "map.txt").string()});
    Process p(argv, kNoDisplay, dir.path());
    const auto rc = p.wait(std::chrono::seconds(30));
    EXPECT_EQ(rc.value_or(-1), 0) << p.stderrText();
    if (map) *map = *dps::test::UiMapFile::read(dir / "map.txt");
    return dps::test::loadPng(png);
}

} // namespace

TEST(Screenshot, EveryScreenRendersWithoutADisplayAndEachIsDifferent) {
    TempDir dir;
    std::map<std::string, Image> shots;
    for (const char* screen : {"welcome", "home", "finish", "still-there"}) {
        shots[screen] = screenshotOf(dir, screen, "fr", "1366x768");
        EXPECT_EQ(shots[screen].width, 1366);
        EXPECT_EQ(shots[screen].height, 768);
        EXPECT_GT(dps::test::distinctColours(shots[screen]), 50U) << screen << " looks blank";
    }
    for (const auto& [a, ia] : shots) {
        for (const auto& [b, ib] : shots) {
            if (a < b) {
                EXPECT_GT(dps::test::differingShare(ia, ib), 0.02) << a << " and " << b << " look the same";
            }
        }
    }
}

TEST(Screenshot, LanguageChangesWhatIsShown) {
    TempDir dir;
    const Image fr = screenshotOf(dir, "home", "fr", "1366x768");
    const Image nl = screenshotOf(dir, "home", "nl", "1366x768");
    EXPECT_GT(dps::test::differingShare(fr, nl), 0.005);
}

TEST(Screenshot, TouchTargetsAreAtLeast48PixelsHighOnTheSmallestScreen) {
    TempDir dir;
    for (const char* screen : {"welcome", "home", "finish", "still-there"}) {
        dps::test::UiMapFile map;
        screenshotOf(dir, screen, "en", "1366x768", &map);
        ASSERT_FALSE(map.buttons.empty()) << screen;
        for (const auto& [id, r] : map.buttons)
            EXPECT_GE(r.height(), 48) << id;
    }
}

TEST(Screenshot, LargerScreenGetsLargerButtons) {
    TempDir dir;
    dps::test::UiMapFile small, large;
    screenshotOf(dir, "welcome", "en", "1366x768", &small);
    const Image big = screenshotOf(dir, "welcome", "en", "1920x1080", &large);
    EXPECT_EQ(big.width, 1920);
    EXPECT_GT(large.buttons.at("welcome.start").height(), small.buttons.at("welcome.start").height() * 13 / 10);
}

TEST(KioskCommand, ConfigurationErrorsStopItWithFileAndLine) {
    TempDir dir;
    dps::test::writeFile(dir / "kiosk.toml", "[visit]\nidle_timeout_seconds = 1\n\n[display]\nfulscreen = false\n");
    Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string()}, kNoDisplay, dir.path());
    EXPECT_EQ(p.wait(std::chrono::seconds(10)).value_or(-1), 2);
    const std::string err = p.stderrText();
    EXPECT_THAT(err, HasSubstr((dir / "kiosk.toml").string() + ":2: 'visit.idle_timeout_seconds' = 1 is out of range"));
    EXPECT_THAT(err, HasSubstr(":5: unknown key 'display.fulscreen' (did you mean 'display.fullscreen'?)"));
    EXPECT_FALSE(std::filesystem::exists(dir / "kiosk.db"));
}

TEST(KioskCommand, CheckConfigValidatesWithoutStarting) {
    TempDir dir;
    dps::test::writeFile(dir / "kiosk.toml", "[visit]\nidle_timeout_seconds = 120\n");
    Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string(), "--check-config"}, kNoDisplay, dir.path());
    EXPECT_EQ(p.wait(std::chrono::seconds(10)).value_or(-1), 0);
    EXPECT_THAT(p.stdoutText(), HasSubstr("configuration is valid"));
}

TEST(KioskCommand, WithoutADisplayItSaysSoAndHowToRunHeadless) {
    TempDir dir;
    dps::test::writeFile(dir / "kiosk.toml", "[storage]\ndatabase = \"kiosk.db\"\n");
    Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string()}, kNoDisplay, dir.path());
    EXPECT_EQ(p.wait(std::chrono::seconds(10)).value_or(-1), 1);
    const std::string err = p.stderrText();
    EXPECT_THAT(err, HasSubstr("No display is available"));
    EXPECT_THAT(err, HasSubstr("xvfb-run"));
}

TEST(KioskCommand, DamagedDatabaseIsReportedAndNeverOverwritten) {
    TempDir dir;
    const std::string garbage(8192, '\x5a');
    dps::test::writeFile(dir / "kiosk.db", garbage);
    dps::test::writeFile(dir / "kiosk.toml", "[storage]\ndatabase = \"kiosk.db\"\n");
    Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string()}, kNoDisplay, dir.path());
    EXPECT_EQ(p.wait(std::chrono::seconds(10)).value_or(-1), 1);
    EXPECT_THAT(p.stderrText(), HasSubstr((dir / "kiosk.db").string()));
    EXPECT_THAT(p.stderrText(), HasSubstr("left untouched"));
    EXPECT_EQ(dps::test::readFile(dir / "kiosk.db"), garbage);
}
