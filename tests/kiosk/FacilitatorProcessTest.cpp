// Facilitator mode in the real dps-kiosk on a virtual display, with a real pointer: a facilitator
// added with the terminal command opens the mode by holding the place's name, starts a group
// session of six with two tutorials, moves on from the menu, ends it and sums it up; the next
// visitor finds the mode locked and answers the end questions. The rows in kiosk.db say exactly
// that, and nothing more.
#include "KioskHarness.h"
#include "kiosk/adapters/content/TutorialLoader.h"

#include <algorithm>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <tuple>

using namespace std::chrono_literals;
using dps::test::KioskHarness;
using dps::test::UiMapFile;
using testing::ElementsAre;

namespace {

const char* kFacilitatorConfig = R"(
[kiosk]
languages = ["fr", "nl", "en"]
site_name = "Test DPS"
[visit]
thank_you_seconds = 3
end_questions = true
)";

UiMapFile waitState(KioskHarness& k, const std::string& key, const std::string& value) {
    return k.waitUntil([&](const UiMapFile& m) { return m.state.count(key) && m.state.at(key) == value; },
                       key + " " + value);
}

// Issue 18 §13: with people waiting, the lessons are what the facilitator came to choose. They
// come before the group's details, theme by theme in the catalogue's order, not by internal id.
void expectLessonsFirstByTheme(const UiMapFile& map) {
    static const auto lib =
        dps::kiosk::loadLibrary(std::string(DPS_SOURCE_DIR) + "/assets/tutorials", {"fr", "nl", "en"});
    const auto themeOf = [&](const std::string& id) {
        for (const auto& t : lib.tutorials) {
            if (t.id != id) continue;
            const auto* end = std::end(dps::kiosk::kThemes);
            return std::find_if(std::begin(dps::kiosk::kThemes), end, [&](const char* th) { return t.theme == th; }) -
                   std::begin(dps::kiosk::kThemes);
        }
        ADD_FAILURE() << "unknown lesson " << id;
        return std::ptrdiff_t{0};
    };
    std::vector<std::pair<dps::test::Rect, std::ptrdiff_t>> chips;
    for (const auto& [id, rect] : map.buttons) {
        if (id.rfind("setup.tutorial.", 0) == 0) chips.emplace_back(rect, themeOf(id.substr(15)));
    }
    ASSERT_EQ(chips.size(), lib.tutorials.size()) << "every lesson can be chosen";
    std::sort(chips.begin(), chips.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.y0, a.first.x0) < std::tie(b.first.y0, b.first.x0);
    });
    for (std::size_t i = 1; i < chips.size(); ++i)
        EXPECT_LE(chips[i - 1].second, chips[i].second) << "themes mixed: lesson " << i + 1 << " on screen";
    ASSERT_TRUE(map.buttons.count("setup.individual"));
    EXPECT_LT(chips.back().first.y0, map.buttons.at("setup.individual").y0) << "a lesson after the group's details";
}

// Clicks a button of a scrolling screen, scrolling down until it is fully on screen.
UiMapFile clickVisible(KioskHarness& k, UiMapFile map, const std::string& button) {
    for (int i = 0; i < 12; ++i) {
        if (map.buttons.count(button) && map.buttons.at(button).y1 < KioskHarness::kHeight - 110 &&
            map.buttons.at(button).y0 > 150)
            break;
        k.wheelDown(KioskHarness::kWidth / 2, KioskHarness::kHeight / 2, 2);
        std::this_thread::sleep_for(250ms);
        map = k.current();
    }
    k.click(map, button);
    return map;
}

} // namespace

TEST(FacilitatorProcess, AGroupSessionOfSixWithTwoTutorialsThenAVisitorAnswersTheEndQuestions) {
    KioskHarness k(kFacilitatorConfig);
    // The DPS manager adds a facilitator (the PIN twice, as a script gives it).
    dps::test::writeFile(k.dir() / "pins", "2468\n2468\n");
    const int added =
        dps::test::runCommand({"sh", "-c",
                               std::string(DPS_KIOSK_BIN) + " --config " + (k.dir() / "kiosk.toml").string() +
                                   " facilitator add Amina < " + (k.dir() / "pins").string()},
                              {}, k.dir().path());
    ASSERT_EQ(added, 0);
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.language.nl");
    map = k.waitFor("welcome", 5s, "nl");

    // Held for two seconds, the place's name opens facilitator mode; a click does not.
    k.click(map, "chrome.facilitator");
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(k.current().screen, "welcome");
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator-unlock");
    for (const char* d : {"2", "4", "6", "8"})
        k.click(map, std::string("facilitator.key.") + d);
    map = waitState(k, "pin-digits", "4");
    k.click(map, "facilitator.key.ok");
    map = k.waitFor("facilitator", 10s);
    EXPECT_EQ(map.buttons.count("facilitator.maintenance"), 0U) << "no administrator PIN: no maintenance exit";

    k.click(map, "facilitator.session");
    map = k.waitFor("guided-setup");
    expectLessonsFirstByTheme(map);
    // The lessons come first; then the group, its size in one tap (issue 18 §13).
    k.click(map, "setup.tutorial.mouse-basics");
    map = waitState(k, "tutorials", "1");
    map = clickVisible(k, map, "setup.tutorial.keyboard-basics");
    map = waitState(k, "tutorials", "2");
    map = clickVisible(k, map, "setup.group");
    map = waitState(k, "group-size", "2");
    for (const char* n : {"2", "4", "6", "8", "10", "12"})
        EXPECT_EQ(map.buttons.count(std::string("setup.size.") + n), 1U) << "no quick size " << n;
    map = clickVisible(k, map, "setup.size.6");
    map = waitState(k, "group-size", "6");
    map = clickVisible(k, map, "setup.purpose.learning");
    std::this_thread::sleep_for(200ms);
    map = clickVisible(k, k.current(), "setup.consent");
    std::this_thread::sleep_for(200ms);
    map = clickVisible(k, k.current(), "setup.audience.seniors");
    std::this_thread::sleep_for(200ms);
    k.click(k.current(), "setup.start");
    map = k.waitFor("player");
    EXPECT_EQ(map.state["session"], "1/2");
    EXPECT_EQ(map.language, "nl") << "the participant's language stays";
    // The participants have no control that skips a lesson.
    for (const auto& [id, rect] : map.buttons)
        EXPECT_EQ(id.rfind("session.", 0), std::string::npos) << id << " on the participant's screen";

    // The facilitator moves the group on from the menu (open during the session: no PIN), then
    // ends the session there.
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator");
    k.click(map, "facilitator.session-next");
    map = waitState(k, "session", "2/2");
    EXPECT_EQ(map.screen, "player");
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator");
    k.click(map, "facilitator.session-end");
    map = k.waitFor("session-summary");
    // Issue 18 §13: the summary kept the band's ‹ › and "End session", which did nothing there.
    for (const auto& [id, rect] : map.buttons)
        EXPECT_EQ(id.rfind("session.", 0), std::string::npos) << id << " on the summary";
    k.click(map, "summary.autonomy.some_help");
    std::this_thread::sleep_for(200ms);
    map = k.current();
    k.click(map, "summary.referral.cpas");
    std::this_thread::sleep_for(200ms);
    k.click(k.current(), "summary.save");
    k.waitFor("finish");
    map = k.waitFor("welcome", 8s);
    // Issue 18 §12: the session's end locked facilitator mode: the next person who holds the
    // band is asked for a PIN.
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator-unlock");
    k.click(map, "facilitator.cancel");
    map = k.waitFor("welcome");

    EXPECT_THAT(
        k.joinedRows("SELECT mode, group_size, consent, end_reason, autonomy, referral, language FROM visits", "|"),
        ElementsAre("guided_group|6|1|facilitator_ended|some_help|cpas|nl"));
    EXPECT_THAT(k.joinedRows("SELECT purpose FROM visit_purposes", "|"), ElementsAre("learning"));
    EXPECT_THAT(k.joinedRows("SELECT audience FROM visit_audiences", "|"), ElementsAre("seniors"));
    EXPECT_THAT(
        k.joinedRows("SELECT kind, tutorial_id FROM visit_events WHERE kind != 'step_reached' ORDER BY id", "|"),
        ElementsAre("tutorial_started|mouse-basics", "tutorial_abandoned|mouse-basics",
                    "tutorial_started|keyboard-basics", "tutorial_abandoned|keyboard-basics"));

    // A visitor on their own: Finish asks the two questions.
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    finishFromHome(k, map);
    map = waitState(k, "question", "came-for");
    k.click(map, "question.came-for.eid_help");
    map = waitState(k, "question", "helped");
    k.click(map, "question.helped.yes");
    k.waitFor("finish");
    EXPECT_THAT(k.joinedRows("SELECT mode, end_reason, came_for, helped FROM visits ORDER BY id", "|"),
                ElementsAre("guided_group|facilitator_ended||", "free|finished|eid_help|yes"));
    // Staff data stays staff data: the facilitator's name is in their own table, not with visits.
    EXPECT_THAT(k.joinedRows("SELECT name FROM facilitators", "|"), ElementsAre("Amina"));
    EXPECT_EQ(k.process().stderrText().find("2468"), std::string::npos) << "the PIN is never logged";
}

TEST(FacilitatorProcess, TheMaintenanceExitTakesTheAdministratorPinAndEndsWithItsOwnCode) {
    KioskHarness k(kFacilitatorConfig);
    const auto command = [&](const std::string& args, const std::string& input) {
        dps::test::writeFile(k.dir() / "input", input);
        return dps::test::runCommand({"sh", "-c",
                                      std::string(DPS_KIOSK_BIN) + " --config " + (k.dir() / "kiosk.toml").string() +
                                          " " + args + " < " + (k.dir() / "input").string()},
                                     {}, k.dir().path());
    };
    ASSERT_EQ(command("facilitator add Amina", "2468\n2468\n"), 0);
    EXPECT_NE(command("admin-pin set", "1357\n1357\n"), 0) << "too short for the administrator";
    ASSERT_EQ(command("admin-pin set", "97531864\n97531864\n"), 0);
    k.start();
    auto map = k.waitFor("welcome");
    k.hold(map, "chrome.facilitator", 2500ms);
    map = k.waitFor("facilitator-unlock");
    // Digit by digit, each on the map of the moment: the first one clears "Wrong PIN", which
    // moves the keypad.
    const auto typePin = [&](const std::string& digits) {
        for (std::size_t i = 0; i < digits.size(); ++i) {
            k.click(map, std::string("facilitator.key.") + digits[i]);
            map = waitState(k, "pin-digits", std::to_string(i + 1));
        }
        k.click(map, "facilitator.key.ok");
    };
    typePin("2468");
    map = k.waitFor("facilitator", 10s);
    k.click(map, "facilitator.maintenance");
    map = waitState(k, "pin-for", "maintenance");
    EXPECT_EQ(map.screen, "facilitator-unlock");
    typePin("2468");
    map = waitState(k, "unlock", "refused");
    EXPECT_FALSE(k.process().wait(0ms)) << "a facilitator's PIN is not the administrator's";
    // Issue 18 §14: counted against the administrator PIN only.
    EXPECT_THAT(k.joinedRows("SELECT failures FROM admin_pin_lock"), ElementsAre("1"));
    EXPECT_THAT(k.joinedRows("SELECT failures FROM facilitator_lock"), ElementsAre("0"));
    typePin("97531864");
    const auto rc = k.process().wait(10s);
    ASSERT_TRUE(rc) << "the maintenance exit did not end the kiosk";
    EXPECT_EQ(*rc, 64) << "the code the session unit does not restart";
    EXPECT_EQ(k.process().stderrText().find("97531864"), std::string::npos) << "the PIN is never logged";
}
