// Facilitator mode and guided sessions in the flow, driven with a fake clock: the PIN and its
// lock-out, the mode's own timeout, a session set up, walked through and summed up, the consent
// rule, the end questions, the opening hours, and settings changed at the terminal.
#include "FakeClock.h"
#include "MemoryTerminalLog.h"
#include "RecordingVisitLog.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/SessionExit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::kiosk::applyStoredSettings;
using dps::kiosk::Audience;
using dps::kiosk::Autonomy;
using dps::kiosk::closeAllowed;
using dps::kiosk::CloseRequest;
using dps::kiosk::consentProblem;
using dps::kiosk::EndQuestion;
using dps::kiosk::EndReason;
using dps::kiosk::Equipment;
using dps::kiosk::EquipmentState;
using dps::kiosk::FlowSettings;
using dps::kiosk::GuidedVisit;
using dps::kiosk::Intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::LocalText;
using dps::kiosk::OpeningHours;
using dps::kiosk::Purpose;
using dps::kiosk::Referral;
using dps::kiosk::Screen;
using dps::kiosk::Tutorial;
using dps::kiosk::TutorialStep;
using dps::kiosk::VisitEvent;
using dps::kiosk::VisitMode;
using std::chrono::duration_cast;
using std::chrono::minutes;
using std::chrono::seconds;
namespace intent = dps::kiosk::intent;
using dps::kiosk::kMaintenanceExitCode;

namespace {

using dps::test::MemoryTerminalLog;

std::vector<Tutorial> threeTutorials() {
    std::vector<Tutorial> all;
    for (const char* id : {"first", "second", "third"}) {
        Tutorial t;
        t.id = id;
        t.version = 1;
        t.theme = "basics";
        TutorialStep s;
        s.text = LocalText(LocalText::Map{{"fr", "Une étape"}});
        t.steps.push_back(s);
        t.title = LocalText(LocalText::Map{{"fr", id}});
        all.push_back(t);
    }
    return all;
}

class FacilitatorFlowTest : public testing::Test {
protected:
    void apply(const Intent& i) { flow.apply(i); }
    void typePin(const std::string& digits) {
        for (const char d : digits)
            apply(intent::FacilitatorPinDigit{d});
        apply(intent::FacilitatorPinSubmit{});
    }
    // Opens the mode as the app would: the PIN goes out, the name comes back.
    void unlock(const std::string& name = "Amina") {
        apply(intent::OpenFacilitator{});
        typePin("2468");
        auto request = flow.takeUnlockRequest();
        ASSERT_TRUE(request);
        EXPECT_EQ(request->pin.digits(), "2468");
        flow.deliverUnlock(name);
    }
    std::vector<std::string> events(VisitEvent::Kind kind) const {
        std::vector<std::string> out;
        for (const auto& [id, e] : log.events) {
            if (e.kind == kind) out.push_back(e.tutorialId);
        }
        return out;
    }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    MemoryTerminalLog terminal;
    std::vector<Tutorial> tutorials = threeTutorials();
    KioskFlow flow{FlowSettings{}, log, clock, tutorials, &terminal};
};

} // namespace

TEST_F(FacilitatorFlowTest, TheModeOpensFromAnyScreenAndReturnsThere) {
    apply(intent::StartVisit{});
    apply(intent::OpenCatalogue{});
    unlock();
    EXPECT_EQ(flow.screen(), Screen::Facilitator);
    EXPECT_EQ(flow.facilitator().name(), "Amina");
    EXPECT_EQ(flow.facilitator().pinDigits(), 0U) << "the digits left with the request";
    apply(intent::CloseFacilitator{});
    EXPECT_EQ(flow.screen(), Screen::Catalogue);
    EXPECT_FALSE(flow.facilitator().unlocked());
}

TEST_F(FacilitatorFlowTest, FiveWrongPinsLockTheModeForAGrowingDelay) {
    apply(intent::OpenFacilitator{});
    for (int i = 0; i < 5; ++i) {
        typePin("1111");
        ASSERT_TRUE(flow.takeUnlockRequest());
        flow.deliverUnlock(std::nullopt);
        EXPECT_TRUE(flow.facilitator().refused());
    }
    EXPECT_EQ(flow.facilitator().lockedSeconds(), 60) << "locked for a minute the first time";
    EXPECT_EQ(terminal.saved.lockouts, 1) << "kept, so a restart does not reset it";
    typePin("2468");
    EXPECT_FALSE(flow.takeUnlockRequest()) << "while locked, no PIN is even checked";
    clock.advance(seconds(61));
    for (int i = 0; i < 5; ++i) {
        apply(intent::FacilitatorPinErase{});
        for (int d = 0; d < 4; ++d)
            apply(intent::FacilitatorPinErase{});
        typePin("1111");
        ASSERT_TRUE(flow.takeUnlockRequest());
        flow.deliverUnlock(std::nullopt);
    }
    EXPECT_EQ(flow.facilitator().lockedSeconds(), 120) << "twice as long the second time";
    clock.advance(seconds(121));
    typePin("2468");
    ASSERT_TRUE(flow.takeUnlockRequest());
    flow.deliverUnlock(std::string("Amina"));
    EXPECT_EQ(flow.screen(), Screen::Facilitator);
    EXPECT_EQ(terminal.saved.lockouts, 0) << "a right PIN forgives";
}

TEST_F(FacilitatorFlowTest, ALockOutKeptInKioskDbHoldsAfterARestart) {
    terminal.saved.lockedUntil = clock.wall() + minutes(4);
    KioskFlow restarted{FlowSettings{}, log, clock, tutorials, &terminal};
    restarted.apply(intent::OpenFacilitator{});
    EXPECT_EQ(restarted.facilitator().lockedSeconds(), 240);
}

TEST_F(FacilitatorFlowTest, TheModeClosesItselfAfterItsOwnTimeout) {
    apply(intent::StartVisit{});
    unlock();
    clock.advance(seconds(119));
    flow.update();
    EXPECT_EQ(flow.screen(), Screen::Facilitator);
    clock.advance(seconds(2));
    flow.update();
    EXPECT_FALSE(flow.facilitator().unlocked());
    EXPECT_EQ(flow.screen(), Screen::Home) << "back to the visitor's screen";
    EXPECT_TRUE(flow.visitOpen()) << "the visitor's idle timer does not run on facilitator screens";
}

TEST_F(FacilitatorFlowTest, AGroupSessionIsWalkedThroughInOrderThenSummedUp) {
    unlock();
    apply(intent::OpenGuidedSetup{});
    ASSERT_EQ(flow.screen(), Screen::GuidedSetup);
    apply(intent::SetSessionGroup{true});
    for (int i = 0; i < 4; ++i)
        apply(intent::GroupSizeMore{});
    apply(intent::TogglePurpose{Purpose::Learning});
    apply(intent::TogglePurpose{Purpose::JobSearch});
    apply(intent::ToggleAudience{Audience::Seniors}); // no consent yet: not taken
    EXPECT_TRUE(flow.facilitator().plan().facts.audiences.empty());
    apply(intent::ToggleConsent{});
    apply(intent::ToggleAudience{Audience::Seniors});
    apply(intent::ToggleSessionTutorial{"second"});
    apply(intent::ToggleSessionTutorial{"first"}); // the order chosen
    apply(intent::StartSession{});
    ASSERT_EQ(flow.screen(), Screen::Player);
    EXPECT_EQ(flow.run()->tutorial().id, "second");
    ASSERT_EQ(log.visits.size(), 1U);
    const auto& guided = *log.visits[0].guided;
    EXPECT_EQ(guided.mode(), VisitMode::GuidedGroup);
    EXPECT_EQ(guided.groupSize, 6);
    EXPECT_EQ(guided.purposes, (std::set<Purpose>{Purpose::Learning, Purpose::JobSearch}));
    EXPECT_EQ(guided.audiences, (std::set<Audience>{Audience::Seniors}));

    apply(intent::NextStep{}); // the only step: done
    EXPECT_EQ(flow.screen(), Screen::TutorialEnd);
    apply(intent::SessionNext{}); // the big button at the end of the lesson
    EXPECT_EQ(flow.run()->tutorial().id, "first");
    apply(intent::OpenFacilitator{}); // the session's controls are in the facilitator's menu
    apply(intent::SessionPrevious{});
    EXPECT_EQ(flow.run()->tutorial().id, "second") << "the facilitator can go back";
    apply(intent::OpenFacilitator{});
    apply(intent::SessionNext{});
    clock.advance(minutes(25));
    apply(intent::OpenFacilitator{});
    apply(intent::SessionNext{}); // past the last: the summary, the tutorial left as abandoned
    EXPECT_EQ(flow.screen(), Screen::SessionSummary);
    EXPECT_EQ(flow.tutorial().completed(), (std::vector<std::string>{"second"}));
    EXPECT_EQ(duration_cast<minutes>(flow.facilitator().sessionDuration()).count(), 25);
    // Each tutorial left mid-way counts as abandoned there: first, then second (gone back to), then first.
    EXPECT_EQ(events(VisitEvent::Kind::TutorialAbandoned), (std::vector<std::string>{"first", "second", "first"}));
    apply(intent::SetAutonomy{Autonomy::Alone});
    apply(intent::SetReferral{Referral::Cpas});
    apply(intent::SetReferral{Referral::Cpas}); // again: no referral after all
    apply(intent::SetReferral{Referral::Municipality});
    apply(intent::SaveSession{});
    EXPECT_EQ(flow.screen(), Screen::Finish);
    EXPECT_EQ(log.visits[0].reason, EndReason::FacilitatorEnded);
    EXPECT_EQ(log.visits[0].outcome.autonomy, Autonomy::Alone);
    EXPECT_EQ(log.visits[0].outcome.referral, Referral::Municipality);
    EXPECT_FALSE(flow.facilitator().session()) << "nothing of the session stays for the next person";
}

TEST_F(FacilitatorFlowTest, TurningConsentOffTakesTheAudiencesAway) {
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::ToggleConsent{});
    apply(intent::ToggleAudience{Audience::Women});
    apply(intent::ToggleConsent{});
    EXPECT_TRUE(flow.facilitator().plan().facts.audiences.empty());
    apply(intent::StartSession{});
    EXPECT_TRUE(log.visits.at(0).guided->audiences.empty());
}

TEST(ConsentRule, NoAudienceWithoutConsentAndGroupsHaveTwoOrMore) {
    GuidedVisit v;
    EXPECT_EQ(consentProblem(v), "");
    v.audiences = {Audience::Women};
    EXPECT_NE(consentProblem(v), "");
    v.consent = true;
    EXPECT_EQ(consentProblem(v), "");
    v.group = true;
    v.groupSize = 1;
    EXPECT_NE(consentProblem(v), "");
    v.groupSize = 2;
    EXPECT_EQ(consentProblem(v), "");
}

TEST_F(FacilitatorFlowTest, ASessionWithoutLessonsRunsOnHomeAndFinishSumsItUp) {
    apply(intent::StartVisit{});
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::StartSession{}); // no tutorials: the session runs on Home
    EXPECT_EQ(flow.screen(), Screen::Home);
    ASSERT_EQ(log.visits.size(), 2U) << "the free use closed, the session's own visit opened";
    EXPECT_FALSE(log.visits[0].guided);
    EXPECT_EQ(log.visits[1].guided->mode(), VisitMode::GuidedIndividual);
    apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::SessionSummary);
}

TEST_F(FacilitatorFlowTest, SettingsChangedAtTheTerminalApplyAtOnceAndAreLoggedWithTheName) {
    unlock("Jonas");
    apply(intent::OpenFacilitatorSettings{});
    apply(intent::ToggleLanguage{"en"});
    EXPECT_EQ(flow.settings().languages, (std::vector<std::string>{"fr", "nl"}));
    apply(intent::ToggleLanguage{"en"});
    EXPECT_EQ(flow.settings().languages, (std::vector<std::string>{"fr", "nl", "en"})) << "in the configured order";
    apply(intent::ToggleLanguage{"de"}); // not configured: nothing
    apply(intent::IdleTimeoutLess{});
    EXPECT_EQ(flow.settings().idleTimeout, seconds(240));
    apply(intent::StillThereMore{});
    EXPECT_EQ(flow.settings().stillThereCountdown, seconds(45));
    apply(intent::ToggleEndQuestions{});
    EXPECT_TRUE(flow.settings().endQuestions);
    EXPECT_THAT(terminal.changes,
                testing::ElementsAre("Jonas:kiosk.languages=fr,nl", "Jonas:kiosk.languages=fr,nl,en",
                                     "Jonas:visit.idle_timeout_seconds=240", "Jonas:visit.still_there_seconds=45",
                                     "Jonas:visit.end_questions=true"));
    // The next start reads them over the configuration's.
    KioskFlow restarted{FlowSettings{}, log, clock, tutorials, &terminal};
    EXPECT_EQ(restarted.settings().idleTimeout, seconds(240));
    EXPECT_TRUE(restarted.settings().endQuestions);
}

TEST(StoredSettings, WhatDoesNotFitIsLeftOut) {
    FlowSettings s;
    const auto ignored = applyStoredSettings(s, {"fr", "nl"},
                                             {{"kiosk.languages", "fr,de"},
                                              {"visit.idle_timeout_seconds", "5"},
                                              {"visit.still_there_seconds", "60"},
                                              {"visit.end_questions", "maybe"},
                                              {"something.else", "1"}});
    EXPECT_EQ(ignored, (std::vector<std::string>{"kiosk.languages", "visit.idle_timeout_seconds", "visit.end_questions",
                                                 "something.else"}));
    EXPECT_EQ(s.stillThereCountdown, seconds(60));
    EXPECT_EQ(s.languages, (std::vector<std::string>{"fr", "nl", "en"})) << "unchanged";
}

TEST_F(FacilitatorFlowTest, EquipmentProblemsAreATypeAndAStateWithTheReporter) {
    unlock();
    apply(intent::OpenTerminalStatus{});
    apply(intent::ReportEquipment{Equipment::Printer, EquipmentState::NotWorking});
    // A state that is not one ("printer:on_fire") no longer compiles: the intent holds the enums.
    EXPECT_THAT(terminal.reports, testing::ElementsAre("Amina:printer:not_working"));
    EXPECT_EQ(flow.facilitator().lastEquipmentReport(), "printer:not_working");
    EXPECT_TRUE(log.events.empty()) << "no visit under way: the report is the terminal's only";
}

TEST_F(FacilitatorFlowTest, AnEquipmentProblemDuringAVisitIsOneOfItsEventsWithoutTheName) {
    apply(intent::StartVisit{});
    unlock();
    apply(intent::OpenTerminalStatus{});
    apply(intent::ReportEquipment{Equipment::CardReader, EquipmentState::WorksBadly});
    ASSERT_EQ(log.events.size(), 1U);
    const VisitEvent& e = log.events[0].second;
    EXPECT_EQ(e.kind, VisitEvent::Kind::EquipmentReported);
    EXPECT_EQ(e.outcome, "card_reader:works_badly");
    EXPECT_EQ(e.tutorialId, "");
    EXPECT_THAT(terminal.reports, testing::ElementsAre("Amina:card_reader:works_badly"));
}

TEST_F(FacilitatorFlowTest, EndQuestionsAreAskedOnlyWhenOnAndEachCanBeSkipped) {
    apply(intent::StartVisit{});
    apply(intent::FinishVisit{});
    EXPECT_EQ(flow.screen(), Screen::Finish) << "off by default";
    clock.advance(seconds(16));
    flow.update();

    FlowSettings on;
    on.endQuestions = true;
    KioskFlow asking{on, log, clock, tutorials};
    asking.apply(intent::StartVisit{});
    asking.apply(intent::FinishVisit{});
    ASSERT_EQ(asking.screen(), Screen::EndQuestions);
    asking.apply(intent::AnswerCameFor{Purpose::EidHelp});
    EXPECT_EQ(asking.endQuestions().question(), EndQuestion::Helped);
    asking.apply(intent::SkipQuestion{});
    EXPECT_EQ(asking.screen(), Screen::Finish);
    EXPECT_EQ(log.visits.back().outcome.cameFor, Purpose::EidHelp);
    EXPECT_FALSE(log.visits.back().outcome.helped);
    EXPECT_EQ(log.visits.back().reason, EndReason::Finished);
}

TEST_F(FacilitatorFlowTest, OpeningHoursWarnBeforeClosingThenCloseAndAFacilitatorCanOpen) {
    // The fake clock starts on Monday 23 November 2026 at 09:00 UTC.
    FlowSettings s;
    s.hours = *OpeningHours::parse({"08:30-09:20", "", "", "", "", "", ""});
    KioskFlow timed{s, log, clock, tutorials, &terminal};
    timed.apply(intent::StartVisit{});
    clock.advance(minutes(9));
    timed.noteActivity();
    timed.update();
    EXPECT_EQ(timed.screen(), Screen::Home) << "eleven minutes left: not yet";
    clock.advance(minutes(1));
    timed.update();
    EXPECT_EQ(timed.screen(), Screen::ClosingSoon) << "ten minutes left: warned";
    timed.apply(intent::ContinueVisit{});
    EXPECT_EQ(timed.screen(), Screen::Home);
    clock.advance(minutes(10));
    timed.update();
    EXPECT_EQ(timed.screen(), Screen::Closed);
    EXPECT_EQ(log.visits.back().reason, EndReason::Closing);
    timed.apply(intent::StartVisit{});
    EXPECT_FALSE(timed.visitOpen()) << "no visit while closed";

    timed.apply(intent::OpenFacilitator{});
    timed.apply(intent::FacilitatorPinDigit{'1'});
    for (const char d : {'2', '3', '4'})
        timed.apply(intent::FacilitatorPinDigit{d});
    timed.apply(intent::FacilitatorPinSubmit{});
    (void)timed.takeUnlockRequest();
    timed.deliverUnlock(std::string("Amina"));
    timed.apply(intent::OpenOutsideHours{});
    timed.apply(intent::CloseFacilitator{});
    EXPECT_EQ(timed.screen(), Screen::Welcome) << "open for the rest of the day";
    timed.apply(intent::StartVisit{});
    EXPECT_TRUE(timed.visitOpen());
}

TEST_F(FacilitatorFlowTest, FinishingOnTheClosingWarningStillSumsTheSessionUp) {
    FlowSettings s;
    s.hours = *OpeningHours::parse({"08:30-09:20", "", "", "", "", "", ""});
    KioskFlow timed{s, log, clock, tutorials, &terminal};
    timed.apply(intent::OpenFacilitator{});
    for (const char d : {'1', '2', '3', '4'})
        timed.apply(intent::FacilitatorPinDigit{d});
    timed.apply(intent::FacilitatorPinSubmit{});
    (void)timed.takeUnlockRequest();
    timed.deliverUnlock(std::string("Amina"));
    timed.apply(intent::OpenGuidedSetup{});
    timed.apply(intent::TogglePurpose{Purpose::Learning});
    timed.apply(intent::ToggleSessionTutorial{"first"});
    timed.apply(intent::StartSession{});
    ASSERT_EQ(timed.screen(), Screen::Player);
    clock.advance(minutes(10));
    timed.noteActivity();
    timed.update();
    ASSERT_EQ(timed.screen(), Screen::ClosingSoon);
    timed.apply(intent::FinishVisit{});
    EXPECT_EQ(timed.screen(), Screen::SessionSummary) << "not the end of the visit yet";
    EXPECT_TRUE(timed.visitOpen());
    EXPECT_EQ(events(VisitEvent::Kind::TutorialAbandoned), (std::vector<std::string>{"first"}));
    timed.apply(intent::SetAutonomy{Autonomy::SomeHelp});
    timed.apply(intent::SaveSession{});
    EXPECT_EQ(log.visits.back().reason, EndReason::FacilitatorEnded);
    EXPECT_EQ(log.visits.back().outcome.autonomy, Autonomy::SomeHelp);
}

// Issue 9: a visitor cannot close the full-screen kiosk; a stop signal always can; a window on a
// developer's desktop closes as windows do.
TEST(SessionExit, OnlyAStopSignalEndsTheFullScreenKiosk) {
    EXPECT_TRUE(closeAllowed(CloseRequest::StopSignal, true)) << "systemd stopping the session";
    EXPECT_FALSE(closeAllowed(CloseRequest::WindowClose, true)) << "Alt+F4, Ctrl+Q: refused in kiosk mode";
    EXPECT_TRUE(closeAllowed(CloseRequest::StopSignal, false));
    EXPECT_TRUE(closeAllowed(CloseRequest::WindowClose, false)) << "--windowed stays closable";
    static_assert(kMaintenanceExitCode != 0 && kMaintenanceExitCode != 1 && kMaintenanceExitCode != 2);
}

TEST_F(FacilitatorFlowTest, TheMaintenanceExitAsksTheAdministratorPinThenEndsTheProgram) {
    apply(intent::StartVisit{});
    unlock();
    flow.offerMaintenanceExit(true); // this terminal has an administrator PIN
    apply(intent::OpenMaintenance{});
    EXPECT_EQ(flow.screen(), Screen::FacilitatorUnlock);
    EXPECT_TRUE(flow.facilitator().forMaintenance());
    EXPECT_TRUE(flow.facilitator().unlocked()) << "still the facilitator's mode underneath";
    typePin("13579135");
    auto request = flow.takeUnlockRequest();
    ASSERT_TRUE(request);
    EXPECT_TRUE(request->administrator) << "checked against the administrator PIN only";
    EXPECT_EQ(request->pin.digits(), "13579135");
    flow.deliverUnlock(std::nullopt);
    EXPECT_TRUE(flow.facilitator().refused());
    EXPECT_FALSE(flow.facilitator().maintenanceExitRequested());
    EXPECT_EQ(terminal.savedAdmin.failures, 1) << "a lock-out of its own";
    EXPECT_EQ(terminal.saved.failures, 0) << "facilitators' PINs are not the ones being guessed";
    typePin("24682468");
    request = flow.takeUnlockRequest();
    ASSERT_TRUE(request);
    flow.deliverUnlock(std::string("administrator"));
    EXPECT_TRUE(flow.facilitator().maintenanceExitRequested());
    flow.shutdown();
    ASSERT_EQ(log.visits.size(), 1U);
    EXPECT_EQ(log.visits[0].reason, EndReason::Shutdown) << "an open visit ends as at any stop";
}

TEST_F(FacilitatorFlowTest, TheMaintenancePinCanBeCancelledAndIsForgottenWhenTheModeCloses) {
    unlock();
    flow.offerMaintenanceExit(true);
    apply(intent::OpenMaintenance{});
    apply(intent::FacilitatorPinDigit{'1'});
    apply(intent::BackToFacilitator{});
    EXPECT_EQ(flow.screen(), Screen::Facilitator);
    EXPECT_FALSE(flow.facilitator().forMaintenance());
    EXPECT_EQ(flow.facilitator().pinDigits(), 0U);
    apply(intent::OpenMaintenance{});
    apply(intent::CloseFacilitator{});
    apply(intent::OpenFacilitator{});
    EXPECT_EQ(flow.screen(), Screen::FacilitatorUnlock);
    EXPECT_FALSE(flow.facilitator().forMaintenance()) << "the next unlock is a facilitator's again";
    typePin("2468");
    auto request = flow.takeUnlockRequest();
    ASSERT_TRUE(request);
    EXPECT_FALSE(request->administrator);
    apply(intent::OpenMaintenance{});
    EXPECT_FALSE(flow.facilitator().forMaintenance()) << "only from the facilitators' menu, once unlocked";
}

// Issue 18 §12: the next visitor must not find facilitator mode open. A session's end locks it,
// and so does the end of any visit, however it ends.
TEST_F(FacilitatorFlowTest, TheModeLocksWhenTheSessionEndsAndTheNextVisitorNeedsAPin) {
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::ToggleSessionTutorial{"first"});
    apply(intent::StartSession{});
    ASSERT_EQ(flow.screen(), Screen::Player);
    EXPECT_TRUE(flow.facilitator().unlocked()) << "the facilitator leads the session";
    apply(intent::NextStep{});
    ASSERT_EQ(flow.screen(), Screen::TutorialEnd);
    apply(intent::EndSession{}); // the big button after the last lesson
    ASSERT_EQ(flow.screen(), Screen::SessionSummary);
    EXPECT_FALSE(flow.facilitator().unlocked()) << "the session is over: the summary needs no facilitator mode";
    apply(intent::SaveSession{});
    clock.advance(seconds(16));
    flow.update();
    ASSERT_EQ(flow.screen(), Screen::Welcome);
    EXPECT_EQ(flow.facilitator().name(), "") << "no name with a key in the band";
    apply(intent::OpenFacilitator{});
    EXPECT_EQ(flow.screen(), Screen::FacilitatorUnlock) << "holding the band asks for a PIN";
}

TEST_F(FacilitatorFlowTest, EveryEndOfAVisitLocksTheMode) {
    // A session left to run out: nobody answers "Are you still there?".
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::ToggleSessionTutorial{"first"});
    apply(intent::StartSession{});
    ASSERT_TRUE(flow.facilitator().unlocked());
    clock.advance(seconds(100));
    flow.noteActivity(); // a participant keeps the facilitator's own timer from closing it
    clock.advance(seconds(301));
    flow.update();
    ASSERT_EQ(flow.screen(), Screen::StillThere);
    clock.advance(seconds(31));
    flow.update();
    ASSERT_FALSE(flow.visitOpen());
    EXPECT_FALSE(flow.facilitator().unlocked()) << "ended by the idle timeout";

    // A session on Home whose participant taps Finish, and the summary saved.
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::StartSession{});
    ASSERT_EQ(flow.screen(), Screen::Home);
    apply(intent::FinishVisit{});
    ASSERT_EQ(flow.screen(), Screen::SessionSummary);
    EXPECT_FALSE(flow.facilitator().unlocked()) << "ended from Home";
}

// Issue 18 §13: a participant cannot skip a lesson; only the facilitator, from the menu.
TEST_F(FacilitatorFlowTest, OnlyTheFacilitatorMovesTheSessionOnAndOnlyFromTheMenu) {
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::ToggleSessionTutorial{"first"});
    apply(intent::ToggleSessionTutorial{"second"});
    apply(intent::StartSession{});
    ASSERT_EQ(flow.run()->tutorial().id, "first");
    apply(intent::SessionNext{}); // from the lesson itself: a participant's tap
    apply(intent::EndSession{});
    EXPECT_EQ(flow.screen(), Screen::Player);
    EXPECT_EQ(flow.run()->tutorial().id, "first") << "not skipped";
    apply(intent::OpenFacilitator{});
    ASSERT_EQ(flow.screen(), Screen::Facilitator) << "open during the session: no PIN";
    apply(intent::SessionNext{});
    EXPECT_EQ(flow.screen(), Screen::Player) << "the menu closes on the next lesson";
    EXPECT_EQ(flow.run()->tutorial().id, "second");
    EXPECT_EQ(events(VisitEvent::Kind::TutorialAbandoned), (std::vector<std::string>{"first"}));
    apply(intent::OpenFacilitator{});
    apply(intent::SessionPrevious{});
    EXPECT_EQ(flow.run()->tutorial().id, "first");
    apply(intent::OpenFacilitator{});
    apply(intent::EndSession{});
    EXPECT_EQ(flow.screen(), Screen::SessionSummary);
    // The summary has no session controls left: they change nothing there.
    apply(intent::SessionPrevious{});
    apply(intent::SessionNext{});
    EXPECT_EQ(flow.screen(), Screen::SessionSummary);
}

// Issue 18 §13: free use before a session is its own visit, not the group's; the summary's
// duration is the session's, as the log has it.
TEST_F(FacilitatorFlowTest, FreeUseBeforeASessionIsItsOwnVisitAndTheSummaryTimesTheSession) {
    apply(intent::StartVisit{});
    apply(intent::OpenCatalogue{});
    apply(intent::OpenTutorial{"third"});
    clock.advance(minutes(3));
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::SetSessionGroup{true});
    apply(intent::ToggleSessionTutorial{"first"});
    apply(intent::StartSession{});
    ASSERT_EQ(log.visits.size(), 2U) << "the free use, then the session";
    EXPECT_EQ(log.visits[0].reason, EndReason::Finished);
    EXPECT_FALSE(log.visits[0].guided) << "the free use stays free";
    EXPECT_EQ(log.visits[0].end, log.visits[1].start);
    EXPECT_EQ(log.visits[1].guided->groupSize, 2);
    EXPECT_EQ(events(VisitEvent::Kind::TutorialAbandoned), (std::vector<std::string>{"third"}));
    EXPECT_EQ(log.events.back().first, 1) << "the session's lessons are the session's visit's";
    clock.advance(seconds(222));
    apply(intent::OpenFacilitator{});
    apply(intent::EndSession{});
    ASSERT_EQ(flow.screen(), Screen::SessionSummary);
    EXPECT_EQ(flow.facilitator().sessionDuration(), seconds(222));
    clock.advance(seconds(20)); // the summary filled in
    EXPECT_EQ(flow.facilitator().sessionDuration(), seconds(222)) << "the session's time, not the summary's";
    apply(intent::SaveSession{});
    EXPECT_EQ(duration_cast<seconds>(*log.visits[1].end - log.visits[1].start), seconds(242));
}

// Issue 18 §13: group sizes in one tap.
TEST_F(FacilitatorFlowTest, AGroupSizeIsChosenInOneTap) {
    unlock();
    apply(intent::OpenGuidedSetup{});
    apply(intent::SetGroupSize{8});
    EXPECT_TRUE(flow.facilitator().plan().facts.group) << "a size makes it a group";
    EXPECT_EQ(flow.facilitator().plan().facts.groupSize, 8);
    apply(intent::GroupSizeMore{});
    EXPECT_EQ(flow.facilitator().plan().facts.groupSize, 9) << "other sizes step by one";
    apply(intent::SetGroupSize{1});
    apply(intent::SetGroupSize{41});
    // "six" no longer reaches the core: intent::SetGroupSize holds an int.
    EXPECT_EQ(flow.facilitator().plan().facts.groupSize, 9) << "out of range: unchanged";
}

// Issue 18 §14: no maintenance exit without an administrator PIN, and its own lock-out.
TEST_F(FacilitatorFlowTest, NoMaintenanceExitWithoutAnAdministratorPin) {
    unlock();
    EXPECT_FALSE(flow.facilitator().maintenanceExitOffered());
    apply(intent::OpenMaintenance{});
    EXPECT_EQ(flow.screen(), Screen::Facilitator) << "nothing to type a PIN for";
    flow.offerMaintenanceExit(true);
    apply(intent::OpenMaintenance{});
    EXPECT_EQ(flow.screen(), Screen::FacilitatorUnlock);
}

TEST_F(FacilitatorFlowTest, WrongAdministratorPinsHaveTheirOwnCounter) {
    unlock();
    flow.offerMaintenanceExit(true);
    apply(intent::OpenMaintenance{});
    for (int i = 0; i < 5; ++i) {
        typePin("11111111");
        ASSERT_TRUE(flow.takeUnlockRequest());
        flow.deliverUnlock(std::nullopt);
    }
    EXPECT_EQ(flow.facilitator().lockedSeconds(), 60) << "the maintenance exit is locked";
    EXPECT_EQ(terminal.saved.failures, 0) << "facilitator mode is not";
    EXPECT_EQ(terminal.saved.lockouts, 0);
    EXPECT_EQ(terminal.savedAdmin.lockouts, 1) << "kept apart, and kept";
    apply(intent::BackToFacilitator{});
    apply(intent::CloseFacilitator{});
    apply(intent::OpenFacilitator{});
    EXPECT_EQ(flow.facilitator().lockedSeconds(), 0) << "a facilitator can still unlock";
    typePin("2468");
    ASSERT_TRUE(flow.takeUnlockRequest());
    flow.deliverUnlock(std::string("Amina"));
    EXPECT_EQ(flow.screen(), Screen::Facilitator);
    flow.offerMaintenanceExit(true);
    apply(intent::OpenMaintenance{});
    EXPECT_EQ(flow.facilitator().lockedSeconds(), 60)
        << "a facilitator's right PIN does not lift the administrator's lock";
    KioskFlow restarted{FlowSettings{}, log, clock, tutorials, &terminal};
    EXPECT_EQ(restarted.facilitator().lockedSeconds(), 0) << "facilitator mode after a restart";
}
