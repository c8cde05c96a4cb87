// The real dps-kiosk binary on a private Xvfb display, clicked with a real pointer (xdotool),
// checked through its database, its UI map and pictures of the screen.
#include "KioskHarness.h"
#include "dps/core/Timestamp.h"

#include <chrono>
#include <csignal>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;
using dps::test::Image;
using dps::test::KioskHarness;
using testing::HasSubstr;

namespace {

const char* kShortTimeouts = R"(
[kiosk]
languages = ["fr", "nl", "en"]
site_name = "Test DPS"
[visit]
idle_timeout_seconds = 5
still_there_seconds = 4
thank_you_seconds = 3
)";

void expectLooksLikeAScreen(const Image& img, const char* what) {
    EXPECT_EQ(img.width, KioskHarness::kWidth) << what;
    EXPECT_EQ(img.height, KioskHarness::kHeight) << what;
    // Text is anti-aliased: a real screen has many shades, a blank one a handful.
    EXPECT_GT(dps::test::distinctColours(img), 50U) << what << " looks blank";
}

} // namespace

TEST(KioskProcess, WelcomeHomeFinishRecordsOneVisit) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    EXPECT_EQ(map.language, "fr");
    const Image welcome = k.capture("welcome");
    expectLooksLikeAScreen(welcome, "welcome");

    k.click(map, "welcome.language.nl");
    map = k.waitFor("welcome", 5s, "nl");
    EXPECT_GT(dps::test::differingShare(welcome, k.capture("welcome-nl")), 0.001) << "language choice not visible";
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    EXPECT_EQ(map.language, "nl");
    const Image home = k.capture("home");
    expectLooksLikeAScreen(home, "home");
    auto rows = k.visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].language, "nl");
    EXPECT_EQ(rows[0].reason, "") << "the visit is open while the visitor is on Home";
    EXPECT_TRUE(dps::fromIsoUtc(rows[0].started));

    finishFromHome(k, map);
    map = k.waitFor("finish");
    EXPECT_EQ(map.language, "nl") << "the thank-you is in the visitor's language";
    const Image finish = k.capture("finish");
    expectLooksLikeAScreen(finish, "finish");
    rows = k.visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "finished");
    ASSERT_TRUE(dps::fromIsoUtc(rows[0].ended));
    EXPECT_GE(*dps::fromIsoUtc(rows[0].ended), *dps::fromIsoUtc(rows[0].started));

    // The thank-you screen returns to Welcome by itself, in the default language.
    map = k.waitFor("welcome", 8s);
    EXPECT_EQ(map.language, "fr");

    EXPECT_GT(dps::test::differingShare(welcome, home), 0.02);
    EXPECT_GT(dps::test::differingShare(home, finish), 0.02);
    EXPECT_GT(dps::test::differingShare(welcome, finish), 0.02);
}

TEST(KioskProcess, IdleVisitorIsAskedThenTheVisitEndsAndIsWiped) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.language.en");
    k.waitFor("welcome", 5s, "en");
    k.click(map, "welcome.start");
    k.waitFor("home");
    const Image home = k.capture("home");

    // Nobody touches anything: after 5 s the prompt, after 4 more the visit ends.
    k.waitFor("still-there", 10s);
    const Image prompt = k.capture("still-there");
    expectLooksLikeAScreen(prompt, "still-there");
    EXPECT_GT(dps::test::differingShare(home, prompt), 0.02);
    EXPECT_EQ(k.visits().at(0).reason, "");

    map = k.waitFor("welcome", 10s);
    EXPECT_EQ(map.language, "fr") << "nothing of the last visitor remains, not even the language";
    const auto rows = k.visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "idle_timeout");
    const auto length = *dps::fromIsoUtc(rows[0].ended) - *dps::fromIsoUtc(rows[0].started);
    EXPECT_GE(length, 8s) << "ended before idle timeout + countdown";
    EXPECT_LE(length, 30s);
}

TEST(KioskProcess, AnsweringThePromptKeepsTheVisitGoing) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    k.waitFor("home");
    map = k.waitFor("still-there", 10s);
    k.click(map, "still-there.yes");
    k.waitFor("home", 3s);
    const auto rows = k.visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "");
}

TEST(KioskProcess, StopSignalClosesTheOpenVisit) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    k.waitFor("home");
    k.process().signal(SIGTERM);
    const auto rc = k.process().wait(5s);
    ASSERT_TRUE(rc) << "SIGTERM did not stop the kiosk";
    EXPECT_EQ(*rc, 0);
    EXPECT_EQ(k.visits().at(0).reason, "shutdown");
}

TEST(KioskProcess, VisitCutOffByAKillIsRecordedAsInterruptedAtNextStart) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    k.waitFor("home");
    k.process().signal(SIGKILL); // as close to a pulled plug as a test gets
    k.process().wait(5s);
    ASSERT_EQ(k.visits().at(0).reason, "") << "the visit row was written before the kill";
    k.start();
    k.waitFor("welcome");
    EXPECT_EQ(k.visits().at(0).reason, "interrupted");
    EXPECT_THAT(k.process().stderrText(), HasSubstr("1 visit(s) were cut off"));
}

TEST(KioskProcess, TextSizeAndContrastApplyToTheVisitAndResetAfterIt) {
    KioskHarness k(kShortTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    const auto normalStart = map.buttons.at("welcome.start");
    const Image normal = k.capture("normal");
    k.click(map, "chrome.text-size");
    map = k.waitUntil(
        [&](const auto& m) { return m.buttons.at("welcome.start").height() > normalStart.height() * 14 / 10; },
        "buttons 150 % high");
    k.click(map, "chrome.contrast");
    // High contrast is yellow on black: the background turns black, by the next frame the kiosk
    // draws; on a loaded machine that may take a while, so look until it shows or 5 s pass (the
    // map gives no sign: the same screen, the same buttons).
    const auto background = [](const Image& image) {
        return image.pixels[static_cast<std::size_t>(KioskHarness::kWidth * 700 + 20)] & 0xFFFFFF;
    };
    Image contrasted = k.capture("contrast");
    for (const auto deadline = std::chrono::steady_clock::now() + 5s;
         background(contrasted) != 0U && std::chrono::steady_clock::now() < deadline;) {
        std::this_thread::sleep_for(100ms);
        contrasted = k.capture("contrast");
    }
    EXPECT_EQ(background(contrasted), 0U);
    EXPECT_NE(background(normal), 0U);
    map = k.current();
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    finishFromHome(k, map);
    k.waitFor("finish");
    map = k.waitFor("welcome", 8s);
    EXPECT_EQ(map.buttons.at("welcome.start").height(), normalStart.height()) << "the next visitor starts at 100 %";
}

namespace {

// CPU time (user + system) the process has used so far, in clock ticks.
long cpuTicks(pid_t pid) {
    const std::string stat = dps::test::readFile("/proc/" + std::to_string(pid) + "/stat");
    std::istringstream in(stat.substr(stat.rfind(')') + 2)); // after the command name
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
        if (i == 14) utime = std::stol(field);
        if (i == 15) stime = std::stol(field);
    }
    return utime + stime;
}

// What a visitor might try to leave the kiosk with: the keys, and a window close request as a
// window manager sends on Alt+F4.
void tryToLeave(KioskHarness& k) {
    for (const char* keys : {"alt+F4", "ctrl+q", "Escape", "ctrl+w", "alt+Tab", "super"})
        k.key(keys);
    EXPECT_TRUE(k.requestWindowClose()) << "the kiosk's window was not found";
    std::this_thread::sleep_for(800ms);
}

} // namespace

TEST(KioskProcess, OutOfOrderShowsOneCalmMessageInThreeLanguagesAndCannotBeLeft) {
    KioskHarness k(kShortTimeouts);
    k.start({"--out-of-order"});
    auto map = k.waitFor("out-of-order");
    EXPECT_TRUE(map.buttons.empty()) << "nothing to press";
    for (const char* language : {"fr", "nl", "en"})
        EXPECT_EQ(map.state["text-" + std::string(language)], "shown") << language;
    const Image shown = k.capture("out-of-order");
    expectLooksLikeAScreen(shown, "out-of-order");

    tryToLeave(k);
    EXPECT_FALSE(k.process().wait(0ms)) << "a key or a close request ended the out-of-order screen";
    EXPECT_EQ(k.current().screen, "out-of-order");
    EXPECT_LT(dps::test::differingShare(shown, k.capture("out-of-order-after")), 0.001) << "nothing changed";

    // Idle, it draws nothing: a few ticks at most in three seconds (the kiosk's own figure is 0).
    const long before = cpuTicks(k.process().pid());
    std::this_thread::sleep_for(3s);
    EXPECT_LE(cpuTicks(k.process().pid()) - before, 3) << "CPU used while nothing happens";

    k.process().signal(SIGTERM);
    const auto rc = k.process().wait(5s);
    ASSERT_TRUE(rc) << "SIGTERM did not stop the out-of-order screen";
    EXPECT_EQ(*rc, 0);
}

TEST(KioskProcess, AVisitorCannotCloseTheFullScreenKioskButAWindowCanBeClosed) {
    {
        KioskHarness k(kShortTimeouts);
        k.start({"--fullscreen"});
        auto map = k.waitFor("welcome");
        k.click(map, "welcome.start");
        k.waitFor("home");
        tryToLeave(k);
        EXPECT_FALSE(k.process().wait(0ms)) << "a visitor closed the kiosk";
        EXPECT_EQ(k.current().screen, "home");
        EXPECT_THAT(k.process().stderrText(), HasSubstr("a request to close the window was refused"));
        k.process().signal(SIGTERM);
        const auto rc = k.process().wait(5s);
        ASSERT_TRUE(rc);
        EXPECT_EQ(*rc, 0) << "a stop signal still ends it";
    }
    {
        KioskHarness k(kShortTimeouts);
        k.start({"--windowed"});
        k.waitFor("welcome");
        EXPECT_TRUE(k.requestWindowClose());
        const auto rc = k.process().wait(5s);
        ASSERT_TRUE(rc) << "a developer's window did not close";
        EXPECT_EQ(*rc, 0);
    }
}
