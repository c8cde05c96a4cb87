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
