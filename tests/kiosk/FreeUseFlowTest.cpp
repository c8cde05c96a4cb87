// Every rule of a free-use session (issue 20) on a fake clock and a fake browser: the tile, the
// intro, the time and its warnings, idle, closing time, Help, Finish, a facilitator's more time,
// end and start, the wipe's paths, and that nothing of one session reaches the next visit.
#include "FakeBrowserSession.h"
#include "FakeClock.h"
#include "FreeUseTestSettings.h"
#include "RecordingVisitLog.h"
#include "kiosk/core/KioskFlow.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace std::chrono_literals;
using dps::kiosk::EndReason;
using dps::kiosk::Feature;
using dps::kiosk::FlowSettings;
using dps::kiosk::FreeUseEnd;
using dps::kiosk::FreeUseNotice;
using dps::kiosk::FreeUsePhase;
using dps::kiosk::Intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::OpeningHours;
using dps::kiosk::Screen;
namespace intent = dps::kiosk::intent;

namespace {

FlowSettings freeUseSettings() { return dps::test::freeUseFlowSettings(); }

class FreeUseFlowTest : public testing::Test {
protected:
    void make(FlowSettings s, bool withBrowser = true) {
        flow.emplace(std::move(s), log, clock, KioskFlow::noTutorials(), nullptr, withBrowser ? &browser : nullptr);
    }
    void SetUp() override { make(freeUseSettings()); }
    void apply(const Intent& i) { flow->apply(i); }
    // The clock moves in steps of a second, the runner calling update() at each, as it does.
    void wait(std::chrono::seconds d) {
        for (auto s = 0s; s < d; s += 1s) {
            clock.advance(1s);
            flow->update();
        }
    }
    void startSession(const char* language = "fr") {
        apply(intent::ChooseLanguage{language});
        apply(intent::StartVisit{});
        apply(intent::OpenFreeUse{});
        apply(intent::StartFreeUse{});
        ASSERT_EQ(flow->screen(), Screen::FreeUseBar);
    }
    void unlock() {
        apply(intent::OpenFacilitator{});
        for (const char d : {'2', '4', '6', '8'})
            apply(intent::FacilitatorPinDigit{d});
        apply(intent::FacilitatorPinSubmit{});
        ASSERT_TRUE(flow->takeUnlockRequest());
        flow->deliverUnlock(std::string("Amina"));
        ASSERT_EQ(flow->screen(), Screen::Facilitator);
    }
    const dps::test::RecordingVisitLog::Visit& lastVisit() const { return log.visits.back(); }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    dps::test::FakeBrowserSession browser;
    std::optional<KioskFlow> flow;
};

bool hasTile(const KioskFlow& f) {
    const auto& t = f.homeTiles();
    return std::find(t.begin(), t.end(), Feature::FreeUse) != t.end();
}

} // namespace

TEST_F(FreeUseFlowTest, HomeOffersItBeforeFinishOnlyWhenEnabledAndTheTerminalHasABrowser) {
    EXPECT_EQ(flow->homeTiles(), (std::vector<Feature>{Feature::FreeUse, Feature::Finish}));
    make(freeUseSettings(), false);
    EXPECT_FALSE(hasTile(*flow));
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::Home) << "no browser: the tile's intent does nothing";
    FlowSettings off = freeUseSettings();
    off.freeUse.enabled = false;
    make(off);
    EXPECT_FALSE(hasTile(*flow));
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::Home);
}

TEST_F(FreeUseFlowTest, TheIntroLeadsToTheBarAndTheBrowserOpensOnTheStartPageInTheVisitsLanguage) {
    apply(intent::ChooseLanguage{"nl"});
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseIntro);
    EXPECT_EQ(flow->freeUseOffered(), 60min);
    EXPECT_TRUE(browser.starts.empty()) << "nothing starts before the visitor read the intro";
    apply(intent::BackToHome{});
    EXPECT_EQ(flow->screen(), Screen::Home);
    apply(intent::OpenFreeUse{});
    apply(intent::StartFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    EXPECT_TRUE(flow->barMode());
    ASSERT_EQ(browser.starts.size(), 1U);
    EXPECT_EQ(browser.starts[0].language, "nl");
    const auto& tiles = browser.starts[0].tiles;
    const auto municipality =
        std::find_if(tiles.begin(), tiles.end(), [](const auto& t) { return t.url == "https://irisbox.brussels/"; });
    ASSERT_NE(municipality, tiles.end());
    EXPECT_EQ(municipality->name, "Mijn gemeente");
    // The visit knows at once that a session runs, so a power cut leaves it marked.
    ASSERT_TRUE(lastVisit().freeUse);
    EXPECT_FALSE(lastVisit().freeUse->end);
    EXPECT_EQ(flow->freeUseTimeLeft(), 60min);
}

TEST_F(FreeUseFlowTest, ABrowserThatCannotStartLeavesTheIntroSayingSoAndRecordsNothing) {
    browser.canStart = false;
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    apply(intent::StartFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseIntro);
    EXPECT_TRUE(flow->freeUse().startFailed());
    EXPECT_FALSE(lastVisit().freeUse);
    EXPECT_EQ(browser.stops, 0);
}

TEST_F(FreeUseFlowTest, WarnsAtFiveAndOneMinutesThenGivesALastThirtySecondsThenWipes) {
    startSession();
    browser.wipeReport = dps::kiosk::WipeReport{true, {"processes", "home"}, 3, true, true};
    // The visitor keeps working: input in the browser every minute.
    const auto workFor = [&](std::chrono::seconds d) {
        for (auto s = 0s; s < d; s += 60s) {
            browser.news.input = true;
            wait(std::min<std::chrono::seconds>(60s, d - s));
        }
    };
    workFor(54min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    EXPECT_EQ(flow->freeUseTimeLeft(), 6min);
    workFor(1min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::FiveMinutes);
    workFor(3min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::FiveMinutes);
    workFor(1min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::OneMinute);
    browser.news.input = true;
    wait(59s);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::OneMinute);
    EXPECT_EQ(flow->freeUseTimeLeft(), 1s);
    wait(1s);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::LastSeconds);
    EXPECT_EQ(flow->freeUseLeft(), 30s);
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    EXPECT_EQ(browser.stops, 0);
    wait(29s);
    EXPECT_EQ(flow->freeUseLeft(), 1s);
    EXPECT_EQ(browser.stops, 0);
    clock.advance(1s);
    flow->update(); // the wipe is asked
    EXPECT_EQ(browser.stops, 1);
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    flow->update(); // its report comes
    EXPECT_FALSE(flow->visitOpen());
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    EXPECT_TRUE(flow->lastWipeVerified());
    const auto& v = lastVisit();
    ASSERT_TRUE(v.freeUse && v.freeUse->end);
    EXPECT_EQ(*v.freeUse->end, FreeUseEnd::TimeUp);
    EXPECT_EQ(v.freeUse->minutes, 61) << "60 minutes and the last notice's 30 seconds, rounded up";
    EXPECT_EQ(v.freeUse->pagesPrinted, 3);
    EXPECT_TRUE(v.freeUse->usbUsed);
    EXPECT_TRUE(v.freeUse->eidUsed);
    EXPECT_EQ(v.reason, EndReason::Finished);
    wait(15s);
    EXPECT_EQ(flow->screen(), Screen::Welcome);
}

TEST_F(FreeUseFlowTest, IdleAsksAreYouStillThereInTheBarAndInputAnswersIt) {
    startSession();
    // The kiosk's own idle prompt (300 s) never covers the browser.
    wait(4min + 59s);
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    wait(1s);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::StillThere);
    EXPECT_EQ(flow->freeUseStillThereLeft(), 30s);
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    wait(10s);
    browser.news.input = true; // a key pressed in the browser
    wait(1s);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    wait(5min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::StillThere);
    apply(intent::StillHere{}); // the bar's "Yes"
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    wait(5min + 29s);
    EXPECT_EQ(browser.stops, 0);
    wait(1s);
    EXPECT_EQ(browser.stops, 1);
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Idle);
    EXPECT_EQ(lastVisit().reason, EndReason::IdleTimeout);
}

TEST_F(FreeUseFlowTest, ClosingTimeEndsItThirtySecondsBeforeClosingWithTheSameWarnings) {
    // The clock starts on Monday 09:00; the space closes at 09:40 today.
    FlowSettings s = freeUseSettings();
    s.hours = *OpeningHours::parse({"08:30-09:40", "", "", "", "", "", ""});
    make(s);
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->freeUseOffered(), 39min) << "the intro does not promise an hour";
    apply(intent::StartFreeUse{});
    EXPECT_TRUE(flow->freeUseEndsAtClosing());
    for (int m = 0; m < 35; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar) << "no closing-soon screen over the browser";
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::FiveMinutes);
    for (int m = 0; m < 4; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::OneMinute);
    browser.news.input = true;
    wait(30s); // 09:39:30
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::LastSeconds);
    EXPECT_EQ(browser.stops, 0);
    wait(30s); // 09:40
    EXPECT_EQ(browser.stops, 1);
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Closing);
    EXPECT_EQ(lastVisit().reason, EndReason::Closing);
    wait(15s);
    EXPECT_EQ(flow->screen(), Screen::Closed);
}

TEST_F(FreeUseFlowTest, FinishAndEraseAsksFirst) {
    startSession();
    apply(intent::FinishFreeUse{});
    EXPECT_EQ(browser.stops, 0) << "not without the question";
    apply(intent::AskFinishFreeUse{});
    EXPECT_TRUE(flow->freeUse().confirmingFinish());
    apply(intent::CancelFinishFreeUse{});
    EXPECT_FALSE(flow->freeUse().confirmingFinish());
    apply(intent::FinishFreeUse{});
    EXPECT_EQ(browser.stops, 0);
    clock.advance(12min);
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    EXPECT_EQ(browser.stops, 1);
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    EXPECT_TRUE(flow->visitOpen()) << "the visit ends when the wipe is done";
    flow->update();
    EXPECT_FALSE(flow->visitOpen());
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Finished);
    EXPECT_EQ(lastVisit().freeUse->minutes, 12);
    apply(intent::BackToWelcome{}); // the erased screen's OK
    EXPECT_EQ(flow->screen(), Screen::Welcome);
    EXPECT_EQ(flow->language(), "fr");
}

// Unlocking is not answering: the facilitator who unlocks to look at Terminal status must find the
// call there (it was cleared by the unlock before, so the status screen never showed it).
TEST_F(FreeUseFlowTest, HelpWaitsThroughTheUnlockUntilTheFacilitatorSaysItIsGiven) {
    startSession();
    EXPECT_FALSE(flow->freeUse().helpRequested());
    apply(intent::FreeUseHelp{});
    EXPECT_TRUE(flow->freeUse().helpRequested());
    wait(3min);
    apply(intent::FreeUseHelp{}); // asked again: the wait counts from the first call
    wait(1min);
    unlock();
    EXPECT_TRUE(flow->freeUse().helpRequested()) << "unlocking does not answer the call";
    apply(intent::OpenTerminalStatus{});
    ASSERT_EQ(flow->screen(), Screen::TerminalStatus);
    EXPECT_EQ(flow->freeUseHelpAskedFor(), 4min);
    apply(intent::AnswerFreeUseHelp{});
    EXPECT_FALSE(flow->freeUse().helpRequested());
    EXPECT_EQ(flow->freeUseHelpAskedFor(), 0s);
    apply(intent::BackToFacilitator{});
    apply(intent::CloseFacilitator{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
}

TEST_F(FreeUseFlowTest, OnlyAnUnlockedFacilitatorOnTerminalStatusOrActingOnTheSessionAnswersHelp) {
    startSession();
    apply(intent::FreeUseHelp{});
    apply(intent::AnswerFreeUseHelp{});
    EXPECT_TRUE(flow->freeUse().helpRequested()) << "not from the bar: the visitor cannot answer it";
    unlock();
    apply(intent::AnswerFreeUseHelp{});
    EXPECT_TRUE(flow->freeUse().helpRequested()) << "not from the menu: only Terminal status has \"Help given\"";
    apply(intent::ExtendFreeUse{15});
    EXPECT_FALSE(flow->freeUse().helpRequested()) << "more time is the facilitator acting on the session";
    apply(intent::CloseFacilitator{});
    apply(intent::FreeUseHelp{});
    EXPECT_TRUE(flow->freeUse().helpRequested());
    unlock();
    apply(intent::EndFreeUse{});
    EXPECT_FALSE(flow->freeUse().helpRequested());
}

TEST_F(FreeUseFlowTest, AFacilitatorGivesMoreTimeEvenDuringTheLastNotice) {
    startSession();
    apply(intent::ExtendFreeUse{15});
    EXPECT_EQ(flow->freeUse().limit(), 60min) << "a visitor cannot give themselves time";
    for (int m = 0; m < 60; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::LastSeconds);
    unlock();
    apply(intent::ExtendFreeUse{15});
    EXPECT_EQ(flow->freeUse().limit(), 75min);
    apply(intent::CloseFacilitator{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    EXPECT_EQ(flow->freeUseTimeLeft(), 15min);
    wait(60s);
    EXPECT_EQ(browser.stops, 0);
}

TEST_F(FreeUseFlowTest, AFacilitatorEndsItAndTheModeLocks) {
    startSession();
    unlock();
    EXPECT_EQ(flow->facilitator().openedFrom(), Screen::FreeUseBar);
    apply(intent::EndFreeUse{});
    EXPECT_EQ(browser.stops, 1);
    EXPECT_FALSE(flow->facilitator().unlocked());
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Facilitator);
    EXPECT_EQ(lastVisit().reason, EndReason::FacilitatorEnded);
}

TEST_F(FreeUseFlowTest, AFacilitatorStartsOneForSomeoneWithAnotherLimit) {
    unlock(); // from Welcome, no visit open
    apply(intent::FacilitatorFreeUse{90});
    EXPECT_TRUE(flow->visitOpen());
    EXPECT_EQ(flow->screen(), Screen::FreeUseIntro);
    EXPECT_FALSE(flow->facilitator().unlocked());
    EXPECT_EQ(flow->freeUseOffered(), 90min);
    apply(intent::StartFreeUse{});
    EXPECT_EQ(flow->freeUseTimeLeft(), 90min);
    // A limit out of range is brought within it.
    make(freeUseSettings());
    unlock();
    apply(intent::FacilitatorFreeUse{100000});
    EXPECT_EQ(flow->freeUse().limit(), dps::kiosk::kFreeUseMax);
}

TEST_F(FreeUseFlowTest, ABrowserThatCrashedForGoodEndsTheSessionWiped) {
    startSession();
    browser.news.crashed = true;
    wait(1s);
    EXPECT_EQ(browser.stops, 1) << "a crash is wiped like any other end";
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Crashed);
    EXPECT_EQ(lastVisit().reason, EndReason::Interrupted);
}

TEST_F(FreeUseFlowTest, AWipeNotVerifiedIsNotCalledErasedAndFreeUseStopsOnThisTerminal) {
    browser.wipeReport = dps::kiosk::WipeReport{false, {"processes"}, 0, false, false};
    startSession();
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    flow->update();
    EXPECT_FALSE(flow->lastWipeVerified());
    EXPECT_FALSE(hasTile(*flow));
    wait(15s);
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::Home);
    EXPECT_EQ(browser.starts.size(), 1U);
}

TEST_F(FreeUseFlowTest, AWipeThatNeverReportsIsTakenAsNotVerified) {
    browser.wipeReport.reset();
    startSession();
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    wait(59s);
    EXPECT_TRUE(flow->visitOpen());
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    wait(1s);
    EXPECT_FALSE(flow->visitOpen());
    EXPECT_FALSE(flow->lastWipeVerified());
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Finished);
}

TEST_F(FreeUseFlowTest, NothingOfOneSessionIsLeftForTheNextVisit) {
    startSession("nl");
    apply(intent::FreeUseHelp{});
    clock.advance(50min);
    flow->update();
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    flow->update();
    wait(15s);
    ASSERT_EQ(flow->screen(), Screen::Welcome);
    EXPECT_EQ(flow->language(), "fr");
    EXPECT_EQ(flow->freeUse().phase(), FreeUsePhase::Off);
    EXPECT_FALSE(flow->freeUse().helpRequested());
    EXPECT_FALSE(flow->freeUse().confirmingFinish());
    EXPECT_EQ(flow->freeUse().limit(), 0min);
    startSession("en");
    EXPECT_EQ(flow->freeUseTimeLeft(), 60min);
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::None);
    ASSERT_EQ(browser.starts.size(), 2U);
    EXPECT_EQ(browser.starts[1].language, "en");
    EXPECT_EQ(browser.stops, 1) << "the first session was stopped before the second started";
    ASSERT_EQ(log.visits.size(), 2U);
    EXPECT_FALSE(log.visits[1].freeUse->end);
    EXPECT_EQ(log.visits[0].freeUse->minutes, 50);
}

TEST_F(FreeUseFlowTest, StoppingTheKioskWipesASessionAndRecordsItInterrupted) {
    startSession();
    clock.advance(7min + 10s);
    flow->shutdown();
    EXPECT_EQ(browser.stops, 1);
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Interrupted);
    EXPECT_EQ(lastVisit().freeUse->minutes, 8);
    EXPECT_EQ(lastVisit().reason, EndReason::Shutdown);
}

TEST_F(FreeUseFlowTest, WhileItRunsTheFlowWakesEverySecondForTheBrowsersNewsAndTheBar) {
    apply(intent::StartVisit{});
    EXPECT_EQ(*flow->nextDeadline(), clock.steady() + 300s);
    apply(intent::OpenFreeUse{});
    apply(intent::StartFreeUse{});
    EXPECT_EQ(*flow->nextDeadline(), clock.steady() + 1s);
}

// Issue 20, the facilitator's lines (second round): the edges of "more time", "end" and "for
// someone" that the tests above leave out.
TEST_F(FreeUseFlowTest, MoreTimeNeverLeavesMoreThanTheLongestSessionAtOnce) {
    startSession();
    for (int m = 0; m < 10; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    unlock();
    for (int i = 0; i < 20; ++i)
        apply(intent::ExtendFreeUse{30});
    EXPECT_EQ(flow->freeUseTimeLeft(), dps::kiosk::kFreeUseMax) << "50 min left + 600 asked: capped from now";
    apply(intent::ExtendFreeUse{0});
    apply(intent::ExtendFreeUse{-15});
    EXPECT_EQ(flow->freeUseTimeLeft(), dps::kiosk::kFreeUseMax) << "nothing, or less, is not more time";
}

TEST_F(FreeUseFlowTest, MoreTimeDoesNotTakeBackTheLastNoticeWhenClosingTimeEndsIt) {
    FlowSettings s = freeUseSettings();
    s.hours = *OpeningHours::parse({"08:30-09:40", "", "", "", "", "", ""});
    make(s);
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    apply(intent::StartFreeUse{});
    for (int m = 0; m < 39; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    browser.news.input = true;
    wait(35s); // 09:39:35: the last notice, closing
    ASSERT_EQ(flow->freeUseNotice(), FreeUseNotice::LastSeconds);
    unlock();
    apply(intent::ExtendFreeUse{30});
    EXPECT_EQ(flow->freeUseNotice(), FreeUseNotice::LastSeconds) << "the space closes: no time can be given";
    wait(30s);
    EXPECT_EQ(browser.stops, 1);
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Closing);
}

TEST_F(FreeUseFlowTest, OnlyAFacilitatorAtWorkGivesTimeOrEndsItAndTheRecordKeepsTheWholeSession) {
    startSession();
    apply(intent::EndFreeUse{});
    EXPECT_EQ(browser.stops, 0) << "the bar has no such control: a visitor cannot end it as a facilitator";
    for (int m = 0; m < 20; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    unlock();
    apply(intent::ExtendFreeUse{30});
    apply(intent::CloseFacilitator{});
    apply(intent::ExtendFreeUse{30}); // facilitator mode closed: no more
    EXPECT_EQ(flow->freeUse().limit(), 90min);
    for (int m = 0; m < 65; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    EXPECT_EQ(browser.stops, 0) << "85 minutes of 90";
    unlock();
    apply(intent::EndFreeUse{});
    EXPECT_EQ(browser.stops, 1);
    flow->update();
    EXPECT_EQ(lastVisit().freeUse->minutes, 85);
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Facilitator);
}

TEST_F(FreeUseFlowTest, NoSessionForSomeoneWhileOneRunsOrAfterAWipeNotVerified) {
    startSession();
    unlock();
    apply(intent::FacilitatorFreeUse{120});
    EXPECT_EQ(flow->freeUse().limit(), 60min) << "the running session is not replaced";
    EXPECT_EQ(browser.stops, 0);
    browser.wipeReport = dps::kiosk::WipeReport{false, {"processes"}, 0, false, false};
    apply(intent::EndFreeUse{});
    flow->update();
    ASSERT_FALSE(flow->lastWipeVerified());
    wait(15s);
    ASSERT_FALSE(flow->visitOpen());
    unlock();
    apply(intent::FacilitatorFreeUse{30});
    EXPECT_EQ(flow->screen(), Screen::Facilitator) << "free use stays stopped until the kiosk restarts";
    EXPECT_FALSE(flow->visitOpen());
}

TEST_F(FreeUseFlowTest, AVisitorWhoClosesTheBrowserEndsTheSessionAsFinishDoes) {
    // The runner ends the session when its last window closes (docs/free-use.md): a visitor leaving.
    startSession();
    browser.news.closed = true;
    wait(1s);
    EXPECT_EQ(browser.stops, 1) << "closed is wiped like any other end";
    flow->update();
    EXPECT_EQ(*lastVisit().freeUse->end, FreeUseEnd::Finished);
}

TEST_F(FreeUseFlowTest, AStickUsedIsToBeTakenOnceTheWipeHasUnmountedItAndNotBefore) {
    // The runner reports usb_used=1 after it unmounted the stick (docs/free-use.md "USB"): the
    // erased screen then says "You can take your USB stick now"; while the wipe runs it must not.
    browser.wipeReport = dps::kiosk::WipeReport{true, {"processes", "home", "usb"}, 0, true, false};
    startSession();
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseErased);
    EXPECT_FALSE(flow->usbStickToTake()) << "the wipe (and the unmount) is not over yet";
    flow->update();
    EXPECT_FALSE(flow->visitOpen());
    EXPECT_TRUE(flow->usbStickToTake());
    // The next session without a stick says nothing of one.
    wait(15s);
    browser.wipeReport = dps::kiosk::WipeReport{true, {"processes", "home", "usb"}, 0, false, false};
    startSession();
    EXPECT_FALSE(flow->usbStickToTake());
    apply(intent::AskFinishFreeUse{});
    apply(intent::FinishFreeUse{});
    flow->update();
    EXPECT_FALSE(flow->visitOpen());
    EXPECT_FALSE(flow->usbStickToTake());
}
