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

} // namespace

TEST(VoiceGuide, F1TurnsItOnAndTheVisitorHearsEachPageAndControlByKeysAlone) {
    KioskHarness k;
    const auto pipe = k.dir() / "speech";
    dps::test::SpeechPipe heard(pipe);
    k.start({"--speech-capture", pipe.string()});
    k.waitFor("welcome");

    // Nothing is said until the visitor asks.
    k.key("Tab");
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
