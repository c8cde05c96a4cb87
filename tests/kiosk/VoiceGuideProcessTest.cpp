// The voice guide in the real kiosk on a virtual display, by keys only (issue 21): what a visitor
// who cannot see the screen hears, captured from the kiosk's speech through --speech-capture's
// named pipe (this machine may have no sound device; the kiosk speaks to the pipe all the same).
#include "KioskHarness.h"
#include "SpeechPipe.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::test::KioskHarness;
using dps::test::UiMapFile;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// What the UI map says has the focus, once it is shown.
std::string focusedLabel(KioskHarness& k) {
    const UiMapFile map =
        k.waitUntil([](const UiMapFile& m) { return !m.value("focus").empty(); }, "a focused control");
    return map.label(map.value("focus"));
}

// The real kiosk with its speech going to the test's pipe, on Welcome.
struct GuidedKiosk {
    GuidedKiosk() : heard(k.dir() / "speech") {
        k.start({"--speech-capture", heard.path().string()});
        k.waitFor("welcome");
    }
    KioskHarness k;
    dps::test::SpeechPipe heard;
};

} // namespace

TEST(VoiceGuide, F1TurnsItOnAndTheVisitorHearsEachPageAndControlByKeysAlone) {
    GuidedKiosk kiosk;
    KioskHarness& k = kiosk.k;
    dps::test::SpeechPipe& heard = kiosk.heard;

    // Nothing is said until the visitor asks (a key on Welcome says how: the next test).
    std::this_thread::sleep_for(700ms);
    EXPECT_TRUE(heard.lines().empty()) << heard.joined();

    // F1: how to move and choose, the page, then the control the focus is on (the test
    // configuration's first language is French).
    std::size_t n = heard.lines().size();
    k.key("F1");
    const std::string on = heard.next(
        n, [](const std::string& l) { return contains(l, "Guide vocal"); }, "the help");
    EXPECT_TRUE(on.starts_with("say fr Guide vocal activé. Tab ou les flèches")) << on;
    EXPECT_TRUE(contains(on, "Choisissez votre langue, puis appuyez sur Commencer")) << on;
    EXPECT_TRUE(on.ends_with("choix, Français, choisi.")) << on;

    // Tab to Dutch: its role, its own name and its state.
    n = heard.lines().size();
    k.key("Tab");
    std::string said = heard.next(
        n, [](const std::string& l) { return contains(l, "Nederlands"); }, "Dutch");
    EXPECT_EQ(said, "say fr choix, Nederlands, pas choisi");
    // Enter chooses it: the page again, now in Dutch, and the same control, chosen.
    n = heard.lines().size();
    k.key("Return");
    said = heard.next(
        n, [](const std::string& l) { return l.starts_with("say nl "); }, "the page in Dutch");
    EXPECT_TRUE(said.ends_with("keuze, Nederlands, gekozen.")) << said;
    const std::string startLabel = k.waitFor("welcome", 10s, "nl").label("welcome.start");
    ASSERT_FALSE(startLabel.empty());
    EXPECT_TRUE(contains(said, startLabel)) << said;

    // On to Start (Tab until it is said), then Enter: Home's page and its first control.
    std::string start;
    for (int i = 0; i < 6 && start.empty(); ++i) {
        n = heard.lines().size();
        k.key("Tab");
        said = heard.next(
            n, [](const std::string& l) { return l.starts_with("say "); }, "the next control");
        if (contains(said, startLabel)) start = said;
    }
    EXPECT_EQ(start, "say nl knop, " + startLabel);
    n = heard.lines().size();
    k.key("Return");
    k.waitFor("home");
    said = heard.next(
        n, [](const std::string& l) { return contains(l, "knop, "); }, "Home");
    EXPECT_TRUE(said.ends_with("knop, " + focusedLabel(k) + ".")) << said;

    // F2: the last words again.
    n = heard.lines().size();
    k.key("F2");
    EXPECT_EQ(heard.next(
                  n, [](const std::string& l) { return l.starts_with("say "); }, "the repeat"),
              said);

    // F1 again: off, said in the visitor's language; then moving says nothing.
    n = heard.lines().size();
    k.key("F1");
    EXPECT_EQ(heard.next(
                  n, [](const std::string& l) { return l.starts_with("say "); }, "the guide off"),
              "say nl Spraakgids uit.");
    n = heard.lines().size();
    k.key("Tab");
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(heard.count(), n) << heard.joined();
}

TEST(VoiceGuide, SpeechIsCapturedOnlyToAPipeNeverToAFile) {
    KioskHarness k;
    const auto file = k.dir() / "speech.txt";
    dps::test::writeFile(file, "");
    k.start({"--speech-capture", file.string()});
    const auto status = k.process().wait(20s);
    ASSERT_TRUE(status.has_value()) << "the kiosk started with speech going to a file";
    EXPECT_NE(*status, 0);
    const std::string said = k.process().stdoutText() + k.process().stderrText();
    EXPECT_TRUE(contains(said, "not a named pipe")) << said;
}

// A numeric keypad as on cash machines: 2/4/6/8 move, 5 presses, 0 goes back; F4 and F3 change
// the pace (the last words again at the new one), which is back to normal for the next visitor.
TEST(VoiceGuide, ANumericKeypadMovesChoosesAndGoesBackAndThePaceChanges) {
    GuidedKiosk kiosk;
    KioskHarness& k = kiosk.k;
    dps::test::SpeechPipe& heard = kiosk.heard;
    k.key("F1");
    heard.nextSaid(0, "the help");
    // Down from the languages' row reaches Start; 5 presses it.
    k.key("KP_Down");
    k.waitUntil([](const UiMapFile& m) { return m.value("focus") == "welcome.start"; }, "Start focused");
    k.key("KP_Begin"); // the keypad's 5 with Num Lock off
    k.waitFor("home");
    // To "End my visit" and press it: the question; 0 answers No, as Escape does.
    for (int i = 0; i < 6 && k.current().value("focus") != "home.finish"; ++i) {
        k.key("KP_Right");
        std::this_thread::sleep_for(300ms);
    }
    ASSERT_EQ(k.current().value("focus"), "home.finish");
    std::size_t n = heard.count();
    k.key("KP_Begin");
    const std::string question = heard.next(
        n, [](const std::string& l) { return contains(l, "?"); }, "the question");
    EXPECT_TRUE(question.starts_with("say fr ")) << question;
    k.waitUntil([](const UiMapFile& m) { return m.has("home.finish-no"); }, "the question's answers");
    k.key("KP_Insert"); // the keypad's 0
    k.waitUntil([](const UiMapFile& m) { return !m.has("home.finish-no"); }, "the question answered No");
    EXPECT_EQ(k.current().screen, "home") << "the visit goes on";

    // Faster, twice, then slower: each time the pace, then the last words again.
    n = heard.count();
    const std::string last = heard.lines().back();
    k.key("F4");
    EXPECT_EQ(heard.next(
                  n, [](const std::string& l) { return l.starts_with("rate "); }, "a faster pace"),
              "rate 165");
    k.key("KP_Add");
    EXPECT_EQ(heard.next(
                  n + 2, [](const std::string& l) { return l.starts_with("rate "); }, "faster still"),
              "rate 185");
    k.key("F3");
    EXPECT_EQ(heard.next(
                  n + 4, [](const std::string& l) { return l.starts_with("rate "); }, "slower"),
              "rate 165");
    const auto lines = heard.lines();
    ASSERT_GE(lines.size(), n + 6) << heard.joined();
    EXPECT_EQ(lines[n + 1], last);
    EXPECT_EQ(lines[n + 5], last);

    // The visit ends (Yes): the next visitor starts at the normal pace and without the guide.
    k.click(k.current(), "home.finish");
    k.click(k.waitUntil([](const UiMapFile& m) { return m.has("home.finish-yes"); }, "Yes"), "home.finish-yes");
    k.waitFor("finish");
    k.click(k.current(), "finish.back");
    k.waitFor("welcome");
    heard.next(
        n, [](const std::string& l) { return l == "rate 145"; }, "the normal pace again");
    n = heard.count();
    k.key("Tab");
    EXPECT_TRUE(contains(heard.nextSaid(n, "the hint"), "F1")) << "the guide is off: only the hint";
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(heard.count(), n + 1) << heard.joined();
}

// Without sight, Welcome is found by its keys: the first move there says how to start the guide
// (once), and holding Space for two seconds starts it.
TEST(VoiceGuide, WelcomeSaysHowToStartItAndHoldingSpaceStartsIt) {
    GuidedKiosk kiosk;
    KioskHarness& k = kiosk.k;
    dps::test::SpeechPipe& heard = kiosk.heard;
    k.key("Tab");
    EXPECT_EQ(heard.nextSaid(0, "the hint"),
              "say fr Pour le guide vocal, appuyez sur F1, ou tenez la barre d'espace enfoncée deux secondes.");
    std::size_t n = heard.count();
    k.key("Tab");
    k.key("shift+Tab"); // back on the language in use: Space there changes nothing
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(heard.count(), n) << "the hint twice:\n" << heard.joined();
    // A short Space is no hold.
    k.key("space");
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(heard.count(), n) << heard.joined();
    k.holdKey("space", 2600ms);
    EXPECT_TRUE(heard.nextSaid(n, "the guide on").starts_with("say fr Guide vocal activé.")) << heard.joined();
}
