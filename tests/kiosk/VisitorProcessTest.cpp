// The visitor's way in the real dps-kiosk on a virtual X display, with a real pointer (xdotool):
// the tap that answers "Are you still there?", what looks hovered after a tap, and the language
// changed after Start (issue 18 §6, §8, §9).
#include "KioskHarness.h"

#include <gtest/gtest.h>
#include <thread>

using namespace std::chrono_literals;
using dps::test::KioskHarness;
using dps::test::UiMapFile;

namespace {

const char* kVisitorTimeouts = R"(
[kiosk]
languages = ["fr", "nl", "en"]
site_name = "Test DPS"
[visit]
idle_timeout_seconds = 5
still_there_seconds = 20
)";

} // namespace

// §6: the tap that answers the question does not also press what was under it.
TEST(VisitorProcess, TheTapThatAnswersAreYouStillThereOpensNothingElse) {
    KioskHarness k(kVisitorTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    const UiMapFile home = k.waitFor("home");
    k.waitFor("still-there", 10s);
    // Where Learn is on Home: a visitor touches the screen there to say "yes".
    k.click(home, "home.learn");
    map = k.waitFor("home", 3s);
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(k.current().screen, "home") << "the tap on the question also opened what was under it";
}

// §9: the screen that follows a tap shows nothing hovered until the pointer moves.
TEST(VisitorProcess, AfterATapTheNextScreenShowsNothingHovered) {
    KioskHarness k(kVisitorTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.learn");
    map = k.waitFor("catalogue");
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(k.current().value("hovered"), "") << "the card under the pointer looks already chosen";
}

// §8: the language can be changed from the band on any visitor screen, and the visit is recorded
// in the language chosen last.
TEST(VisitorProcess, TheLanguageCanBeChangedAfterStartAndTheVisitKeepsTheLastOne) {
    KioskHarness k(kVisitorTimeouts);
    k.start();
    auto map = k.waitFor("welcome");
    EXPECT_EQ(map.language, "fr");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    ASSERT_TRUE(map.has("chrome.language.nl")) << "no language button in the band on Home";
    k.click(map, "chrome.language.nl");
    map = k.waitFor("home", 3s, "nl");
    k.click(map, "home.learn");
    map = k.waitFor("catalogue", 3s, "nl");
    ASSERT_TRUE(map.has("chrome.language.en"));
    k.click(map, "chrome.language.en");
    k.waitFor("catalogue", 3s, "en");
    const auto visits = k.visits();
    ASSERT_EQ(visits.size(), 1U);
    EXPECT_EQ(visits[0].language, "en") << "the visit is recorded in the language chosen last";
}
