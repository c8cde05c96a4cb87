// The kiosk's screen state machine and idle rules, driven with a fake clock: no window, no
// sleeping.
#include "kiosk/core/KioskFlow.h"
#include "FakeClock.h"
#include "RecordingVisitLog.h"
#include "kiosk/core/BackKey.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::kiosk::EndReason;
using dps::kiosk::FlowSettings;
using dps::kiosk::Intent;
namespace intent = dps::kiosk::intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::Screen;

namespace {

class KioskFlowTest : public testing::Test {
protected:
    FlowSettings settings() {
        FlowSettings s;
        s.languages = {"fr", "nl", "en"};
        s.idleTimeout = 300s;
        s.stillThereCountdown = 30s;
        s.thankYouTime = 15s;
        return s;
    }
    void start(const char* lang) {
        flow.apply(intent::ChooseLanguage{lang});
        flow.apply(intent::StartVisit{});
    }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    KioskFlow flow{settings(), log, clock};
};

} // namespace

TEST_F(KioskFlowTest, StartsOnWelcomeWithTheFirstLanguageAndNoVisit) {
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_EQ(flow.language(), "fr");
    EXPECT_FALSE(flow.visitOpen());
    EXPECT_TRUE(log.visits.empty());
}

TEST_F(KioskFlowTest, StartOpensAVisitInTheChosenLanguage) {
    clock.advance(1500ms);
    start("nl");
    EXPECT_EQ(flow.screen(), Screen::Home);
    ASSERT_EQ(log.visits.size(), 1U);
    EXPECT_EQ(log.visits[0].language, "nl");
    EXPECT_EQ(log.visits[0].start, clock.wall());
    EXPECT_FALSE(log.visits[0].end);
}

// Issue 18 §8: a visitor who tapped Start before choosing can still change the language, and the
// visit counts in the one chosen last.
TEST_F(KioskFlowTest, TheLanguageChosenDuringAVisitIsTheVisits) {
    start("fr");
    flow.apply(intent::OpenCatalogue{});
    flow.apply(intent::ChooseLanguage{"nl"});
    EXPECT_EQ(flow.language(), "nl");
    flow.apply(intent::ChooseLanguage{"en"});
    ASSERT_EQ(log.visits.size(), 1U);
    EXPECT_EQ(log.visits[0].language, "en");
    flow.apply(intent::ChooseLanguage{"de"});
    EXPECT_EQ(log.visits[0].language, "en") << "a language not offered changes nothing";
}

TEST_F(KioskFlowTest, LanguageNotOfferedIsIgnored) {
    flow.apply(intent::ChooseLanguage{"de"});
    EXPECT_EQ(flow.language(), "fr");
}

TEST_F(KioskFlowTest, FinishClosesTheVisitAndThanksThenReturnsToWelcome) {
    start("en");
    clock.advance(2min);
    flow.apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Finish);
    ASSERT_TRUE(log.visits[0].reason);
    EXPECT_EQ(*log.visits[0].reason, EndReason::Finished);
    EXPECT_EQ(*log.visits[0].end, clock.wall());
    EXPECT_EQ(flow.secondsLeft(), 15);

    clock.advance(14s);
    EXPECT_FALSE(flow.update());
    EXPECT_EQ(flow.secondsLeft(), 1);
    clock.advance(1s);
    EXPECT_TRUE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_EQ(flow.language(), "fr") << "the next visitor starts from the default language";
}

// Issue 18: Finish is one tile among the others; a tap on it by mistake ended the visit at once.
// It asks first; "no" goes on with the same visit, and the question is not left for later.
TEST_F(KioskFlowTest, HomesFinishAsksBeforeTheVisitEnds) {
    start("en");
    flow.apply(intent::AskFinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_TRUE(flow.visit().confirmingFinish());
    EXPECT_TRUE(flow.visitOpen()) << "asked, not ended";
    flow.apply(intent::CancelFinish{});
    EXPECT_FALSE(flow.visit().confirmingFinish());
    EXPECT_TRUE(flow.visitOpen());
    EXPECT_FALSE(log.visits[0].end);

    flow.apply(intent::AskFinishVisit{});
    clock.advance(301s); // nobody answers: the idle prompt, then the visit ends
    flow.update();
    ASSERT_EQ(flow.screen(), Screen::StillThere);
    flow.apply(intent::StillHere{});
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_TRUE(flow.visit().confirmingFinish()) << "still there: the question is still open";
    flow.apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Finish);
    EXPECT_FALSE(flow.visit().confirmingFinish());
    EXPECT_EQ(*log.visits[0].reason, EndReason::Finished);

    flow.apply(intent::BackToWelcome{});
    start("fr");
    EXPECT_FALSE(flow.visit().confirmingFinish()) << "the next visitor is not asked";
}

// Escape (issue 21) goes back as the screen's own way back does, and nowhere on screens that
// have none.
TEST_F(KioskFlowTest, EscapeGoesBackTheWayTheScreensOwnButtonDoes) {
    using dps::kiosk::backIntent;
    EXPECT_TRUE(std::holds_alternative<intent::None>(backIntent(flow))) << "Welcome has no way back";
    start("en");
    EXPECT_TRUE(std::holds_alternative<intent::None>(backIntent(flow))) << "nor has Home";
    flow.apply(intent::AskFinishVisit{});
    EXPECT_TRUE(std::holds_alternative<intent::CancelFinish>(backIntent(flow)));
    flow.apply(backIntent(flow));
    EXPECT_FALSE(flow.visit().confirmingFinish());
    EXPECT_TRUE(flow.visitOpen());
    flow.apply(intent::AskFinishVisit{});
    flow.apply(intent::FinishVisit{});
    ASSERT_EQ(flow.screen(), Screen::Finish);
    EXPECT_TRUE(std::holds_alternative<intent::None>(backIntent(flow))) << "the visit has ended";
}

TEST_F(KioskFlowTest, ThankYouIsSaidInTheVisitorsLanguage) {
    start("nl");
    flow.apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Finish);
    EXPECT_EQ(flow.language(), "nl");
    EXPECT_FALSE(flow.visitOpen());
}

TEST_F(KioskFlowTest, BackToTheStartLeavesTheThankYouAtOnce) {
    start("en");
    flow.apply(intent::FinishVisit{});
    flow.apply(intent::BackToWelcome{});
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_EQ(flow.language(), "fr");
    EXPECT_EQ(log.visits.size(), 1U);
}

TEST_F(KioskFlowTest, NoIdlePromptOnWelcome) {
    clock.advance(2h);
    EXPECT_FALSE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_FALSE(flow.nextDeadline()) << "an unused kiosk has nothing to wake up for";
}

TEST_F(KioskFlowTest, IdleTimeoutAsksWhetherTheVisitorIsStillThere) {
    start("fr");
    EXPECT_EQ(flow.nextDeadline(), clock.steady() + 300s);
    clock.advance(299s);
    EXPECT_FALSE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::Home);
    clock.advance(1s);
    EXPECT_TRUE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::StillThere);
    EXPECT_EQ(flow.secondsLeft(), 30);
    EXPECT_TRUE(flow.visitOpen());
}

TEST_F(KioskFlowTest, InputPostponesTheIdlePrompt) {
    start("fr");
    clock.advance(200s);
    flow.noteActivity();
    clock.advance(200s);
    EXPECT_FALSE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_EQ(flow.nextDeadline(), clock.steady() + 100s);
}

TEST_F(KioskFlowTest, AnyInputOnThePromptResumesTheVisit) {
    start("nl");
    clock.advance(310s);
    flow.update();
    ASSERT_EQ(flow.screen(), Screen::StillThere);
    flow.noteActivity();
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_TRUE(flow.visitOpen());
    EXPECT_EQ(flow.language(), "nl");
    EXPECT_FALSE(log.visits[0].reason);
}

TEST_F(KioskFlowTest, YesIAmHereResumesTheVisit) {
    start("nl");
    clock.advance(301s);
    flow.update();
    flow.apply(intent::StillHere{});
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_TRUE(flow.visitOpen());
}

TEST_F(KioskFlowTest, CountdownRunOutEndsTheVisitAndWipesIt) {
    start("en");
    clock.advance(300s);
    flow.update();
    clock.advance(29s);
    EXPECT_FALSE(flow.update());
    EXPECT_EQ(flow.secondsLeft(), 1);
    clock.advance(1s);
    EXPECT_TRUE(flow.update());
    EXPECT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_FALSE(flow.visitOpen());
    EXPECT_EQ(flow.language(), "fr");
    ASSERT_TRUE(log.visits[0].reason);
    EXPECT_EQ(*log.visits[0].reason, EndReason::IdleTimeout);
    EXPECT_EQ(*log.visits[0].end, clock.wall());
}

TEST_F(KioskFlowTest, CountdownIsMeasuredFromWhenThePromptWasDueEvenIfCheckedLate) {
    start("en");
    clock.advance(300s + 25s); // the machine was busy; update() runs late
    flow.update();
    EXPECT_EQ(flow.screen(), Screen::StillThere);
    EXPECT_EQ(flow.secondsLeft(), 5);
    clock.advance(5s);
    flow.update();
    EXPECT_EQ(flow.screen(), Screen::Welcome);
}

TEST_F(KioskFlowTest, CountdownWakesEverySecondSoTheNumberStaysTrue) {
    start("en");
    clock.advance(300s);
    flow.update();
    EXPECT_EQ(flow.nextDeadline(), clock.steady() + 1s);
    clock.advance(300ms);
    EXPECT_EQ(flow.nextDeadline(), clock.steady() + 700ms);
    EXPECT_EQ(flow.secondsLeft(), 30);
}

TEST_F(KioskFlowTest, NextVisitorGetsAFreshVisit) {
    start("en");
    flow.apply(intent::FinishVisit{});
    flow.apply(intent::BackToWelcome{});
    start("nl");
    ASSERT_EQ(log.visits.size(), 2U);
    EXPECT_EQ(log.visits[1].language, "nl");
    EXPECT_FALSE(log.visits[1].reason);
}

TEST_F(KioskFlowTest, StartIsOnlyHeardOnWelcome) {
    start("en");
    flow.apply(intent::StartVisit{});
    EXPECT_EQ(log.visits.size(), 1U);
}

TEST_F(KioskFlowTest, ShutdownClosesTheOpenVisit) {
    start("fr");
    flow.shutdown();
    ASSERT_TRUE(log.visits[0].reason);
    EXPECT_EQ(*log.visits[0].reason, EndReason::Shutdown);
}

TEST_F(KioskFlowTest, AFailingVisitLogDoesNotStopTheVisitor) {
    log.failWrites = true;
    start("fr");
    EXPECT_EQ(flow.screen(), Screen::Home);
    flow.apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Finish);
    EXPECT_EQ(log.closeCalls, 0) << "a visit that was never recorded is not closed";
}

// Issue 19: KioskFlow routes each intent to the sub-flow that owns it, and only while that
// sub-flow's screen shows; elsewhere the intent is ignored, as a late tap must be.
TEST_F(KioskFlowTest, AnEidIntentReachesTheEidScreenOnly) {
    start("fr");
    flow.apply(intent::EidCheckAgain{});
    EXPECT_FALSE(flow.takeRecheckRequest()) << "on Home an e-ID intent is ignored";
    flow.apply(intent::OpenEidCheck{});
    ASSERT_EQ(flow.screen(), Screen::EidCheck);
    flow.apply(intent::EidCheckAgain{});
    EXPECT_TRUE(flow.takeRecheckRequest()) << "on the e-ID screen it reaches EidFlow";
    flow.apply(intent::BackToHome{});
    flow.apply(intent::EidCheckAgain{});
    EXPECT_FALSE(flow.takeRecheckRequest());
}

TEST_F(KioskFlowTest, EndQuestionAnswersReachTheEndQuestionsOnly) {
    FlowSettings s = settings();
    s.endQuestions = true;
    KioskFlow asking{s, log, clock};
    asking.apply(intent::StartVisit{});
    asking.apply(intent::SkipQuestion{});
    asking.apply(intent::AnswerHelped{dps::kiosk::Helped::Yes});
    EXPECT_EQ(asking.screen(), Screen::Home) << "answers on Home are ignored";
    EXPECT_TRUE(asking.visitOpen());
    asking.apply(intent::FinishVisit{});
    ASSERT_EQ(asking.screen(), Screen::EndQuestions);
    EXPECT_EQ(asking.endQuestions().question(), dps::kiosk::EndQuestion::CameFor);
    asking.apply(intent::AnswerHelped{dps::kiosk::Helped::Yes});
    EXPECT_EQ(asking.endQuestions().question(), dps::kiosk::EndQuestion::CameFor) << "not the question asked";
    asking.apply(intent::AnswerCameFor{dps::kiosk::Purpose::Banking});
    EXPECT_EQ(asking.endQuestions().question(), dps::kiosk::EndQuestion::Helped);
    asking.apply(intent::AnswerHelped{dps::kiosk::Helped::Somewhat});
    EXPECT_EQ(asking.screen(), Screen::Finish);
    EXPECT_FALSE(asking.visitOpen());
    ASSERT_EQ(log.visits.size(), 1U);
    EXPECT_EQ(log.visits[0].outcome.cameFor, dps::kiosk::Purpose::Banking);
    EXPECT_EQ(log.visits[0].outcome.helped, dps::kiosk::Helped::Somewhat);
}

TEST_F(KioskFlowTest, AFacilitatorIntentOffItsScreenIsIgnored) {
    start("fr");
    flow.apply(intent::OpenGuidedSetup{});
    flow.apply(intent::FacilitatorPinDigit{'1'});
    flow.apply(intent::ToggleEndQuestions{});
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_FALSE(flow.settings().endQuestions);
    EXPECT_FALSE(flow.facilitator().unlocked());
    EXPECT_EQ(flow.facilitator().pinDigits(), 0U);
}
