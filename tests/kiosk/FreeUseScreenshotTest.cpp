// Free use's screens drawn by the real binary (--screenshot, no display): the session bar in the
// strips it is made for (1366x56 to 1920x96, and twice as high at 200 % text), each notice it
// shows, the intro and the erased screen in the three languages.
#include "Image.h"
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"

#include <gtest/gtest.h>

using dps::test::Image;
using dps::test::kNoDisplay;
using dps::test::Process;
using dps::test::Rect;
using dps::test::TempDir;
using dps::test::UiMapFile;

namespace {

struct Shot {
    Image image;
    UiMapFile map;
};

Shot freeUseShot(const TempDir& dir, const std::string& screen, const std::string& language, const std::string& size,
                 int step = 1, int textSize = 100) {
    const std::string name =
        screen + "-" + language + "-" + size + "-" + std::to_string(step) + "-" + std::to_string(textSize);
    const auto png = dir / (name + ".png");
    const auto map = dir / (name + ".map");
    Process p({DPS_KIOSK_BIN, "--screenshot", png.string(), "--screen", screen, "--language", language, "--size", size,
               "--step", std::to_string(step), "--text-size", std::to_string(textSize), "--ui-map", map.string()},
              kNoDisplay, dir.path());
    const auto rc = p.wait(std::chrono::seconds(30));
    EXPECT_EQ(rc.value_or(-1), 0) << p.stderrText();
    return {dps::test::loadPng(png), *UiMapFile::read(map)};
}

// Every control of the bar lies inside the strip, none over another; the usual ones are there
// unless a question's answers take their place.
void expectControlsFit(const Shot& s, const std::string& what, bool answering = false) {
    const Rect strip{0, 0, s.image.width, s.image.height};
    EXPECT_EQ(s.map.has("bar.finish"), !answering) << what;
    EXPECT_EQ(s.map.has("bar.help"), !answering) << what;
    EXPECT_EQ(s.map.has("bar.language.nl"), !answering) << what;
    for (const auto& [id, r] : s.map.buttons) {
        EXPECT_TRUE(strip.contains(r)) << what << ": " << id << " leaves the strip";
        EXPECT_GE(r.width(), 20) << what << ": " << id;
        for (const auto& [other, o] : s.map.buttons)
            if (id < other && id != "bar.facilitator" && other != "bar.facilitator") {
                EXPECT_TRUE(r.intersect(o).empty()) << what << ": " << id << " over " << other;
            }
    }
}

} // namespace

TEST(FreeUseScreens, TheBarFitsTheStripsItIsMadeForInEveryLanguageAndTextSize) {
    TempDir dir;
    const std::vector<std::tuple<std::string, int, int>> strips{
        {"1366x56", 100, 56}, {"1920x96", 100, 96}, {"1366x112", 200, 112}, {"1920x192", 200, 192}};
    for (const auto& [size, text, wanted] : strips) {
        for (const char* language : {"fr", "nl", "en"}) {
            const Shot s = freeUseShot(dir, "free-use-bar", language, size, 2, text);
            const std::string what = size + " " + language + " " + std::to_string(text) + "%";
            EXPECT_EQ(s.map.screen, "free-use-bar");
            EXPECT_EQ(s.image.width * 1000 + s.image.height,
                      std::stoi(size.substr(0, size.find('x'))) * 1000 + std::stoi(size.substr(size.find('x') + 1)));
            EXPECT_EQ(s.map.value("bar-height"), std::to_string(wanted)) << what;
            EXPECT_EQ(s.map.value("free-use"), "five-minutes") << what;
            expectControlsFit(s, what);
            EXPECT_GT(dps::test::distinctColours(s.image), 20U) << what << " looks blank";
        }
    }
}

TEST(FreeUseScreens, EachNoticeOfTheBarIsShownAndLooksDifferent) {
    TempDir dir;
    const std::vector<std::pair<int, std::string>> steps{
        {1, "none"},        {2, "five-minutes"},   {3, "one-minute"}, {4, "last-seconds"},
        {5, "still-there"}, {6, "confirm-finish"}, {7, "help-called"}};
    std::map<int, Image> shots;
    for (const auto& [step, code] : steps) {
        const Shot s = freeUseShot(dir, "free-use-bar", "en", "1366x56", step);
        EXPECT_EQ(s.map.value("free-use"), code) << "step " << step;
        expectControlsFit(s, "step " + std::to_string(step), step == 5 || step == 6);
        shots[step] = s.image;
    }
    // The answers a notice asks for are on the bar.
    EXPECT_TRUE(freeUseShot(dir, "free-use-bar", "en", "1366x56", 5).map.has("bar.still-here"));
    const Shot confirm = freeUseShot(dir, "free-use-bar", "en", "1366x56", 6);
    EXPECT_TRUE(confirm.map.has("bar.finish-yes"));
    EXPECT_TRUE(confirm.map.has("bar.finish-no"));
    // At 200 % text the question and its answers still fit the strip made for it.
    expectControlsFit(freeUseShot(dir, "free-use-bar", "fr", "1366x112", 6, 200), "confirm at 200 %", true);
    EXPECT_EQ(freeUseShot(dir, "free-use-bar", "en", "1366x56", 1).map.value("time-left"), std::to_string(23 * 60));
    for (const auto& [a, ia] : shots)
        for (const auto& [b, ib] : shots)
            if (a < b) {
                EXPECT_GT(dps::test::differingShare(ia, ib), 0.01) << "steps " << a << " and " << b;
            }
}

TEST(FreeUseScreens, HomeIntroAndErasedScreensInTheThreeLanguages) {
    TempDir dir;
    for (const char* language : {"fr", "nl", "en"}) {
        const Shot home = freeUseShot(dir, "home", language, "1366x768");
        EXPECT_TRUE(home.map.has("home.free-use")) << language;
        const Shot intro = freeUseShot(dir, "free-use-intro", language, "1366x768");
        EXPECT_TRUE(intro.map.has("free-use.start")) << language;
        EXPECT_TRUE(intro.map.has("free-use.back")) << language;
        for (const auto& [id, r] : intro.map.buttons)
            EXPECT_GE(r.height(), 48) << id;
        EXPECT_EQ(freeUseShot(dir, "free-use-erased", language, "1366x768", 1).map.value("free-use"), "erased");
        EXPECT_EQ(freeUseShot(dir, "free-use-erased", language, "1366x768", 2).map.value("free-use"), "erasing");
        EXPECT_EQ(freeUseShot(dir, "free-use-erased", language, "1366x768", 3).map.value("free-use"), "not-verified");
    }
    const Shot large = freeUseShot(dir, "free-use-intro", "fr", "1366x768", 1, 200);
    EXPECT_TRUE(large.map.has("free-use.start"));
}
