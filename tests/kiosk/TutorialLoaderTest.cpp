// The tutorial loader and validator on real files: a good tutorial loads whole; each kind of
// mistake is reported with its file, line, column and a message an author understands.
#include "kiosk/adapters/content/TutorialLoader.h"
#include "TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::kiosk::loadLibrary;
using dps::kiosk::loadTutorial;
using dps::test::TempDir;
using dps::test::writeFile;
using testing::HasSubstr;

namespace {

const std::vector<std::string> kLanguages{"fr", "nl", "en"};

// A real 1x1 PNG.
const unsigned char kPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
                              0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
                              0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
                              0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92,
                              0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

const char* kGood = R"(id: first-steps
version: 2
level: 1
theme: computer-basics
minutes: 5
digcomp: ["5.2", "1.1"]
pictogram: mouse
title: {fr: Premiers pas, nl: Eerste stappen, en: First steps}
summary: {fr: Bougez la souris., nl: Beweeg de muis., en: Move the mouse.}
learned: {fr: Vous savez cliquer., nl: U kunt klikken., en: You can click.}
next: second
steps:
  - text: {fr: Regardez., nl: Kijk., en: Look.}
    image: hand.png
  - text: {fr: Cliquez., nl: Klik., en: Click.}
    hint: {fr: À gauche., nl: Links., en: Left.}
    exercise:
      type: click-targets
      count: 3
  - text: {fr: Choisissez., nl: Kies., en: Choose.}
    exercise:
      type: choice
      question: {fr: "Quoi ?", nl: "Wat?", en: "What?"}
      answers:
        - text: {fr: Oui, nl: Ja, en: Yes}
          correct: true
        - text: {fr: Non, nl: Nee, en: No}
          feedback: {fr: Non., nl: Nee., en: No.}
)";

std::filesystem::path tutorial(const TempDir& dir, const std::string& id, const std::string& yaml) {
    const auto folder = dir.path() / id;
    std::filesystem::create_directories(folder);
    writeFile(folder / "tutorial.yaml", yaml);
    writeFile(folder / "hand.png", std::string(reinterpret_cast<const char*>(kPng), sizeof kPng));
    return folder;
}

std::string yamlReplaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

std::vector<std::string> tutorialProblemsOf(const std::string& yaml) {
    TempDir dir;
    const auto loaded = loadTutorial(tutorial(dir, "first-steps", yaml), kLanguages);
    std::vector<std::string> out;
    for (const auto& p : loaded.problems) {
        const std::string s = p.str();
        out.push_back(s.substr(s.find("tutorial.yaml")));
    }
    return out;
}

} // namespace

TEST(TutorialLoader, GoodTutorialLoadsWhole) {
    TempDir dir;
    const auto loaded = loadTutorial(tutorial(dir, "first-steps", kGood), kLanguages);
    ASSERT_TRUE(loaded.tutorial) << (loaded.problems.empty() ? "" : loaded.problems[0].str());
    EXPECT_TRUE(loaded.problems.empty());
    const auto& t = *loaded.tutorial;
    EXPECT_EQ(t.id, "first-steps");
    EXPECT_EQ(t.version, 2);
    EXPECT_EQ(t.digcomp, (std::vector<std::string>{"5.2", "1.1"}));
    EXPECT_EQ(*t.title.in("nl", "fr").text, "Eerste stappen");
    ASSERT_EQ(t.steps.size(), 3U);
    EXPECT_EQ(t.steps[0].image, "hand.png");
    EXPECT_FALSE(t.steps[0].exercise);
    ASSERT_TRUE(t.steps[1].exercise);
    EXPECT_EQ(std::get<dps::kiosk::ClickTargetsExercise>(*t.steps[1].exercise).count, 3);
    const auto& choice = std::get<dps::kiosk::ChoiceExercise>(*t.steps[2].exercise);
    ASSERT_EQ(choice.answers.size(), 2U);
    EXPECT_TRUE(choice.answers[0].correct);
    EXPECT_EQ(*choice.answers[1].feedback.in("en", "fr").text, "No.");
}

TEST(TutorialLoader, YamlSyntaxErrorNamesLineAndColumn) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "minutes: 5", "minutes: [5"));
    ASSERT_FALSE(p.empty());
    EXPECT_THAT(p[0], HasSubstr("tutorial.yaml:"));
    EXPECT_THAT(p[0], HasSubstr("YAML syntax"));
}

TEST(TutorialLoader, UnknownKeyIsReportedWhereItStandsWithASuggestion) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "minutes: 5", "minutes: 5\nminuts: 6"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:6:1: unknown key 'minuts' in a tutorial (did you mean 'minutes'?)");
}

TEST(TutorialLoader, MissingTranslationIsReportedButDoesNotBlock) {
    TempDir dir;
    const auto loaded = loadTutorial(
        tutorial(dir, "first-steps",
                 yamlReplaced(kGood, "{fr: Cliquez., nl: Klik., en: Click.}", "{fr: Cliquez., en: Click.}")),
        kLanguages);
    ASSERT_EQ(loaded.problems.size(), 1U);
    EXPECT_THAT(loaded.problems[0].str(), HasSubstr("tutorial.yaml:15:11: 'text' has no nl text"));
    EXPECT_FALSE(loaded.problems[0].blocking);
    ASSERT_TRUE(loaded.tutorial);
    const auto shown = loaded.tutorial->steps[1].text.in("nl", "fr");
    EXPECT_EQ(*shown.text, "Cliquez.");
    EXPECT_TRUE(shown.fallback) << "the view must be able to mark the fallback";
}

TEST(TutorialLoader, MissingImageIsReported) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "image: hand.png", "image: feet.png"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:14:12: image 'feet.png' not found");
}

TEST(TutorialLoader, FileThatIsNotAPngIsReported) {
    TempDir dir;
    const auto folder = tutorial(dir, "first-steps", kGood);
    writeFile(folder / "hand.png", "GIF89a, not a PNG at all........");
    const auto loaded = loadTutorial(folder, kLanguages);
    ASSERT_EQ(loaded.problems.size(), 1U);
    EXPECT_THAT(loaded.problems[0].str(), HasSubstr(":14:12: image 'hand.png' is not a PNG file"));
    EXPECT_FALSE(loaded.tutorial);
}

TEST(TutorialLoader, UnknownExerciseTypeIsReported) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "type: click-targets", "type: clik-targets"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:18:13: 'clik-targets' is not a known exercise type (did you mean 'click-targets'?)");
}

TEST(TutorialLoader, BadExerciseParameterIsReported) {
    auto p = tutorialProblemsOf(yamlReplaced(kGood, "count: 3", "count: 50"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:19:14: 'count' = 50 is out of range: it must be between 1 and 20");
    p = tutorialProblemsOf(yamlReplaced(kGood, "count: 3", "size: 3"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:19:7: unknown key 'size' in a click-targets exercise");
}

// Issue 18: a drag-drop target is drawn as the content says (the mouse lesson's folder was drawn
// as an archive box); a pictogram the kiosk does not have is an author's mistake.
TEST(TutorialLoader, ADragTargetIsDrawnAsTheContentSays) {
    const std::string drag = "type: drag-drop\n      item: {fr: photo, nl: foto, en: photo}\n"
                             "      target: {fr: le panier, nl: de mand, en: the basket}\n";
    TempDir dir;
    const auto loaded = loadTutorial(tutorial(dir, "first-steps",
                                              yamlReplaced(kGood, "type: click-targets\n      count: 3\n",
                                                           drag + "      target_pictogram: basket\n")),
                                     kLanguages);
    ASSERT_TRUE(loaded.tutorial);
    const auto& e = std::get<dps::kiosk::DragDropExercise>(*loaded.tutorial->steps[1].exercise);
    EXPECT_EQ(e.targetPictogram, "basket");
    const auto p = tutorialProblemsOf(
        yamlReplaced(kGood, "type: click-targets\n      count: 3\n", drag + "      target_pictogram: bin\n"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_EQ(p[0], "tutorial.yaml:21:25: 'bin' is not a known target_pictogram; use one of: folder, envelope, basket");
    TempDir other;
    const auto plain = loadTutorial(
        tutorial(other, "first-steps", yamlReplaced(kGood, "type: click-targets\n      count: 3\n", drag)), kLanguages);
    ASSERT_TRUE(plain.tutorial);
    EXPECT_EQ(std::get<dps::kiosk::DragDropExercise>(*plain.tutorial->steps[1].exercise).targetPictogram, "folder")
        << "a folder unless told";
}

TEST(TutorialLoader, ChoiceWithoutARightAnswerIsReported) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "correct: true", "correct: false"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_THAT(p[0], HasSubstr("no answer is marked 'correct: true'"));
}

TEST(TutorialLoader, WrongValuesOfTheHeaderAreEachReported) {
    std::string yaml = yamlReplaced(kGood, "level: 1", "level: 7");
    yaml = yamlReplaced(yaml, "theme: computer-basics", "theme: cooking");
    yaml = yamlReplaced(yaml, "\"5.2\"", "\"9.9\"");
    yaml = yamlReplaced(yaml, "id: first-steps", "id: other-name");
    const auto p = tutorialProblemsOf(yaml);
    ASSERT_EQ(p.size(), 4U);
    EXPECT_THAT(p[0], HasSubstr(":1:5: 'id' is 'other-name' but the folder is 'first-steps'"));
    EXPECT_THAT(p[1], HasSubstr(":3:8: 'level' = 7 is out of range"));
    EXPECT_THAT(p[2], HasSubstr(":4:8: 'cooking' is not a known theme"));
    EXPECT_THAT(p[3], HasSubstr(":6:11: '9.9' is not a known DigComp 2.2 competence"));
}

TEST(TutorialLoader, TooLongTitleIsReported) {
    const auto p = tutorialProblemsOf(yamlReplaced(kGood, "en: First steps}", "en: " + std::string(61, 'a') + "}"));
    ASSERT_EQ(p.size(), 1U);
    EXPECT_THAT(p[0], HasSubstr("the en text of 'title' is longer than 60 characters"));
}

TEST(TutorialLibrary, SkipsBrokenTutorialsKeepsTheRestAndChecksNext) {
    TempDir dir;
    tutorial(dir, "first-steps", kGood);
    tutorial(dir, "broken", "id: broken\nversion: one\n");
    const auto lib = loadLibrary(dir.path(), kLanguages);
    ASSERT_EQ(lib.tutorials.size(), 1U);
    EXPECT_EQ(lib.tutorials[0].id, "first-steps");
    ASSERT_EQ(lib.skipped.size(), 1U);
    EXPECT_THAT(lib.skipped[0], HasSubstr("broken: "));
    // "next: second" names no tutorial: reported, and the suggestion is dropped.
    EXPECT_TRUE(std::any_of(lib.problems.begin(), lib.problems.end(), [](const auto& p) {
        return p.str().find(":11:7: 'next' names 'second', which is not a tutorial here") != std::string::npos;
    }));
    EXPECT_TRUE(lib.tutorials[0].next.empty());
}

TEST(TutorialLibrary, ShippedTutorialsAreAllValid) {
    const auto lib = loadLibrary(std::string(DPS_SOURCE_DIR) + "/assets/tutorials", kLanguages);
    for (const auto& p : lib.problems)
        ADD_FAILURE() << p.str();
    EXPECT_TRUE(lib.skipped.empty());
}
