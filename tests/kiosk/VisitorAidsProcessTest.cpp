// What helps a visitor besides the lessons, in the real kiosk on a virtual display with a real
// pointer (issue 18): the leave dialog keeps its contrast in contrast mode, and a visit is only
// finished when the visitor confirms it.
#include "KioskHarness.h"

#include <cstdio>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::test::Image;
using dps::test::KioskHarness;
using dps::test::UiMapFile;

namespace {

UiMapFile waitForButton(KioskHarness& k, const std::string& id) {
    return k.waitUntil([&](const UiMapFile& m) { return m.buttons.count(id) != 0; }, id + " on screen");
}

// Share of the pixels inside r that are exactly rgb.
double shareOf(const Image& img, const dps::test::Rect& r, std::uint32_t rgb) {
    std::size_t same = 0, all = 0;
    for (int y = r.y0 + 2; y < r.y1 - 2; ++y) {
        for (int x = r.x0 + 2; x < r.x1 - 2; ++x) {
            ++all;
            if ((img.pixels[static_cast<std::size_t>(y * img.width + x)] & 0xFFFFFF) == rgb) ++same;
        }
    }
    return all == 0 ? 0.0 : static_cast<double>(same) / static_cast<double>(all);
}

} // namespace

// Issue 18 §16: the dimming went over the dialog too, so in contrast mode its yellow buttons and
// white words were darkened. The dialog's own colours must be drawn as they are.
TEST(VisitorAids, TheLeaveDialogKeepsItsContrastInContrastMode) {
    KioskHarness k;
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "chrome.contrast");
    std::this_thread::sleep_for(300ms);
    k.click(k.current(), "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.learn");
    map = k.waitFor("catalogue");
    k.click(map, "catalogue.tutorial.mouse-basics");
    map = k.waitFor("player");
    k.click(map, "player.next"); // a step in: leaving now asks first
    map = k.waitUntil([](const UiMapFile& m) { return m.state.count("step") && m.state.at("step") == "2"; }, "step 2");
    k.click(map, "player.leave");
    map = waitForButton(k, "player.stay");
    std::this_thread::sleep_for(300ms);
    const Image shot = k.capture("leave-dialog-contrast");
    // High contrast's primary yellow (kiosk/ui/Theme.cpp), the fill of the "Stay" button.
    EXPECT_GT(shareOf(shot, map.buttons.at("player.stay"), 0xFFD200), 0.5) << "the dialog is dimmed";
    // Behind the dialog, the lesson is dimmed: its Next button is not its own yellow any more.
    EXPECT_LT(shareOf(shot, map.buttons.at("player.next"), 0xFFD200), 0.05) << "nothing is dimmed";
}

namespace {

// A facilitator, added as the DPS manager does, so a test can read Terminal status.
void addFacilitator(KioskHarness& k) {
    dps::test::writeFile(k.dir() / "pins", "2468\n2468\n");
    ASSERT_EQ(dps::test::runCommand({"sh", "-c",
                                     std::string(DPS_KIOSK_BIN) + " --config " + (k.dir() / "kiosk.toml").string() +
                                         " facilitator add Amina < " + (k.dir() / "pins").string()},
                                    {}, k.dir().path()),
              0);
}

UiMapFile terminalStatus(KioskHarness& k, UiMapFile map) {
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator-unlock");
    for (const char* d : {"2", "4", "6", "8"}) {
        k.click(map, std::string("facilitator.key.") + d);
        std::this_thread::sleep_for(150ms);
    }
    k.click(k.current(), "facilitator.key.ok");
    map = k.waitFor("facilitator", 10s);
    k.click(map, "facilitator.status");
    return k.waitFor("terminal-status");
}

UiMapFile waitReading(KioskHarness& k, const char* value, std::chrono::milliseconds timeout) {
    return k.waitUntil([&](const UiMapFile& m) { return m.state.count("reading") && m.state.at("reading") == value; },
                       std::string("reading ") + value, timeout);
}

} // namespace

// Issue 18 §15: read-aloud is on every visitor screen (the band's button, or the screen's own),
// and a sound output that is there but does not play (here a PulseAudio socket nobody answers,
// and no ALSA device) must not leave the button on "Stop reading"; Terminal status says so.
TEST(VisitorAids, AReadingThatCannotPlayGivesTheButtonBackAndTerminalStatusSaysSo) {
    KioskHarness k;
    addFacilitator(k);
    std::filesystem::create_directories(k.dir() / "runtime" / "pulse");
    dps::test::writeFile(k.dir() / "runtime" / "pulse" / "native", "");
    k.setEnv("XDG_RUNTIME_DIR", (k.dir() / "runtime").string());
    k.start();
    k.waitFor("welcome");
    auto map = waitForButton(k, "chrome.read-aloud"); // once the speech engine is up
    k.click(map, "chrome.read-aloud");
    waitReading(k, "yes", 5s);
    map = waitReading(k, "no", 15s);
    EXPECT_EQ(map.screen, "welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    EXPECT_EQ(map.buttons.count("chrome.read-aloud"), 1U) << "on Home too";
    k.click(map, "home.learn");
    map = k.waitFor("catalogue");
    EXPECT_EQ(map.buttons.count("chrome.read-aloud"), 1U) << "on the catalogue too";
    k.click(map, "catalogue.tutorial.mouse-basics");
    map = waitForButton(k, "player.read-aloud");
    EXPECT_EQ(map.buttons.count("chrome.read-aloud"), 0U) << "one read-aloud button per screen: the lesson's own";
    k.click(map, "player.read-aloud");
    waitReading(k, "yes", 5s);
    map = waitReading(k, "no", 15s);
    map = terminalStatus(k, map);
    EXPECT_EQ(map.state["read-aloud"], "last_reading_failed");
    EXPECT_THAT(k.process().stderrText(), testing::HasSubstr("read-aloud: nothing was heard"));
}

// Without any sound output the button is not offered, and Terminal status says why.
TEST(VisitorAids, WithoutSoundTerminalStatusSaysWhyThereIsNoReadAloud) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev/snd", ec)) {
        if (e.path().filename().string().rfind("pcmC", 0) == 0) GTEST_SKIP() << "this machine has a sound device";
    }
    KioskHarness k;
    addFacilitator(k);
    std::filesystem::create_directories(k.dir() / "runtime");
    k.setEnv("XDG_RUNTIME_DIR", (k.dir() / "runtime").string());
    k.start();
    auto map = k.waitFor("welcome");
    std::this_thread::sleep_for(1s); // the speech engine's start, which finds nothing
    map = k.current();
    EXPECT_EQ(map.buttons.count("chrome.read-aloud"), 0U);
    map = terminalStatus(k, map);
    EXPECT_EQ(map.state["read-aloud"], "no_sound_device");
}

namespace {

UiMapFile openLesson(KioskHarness& k, const std::string& id) {
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.learn");
    map = k.waitFor("catalogue");
    k.click(map, "catalogue.tutorial." + id);
    return k.waitFor("player");
}

// Next, until the step shows `button` (the lessons' first steps have no practice).
UiMapFile nextUntil(KioskHarness& k, const std::string& button) {
    for (int i = 0; i < 6; ++i) {
        const UiMapFile map = k.current();
        if (map.buttons.count(button)) return map;
        const std::string step = map.state.count("step") ? map.state.at("step") : "";
        k.click(map, "player.next");
        k.waitUntil([&](const UiMapFile& m) { return m.state.count("step") && m.state.at("step") != step; },
                    "the next step");
    }
    return waitForButton(k, button);
}

void clickTargets(KioskHarness& k) {
    for (int i = 0; i < 20; ++i) {
        const UiMapFile map = k.current();
        if (!map.buttons.count("exercise.target")) return;
        const auto before = map.buttons.at("exercise.target");
        k.click(map, "exercise.target");
        k.waitUntil(
            [&](const UiMapFile& m) {
                return !m.buttons.count("exercise.target") || m.buttons.at("exercise.target").x0 != before.x0 ||
                       m.buttons.at("exercise.target").y0 != before.y0;
            },
            "the next target");
    }
}

std::pair<int, int> pointerOf(const UiMapFile& m) {
    int x = -1, y = -1;
    if (m.state.count("demo-pointer")) std::sscanf(m.state.at("demo-pointer").c_str(), "%d,%d", &x, &y);
    return {x, y};
}

} // namespace

// Issue 18: "Show me" showed a tip, not how it is done. Now a pointer moves to the circle and
// presses it, again and again, and the visitor can still do the practice meanwhile.
TEST(VisitorAids, ShowMeMovesAPointerToTheCircleAndPressesIt) {
    KioskHarness k;
    k.start();
    openLesson(k, "mouse-basics");
    UiMapFile map = nextUntil(k, "exercise.target");
    EXPECT_EQ(map.state.count("demo"), 0U) << "nothing moves before the visitor asks";
    k.click(map, "player.hint");
    map = k.waitUntil([](const UiMapFile& m) { return m.state.count("demo") && m.state.at("demo") == "moving"; },
                      "the pointer on its way", 5s);
    const auto onTheWay = pointerOf(map);
    map = k.waitUntil([](const UiMapFile& m) { return m.state.count("demo") && m.state.at("demo") == "pressed"; },
                      "the pointer pressing", 5s);
    const auto [x, y] = pointerOf(map);
    const auto target = map.buttons.at("exercise.target");
    EXPECT_TRUE(x >= target.x0 && x <= target.x1 && y >= target.y0 && y <= target.y1)
        << "it presses at " << x << "," << y << ", not on the circle";
    EXPECT_NE(onTheWay, pointerOf(map)) << "the pointer does not move";
    k.capture("show-me-click");
    // Then the visitor does it: the film does not take the clicks.
    k.click(map, "exercise.target");
    k.waitUntil(
        [&](const UiMapFile& m) {
            return m.buttons.count("exercise.target") && m.buttons.at("exercise.target").x0 != target.x0;
        },
        "the next circle");
}

// Issue 18: two clicks too far apart for a double-click opened nothing and said nothing.
TEST(VisitorAids, ADoubleClickTooSlowIsSaidToBe) {
    KioskHarness k;
    k.start();
    openLesson(k, "mouse-basics");
    nextUntil(k, "exercise.target");
    clickTargets(k);
    k.click(waitForButton(k, "player.next"), "player.next");
    nextUntil(k, "exercise.target");
    clickTargets(k);
    UiMapFile map =
        k.waitUntil([](const UiMapFile& m) { return m.state.count("next") && m.state.at("next") == "enabled"; },
                    "second practice done");
    map = nextUntil(k, "exercise.folder");
    EXPECT_EQ(map.state["double-click"], "waiting");
    k.click(map, "exercise.folder");
    std::this_thread::sleep_for(900ms);
    k.click(k.current(), "exercise.folder");
    map = k.waitUntil(
        [](const UiMapFile& m) { return m.state.count("double-click") && m.state.at("double-click") == "too-slow"; },
        "the too-slow note");
    k.capture("double-click-too-slow");
    k.doubleClick(map, "exercise.folder");
    k.waitUntil(
        [](const UiMapFile& m) { return m.state.count("double-click") && m.state.at("double-click") == "waiting"; },
        "the note gone after a double-click done right");
}

// Issue 18: "Look at letter 5" asked the visitor to count; the letter is marked in the field.
TEST(VisitorAids, TheLetterThatDiffersIsMarkedInTheField) {
    KioskHarness k;
    k.start();
    openLesson(k, "keyboard-basics");
    UiMapFile map = nextUntil(k, "exercise.input");
    k.waitUntil([](const UiMapFile& m) { return m.state.count("input") && m.state.at("input") == "focused"; },
                "the text field to have the keyboard");
    k.type("bonjuor"); // asked (in French): bonjour
    k.key("Return");
    map = waitForButton(k, "exercise.letter");
    const auto letter = map.buttons.at("exercise.letter"), input = map.buttons.at("exercise.input");
    EXPECT_GT(letter.x0, input.x0 + (input.x1 - input.x0) / 20) << "not the first letter";
    EXPECT_LT(letter.x1 - letter.x0, (input.x1 - input.x0) / 5) << "one letter, not the word";
    EXPECT_TRUE(letter.y0 >= input.y0 - 4 && letter.y1 <= input.y1 + 4) << "in the field";
    k.capture("letter-marked");
    k.key("BackSpace"); // the visitor corrects: the mark of the old text goes
    k.waitUntil([](const UiMapFile& m) { return m.buttons.count("exercise.letter") == 0; }, "the mark gone");
}

// Issue 18: Finish is one tile among the others, and a tap on it ended the visit at once.
TEST(VisitorAids, HomesFinishAsksBeforeTheVisitEnds) {
    KioskHarness k;
    k.start();
    UiMapFile map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.finish");
    map = waitForButton(k, "home.finish-no");
    EXPECT_EQ(map.screen, "home");
    k.capture("finish-question");
    ASSERT_EQ(k.visits().size(), 1U);
    EXPECT_EQ(k.visits()[0].reason, "") << "asked, not ended";
    k.click(map, "home.finish-no");
    map = k.waitUntil([](const UiMapFile& m) { return m.buttons.count("home.finish-no") == 0; }, "the question gone");
    EXPECT_EQ(map.screen, "home");
    EXPECT_EQ(k.visits()[0].reason, "");
    finishFromHome(k, map);
    k.waitFor("finish");
    EXPECT_EQ(k.visits()[0].reason, "finished");
}
