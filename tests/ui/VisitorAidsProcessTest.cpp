// What helps a visitor besides the lessons, in the real kiosk on a virtual display with a real
// pointer (issue 18): the leave dialog keeps its contrast in contrast mode, and a visit is only
// finished when the visitor confirms it.
#include "KioskHarness.h"

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
