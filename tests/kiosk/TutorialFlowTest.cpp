// Following a tutorial inside a visit: screens, Next rules, leaving, and the events recorded.
#include "FakeClock.h"
#include "RecordingVisitLog.h"
#include "kiosk/core/BackKey.h"
#include "kiosk/core/KioskFlow.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::kiosk::ClickTargetsExercise;
using dps::kiosk::ClickTargetsRun;
using dps::kiosk::EndReason;
using dps::kiosk::Feature;
using dps::kiosk::FlowSettings;
using dps::kiosk::Intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::LocalText;
using dps::kiosk::Screen;
using dps::kiosk::Tutorial;
using dps::kiosk::TutorialStep;
using dps::kiosk::VisitEvent;
namespace intent = dps::kiosk::intent;

namespace {

LocalText frNlText(const char* fr, const char* nl) { return LocalText({{"fr", fr}, {"nl", nl}}); }

std::vector<Tutorial> library() {
    Tutorial a;
    a.id = "mouse";
    a.version = 3;
    a.theme = "computer-basics";
    a.title = frNlText("Souris", "Muis");
    a.next = "keys";
    TutorialStep intro;
    intro.text = frNlText("Regardez.", "Kijk.");
    TutorialStep practice;
    practice.text = frNlText("Cliquez.", "Klik.");
    practice.exercise = ClickTargetsExercise{2, true};
    TutorialStep last;
    last.text = frNlText("Fini.", "Klaar.");
    a.steps = {intro, practice, last};
    Tutorial b = a;
    b.id = "keys";
    b.theme = "online-safety";
    b.next.clear();
    return {a, b};
}

class TutorialFlowTest : public testing::Test {
protected:
    void SetUp() override {
        flow.apply(intent::ChooseLanguage{"nl"});
        flow.apply(intent::StartVisit{});
        flow.apply(intent::OpenCatalogue{});
    }
    void apply(const Intent& i) { flow.apply(i); }
    std::vector<std::string> eventNames() {
        std::vector<std::string> out;
        for (const auto& [id, e] : log.events)
            out.push_back(std::string(visitEventName(e.kind)) + ":" + std::to_string(e.step));
        return out;
    }

    std::vector<Tutorial> tutorials = library();
    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    KioskFlow flow{FlowSettings{}, log, clock, tutorials};
};

} // namespace

TEST_F(TutorialFlowTest, LearnIsOfferedOnlyWhenThereAreTutorials) {
    EXPECT_EQ(flow.homeTiles(), (std::vector<Feature>{Feature::Learn, Feature::Finish}));
    dps::test::RecordingVisitLog other;
    const std::vector<Tutorial> none;
    KioskFlow empty(FlowSettings{}, other, clock, none);
    EXPECT_EQ(empty.homeTiles(), std::vector<Feature>{Feature::Finish});
}

TEST_F(TutorialFlowTest, CatalogueListsThemesInOrderAndRemembersTheChosenOne) {
    EXPECT_EQ(flow.screen(), Screen::Catalogue);
    EXPECT_EQ(flow.tutorial().themes(), (std::vector<std::string>{"computer-basics", "online-safety"}));
    EXPECT_EQ(flow.tutorial().catalogueTheme(), "computer-basics");
    flow.apply(intent::ChooseTheme{"online-safety"});
    EXPECT_EQ(flow.tutorial().catalogueTheme(), "online-safety");
    flow.apply(intent::ChooseTheme{"cooking"});
    EXPECT_EQ(flow.tutorial().catalogueTheme(), "online-safety");
}

// Escape (issue 21): from the catalogue to Home; in a lesson, the way out that asks first, and
// Escape on that question stays in the lesson.
TEST_F(TutorialFlowTest, EscapeLeavesTheCatalogueAndAsksBeforeLeavingALesson) {
    ASSERT_EQ(flow.screen(), Screen::Catalogue);
    EXPECT_TRUE(std::holds_alternative<intent::BackToHome>(dps::kiosk::backIntent(flow)));
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{}); // a step in: leaving asks first
    ASSERT_TRUE(std::holds_alternative<intent::LeaveTutorial>(dps::kiosk::backIntent(flow)));
    apply(dps::kiosk::backIntent(flow));
    EXPECT_TRUE(flow.tutorial().confirmingLeave());
    apply(dps::kiosk::backIntent(flow));
    EXPECT_FALSE(flow.tutorial().confirmingLeave());
    EXPECT_EQ(flow.screen(), Screen::Player);
    EXPECT_EQ(flow.run()->stepIndex(), 1U);
}

TEST_F(TutorialFlowTest, OpeningATutorialRecordsItsStartInTheVisit) {
    flow.apply(intent::OpenTutorial{"mouse"});
    EXPECT_EQ(flow.screen(), Screen::Player);
    ASSERT_NE(flow.run(), nullptr);
    EXPECT_EQ(flow.run()->language(), "nl");
    EXPECT_EQ(eventNames(), (std::vector<std::string>{"tutorial_started:1", "step_reached:1"}));
    EXPECT_EQ(log.events[0].second.tutorialId, "mouse");
    EXPECT_EQ(log.events[0].second.tutorialVersion, 3);
    EXPECT_EQ(log.events[0].first, 0) << "events belong to the open visit";
}

TEST_F(TutorialFlowTest, NextWaitsForThePracticeThenCompletesTheTutorial) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    EXPECT_EQ(flow.run()->stepIndex(), 1U);
    apply(intent::NextStep{}); // the two targets are not clicked yet
    EXPECT_EQ(flow.run()->stepIndex(), 1U);
    auto& targets = std::get<ClickTargetsRun>(flow.run()->exercise()->state());
    targets.hit();
    targets.hit();
    apply(intent::NextStep{});
    EXPECT_EQ(flow.run()->stepIndex(), 2U);
    apply(intent::NextStep{});
    EXPECT_EQ(flow.screen(), Screen::TutorialEnd);
    EXPECT_TRUE(flow.tutorial().finishedThisVisit("mouse"));
    ASSERT_NE(flow.tutorial().suggestion(), nullptr);
    EXPECT_EQ(flow.tutorial().suggestion()->id, "keys");
    EXPECT_EQ(eventNames(), (std::vector<std::string>{"tutorial_started:1", "step_reached:1", "step_reached:2",
                                                      "step_reached:3", "tutorial_completed:3"}));
}

TEST_F(TutorialFlowTest, RepeatedFailureOffersTheWayOn) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    auto& targets = std::get<ClickTargetsRun>(flow.run()->exercise()->state());
    targets.miss();
    targets.miss();
    EXPECT_FALSE(flow.run()->canGoNext());
    targets.miss();
    EXPECT_TRUE(flow.run()->canGoNext()) << "nobody is ever stuck";
    EXPECT_TRUE(flow.run()->exercise()->wayOn());
}

TEST_F(TutorialFlowTest, LeavingMidWayAsksAndRecordsTheAbandon) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    apply(intent::LeaveTutorial{});
    EXPECT_TRUE(flow.tutorial().confirmingLeave());
    apply(intent::NextStep{}); // ignored behind the question
    EXPECT_EQ(flow.run()->stepIndex(), 1U);
    apply(intent::CancelLeave{});
    EXPECT_EQ(flow.screen(), Screen::Player);
    apply(intent::LeaveTutorial{});
    apply(intent::ConfirmLeave{});
    EXPECT_EQ(flow.screen(), Screen::Catalogue);
    EXPECT_EQ(flow.run(), nullptr);
    EXPECT_EQ(eventNames().back(), "tutorial_abandoned:2");
}

TEST_F(TutorialFlowTest, LeavingTheFirstStepNeedsNoConfirmation) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::LeaveTutorial{});
    EXPECT_EQ(flow.screen(), Screen::Catalogue);
}

TEST_F(TutorialFlowTest, IdleTimeoutInATutorialAbandonsItAndWipesTheVisit) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    clock.advance(300s);
    flow.update();
    EXPECT_EQ(flow.screen(), Screen::StillThere);
    clock.advance(30s);
    flow.update();
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_EQ(flow.run(), nullptr);
    EXPECT_FALSE(flow.tutorial().finishedThisVisit("mouse"));
    EXPECT_EQ(eventNames().back(), "tutorial_abandoned:2");
    EXPECT_EQ(*log.visits[0].reason, EndReason::IdleTimeout);
}

TEST_F(TutorialFlowTest, AnsweringThePromptReturnsToTheSameStep) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    clock.advance(301s);
    flow.update();
    flow.noteActivity();
    EXPECT_EQ(flow.screen(), Screen::Player);
    EXPECT_EQ(flow.run()->stepIndex(), 1U);
}

TEST_F(TutorialFlowTest, SkipMovesOnWithoutThePractice) {
    flow.apply(intent::OpenTutorial{"mouse"});
    apply(intent::NextStep{});
    apply(intent::SkipStep{});
    EXPECT_EQ(flow.run()->stepIndex(), 2U);
}

TEST_F(TutorialFlowTest, MissingTranslationFallsBackWithAMark) {
    LocalText onlyFrench(LocalText::Map{{"fr", "Bonjour"}});
    const auto shown = onlyFrench.in("nl", flow.fallbackLanguage());
    EXPECT_EQ(*shown.text, "Bonjour");
    EXPECT_TRUE(shown.fallback);
}

TEST_F(TutorialFlowTest, EachNewEidVerdictIsRecordedAsItsCodeOnly) {
    apply(intent::BackToHome{});
    apply(intent::OpenEidCheck{});
    EXPECT_EQ(flow.screen(), Screen::EidCheck);
    dps::kiosk::eid::CheckReport missing;
    missing.verdict = dps::kiosk::eid::Outcome::CardMissing;
    flow.deliverEidReport(missing);
    flow.deliverEidReport(missing); // the same verdict again: not counted twice
    dps::kiosk::eid::CheckReport valid;
    valid.verdict = dps::kiosk::eid::Outcome::CardValid;
    flow.deliverEidReport(valid);
    std::vector<std::string> outcomes;
    for (const auto& [id, e] : log.events) {
        if (e.kind == VisitEvent::Kind::EidCheckOutcome) outcomes.push_back(e.outcome);
    }
    EXPECT_EQ(outcomes, (std::vector<std::string>{"card_missing", "card_valid"}));
    apply(intent::BackToHome{});
    EXPECT_FALSE(flow.eid().report()) << "the result goes with the screen";
    flow.deliverEidReport(valid); // a late result after leaving is dropped
    EXPECT_EQ(log.events.size(), 2U);
}
