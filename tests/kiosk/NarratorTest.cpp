// The voice guide's decisions (issue 21): what a visitor who cannot see hears, and when.
#include "kiosk/core/spoken/Narrator.h"

#include <gtest/gtest.h>

namespace dps::kiosk {
namespace {

std::string describe(const SpokenControl& c) {
    std::string out = c.role == SpokenRole::Choice ? "choice, " : "button, ";
    out += c.name;
    if (c.chosen) out += *c.chosen ? ", chosen" : ", not chosen";
    return out;
}

SpokenControl spokenButton(std::string id, std::string name) { return {std::move(id), std::move(name)}; }

TEST(Narrator, SilentUntilTurnedOn) {
    Narrator n;
    EXPECT_FALSE(n.on());
    EXPECT_EQ(n.frame({"welcome", "Welcome."}, spokenButton("welcome.start", "Start"), describe), std::nullopt);
    EXPECT_EQ(n.last(), "");
}

TEST(Narrator, TurnedOnItSaysHowToMoveThenThePageThenTheFocusedControl) {
    Narrator n;
    EXPECT_EQ(n.toggle("Voice guide on: Tab to move", "Voice guide off"), std::nullopt);
    EXPECT_TRUE(n.on());
    EXPECT_EQ(n.frame({"welcome", "Welcome"}, spokenButton("welcome.start", "Start"), describe),
              "Voice guide on: Tab to move. Welcome. button, Start.");
    // The same frame again: nothing new to say.
    EXPECT_EQ(n.frame({"welcome", "Welcome"}, spokenButton("welcome.start", "Start"), describe), std::nullopt);
}

TEST(Narrator, AMovedFocusSaysTheControlOnly) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    (void)n.frame({"home", "Home"}, std::nullopt, describe);
    EXPECT_EQ(n.frame({"home", "Home"}, spokenButton("home.learn", "Learn"), describe), "button, Learn");
    EXPECT_EQ(n.frame({"home", "Home"}, spokenButton("home.eid", "Check my e-ID"), describe), "button, Check my e-ID");
    // A choice's state is part of what it is: choosing it changes what is said.
    const SpokenControl fr{"chrome.language.fr", "FR", SpokenRole::Choice, false};
    EXPECT_EQ(n.frame({"home", "Home"}, fr, describe), "choice, FR, not chosen");
    SpokenControl chosen = fr;
    chosen.chosen = true;
    EXPECT_EQ(n.frame({"home", "Home"}, chosen, describe), "choice, FR, chosen");
    EXPECT_EQ(n.last(), "choice, FR, chosen");
    // The focus gone for a frame (Tab's way from one control to the next): nothing said, and the
    // same control again is not said twice; another one is.
    EXPECT_EQ(n.frame({"home", "Home"}, std::nullopt, describe), std::nullopt);
    EXPECT_EQ(n.frame({"home", "Home"}, chosen, describe), std::nullopt);
    EXPECT_EQ(n.frame({"home", "Home"}, spokenButton("home.learn", "Learn"), describe), "button, Learn");
}

TEST(Narrator, ANewPageSaysThePageAndItsFocus) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    (void)n.frame({"welcome", "Welcome"}, spokenButton("welcome.start", "Start"), describe);
    EXPECT_EQ(n.frame({"home", "What would you like to do?"}, spokenButton("home.learn", "Learn"), describe),
              "What would you like to do? button, Learn.");
    // A tutorial's next step is a new page even on the same screen.
    EXPECT_EQ(n.frame({"player/2", "Step 2: the mouse"}, std::nullopt, describe), "Step 2: the mouse.");
    EXPECT_EQ(n.frame({"player/3", "Step 3: click"}, std::nullopt, describe), "Step 3: click.");
}

TEST(Narrator, ATextThatChangesIsSaidButACountdownIsNot) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    (void)n.frame({"eid", "Put your card in the reader"}, std::nullopt, describe);
    EXPECT_EQ(n.frame({"eid", "Your card works"}, std::nullopt, describe), "Your card works.");
    (void)n.frame({"still-there", "Are you still there? 30 seconds left"}, std::nullopt, describe);
    EXPECT_EQ(n.frame({"still-there", "Are you still there? 29 seconds left"}, std::nullopt, describe), std::nullopt);
    EXPECT_EQ(
        n.frame({"still-there", "Are you still there? 28 seconds left"}, spokenButton("still.yes", "Yes"), describe),
        "button, Yes");
}

TEST(Narrator, LiveWordsAreSaidWheneverTheyChangeNumbersIncluded) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    const SpokenControl key{"eid.key.5", "5", SpokenRole::Key};
    EXPECT_EQ(n.frame({"pin", "Type your PIN code", "No digit typed"}, key, describe),
              "Help. Type your PIN code. No digit typed. button, 5.");
    // A digit typed: how many, never which; the focus did not move, so it is not said again.
    EXPECT_EQ(n.frame({"pin", "Type your PIN code", "1 digit typed"}, key, describe), "1 digit typed.");
    EXPECT_EQ(n.frame({"pin", "Type your PIN code", "2 digits typed"}, key, describe), "2 digits typed.");
    EXPECT_EQ(n.frame({"pin", "Type your PIN code", "2 digits typed"}, key, describe), std::nullopt);
}

TEST(Narrator, TurnedOffItSaysSoAndThenNothing) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    (void)n.frame({"home", "Home"}, std::nullopt, describe);
    EXPECT_EQ(n.toggle("Help", "Voice guide off"), "Voice guide off");
    EXPECT_FALSE(n.on());
    EXPECT_EQ(n.frame({"home", "Home"}, spokenButton("home.learn", "Learn"), describe), std::nullopt);
    // On again: the help and the page once more, not only what changed.
    (void)n.toggle("Help", "Bye");
    EXPECT_EQ(n.frame({"home", "Home"}, spokenButton("home.learn", "Learn"), describe), "Help. Home. button, Learn.");
}

TEST(Narrator, TheEndOfAVisitTurnsItOffAndForgetsWhatWasSaid) {
    Narrator n;
    (void)n.toggle("Help", "Bye");
    (void)n.frame({"eid", "Your card works"}, std::nullopt, describe);
    n.end();
    EXPECT_FALSE(n.on());
    EXPECT_EQ(n.last(), "");
    EXPECT_EQ(n.frame({"welcome", "Welcome"}, std::nullopt, describe), std::nullopt);
}

TEST(SpokenSentences, EachPartEndsWithAStopUnlessItHasOne) {
    EXPECT_EQ(spokenSentences({"Welcome", "", "Are you there?", "Choose:"}), "Welcome. Are you there? Choose:");
    EXPECT_EQ(spokenSentences({}), "");
    EXPECT_EQ(withoutDigits("12 of 30 s"), " of  s");
}

} // namespace
} // namespace dps::kiosk
