// The e-ID screen's rules in the flow: the PIN test only after the risk is explained, digits kept
// in the core and wiped whenever the test is left, the card going away, "leave the card in"
// staying until it is back, every result recorded as its code; and the pieces around it (the PIN
// entry buffer, the pinpad's PC/SC structures, the messages and their dates).
#include "EidCards.h"
#include "FakeClock.h"
#include "RecordingVisitLog.h"
#include "dps/i18n/Catalog.h"
#include "kiosk/app/EidSamples.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/eid/PinEntry.h"
#include "kiosk/core/eid/Pinpad.h"
#include "kiosk/presentation/EidMessages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::kiosk::EidPhase;
using dps::kiosk::FlowSettings;
using dps::kiosk::Intent;
using std::chrono::year;
using std::chrono::year_month_day;
namespace intent = dps::kiosk::intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::Screen;
using dps::kiosk::VisitEvent;
using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::CardData;
using dps::kiosk::eid::CheckReport;
using dps::kiosk::eid::CheckStep;
using dps::kiosk::eid::Outcome;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::PinEntry;
namespace command = dps::kiosk::eid::command;
using dps::kiosk::eid::needsFacilitator;
using dps::kiosk::eid::outcomeCode;
namespace pinpad = dps::kiosk::eid::pinpad;

namespace {

CheckReport workingCheck(bool pinpad = false, std::optional<int> tries = 3) {
    CheckReport r;
    for (const auto s : {CheckStep::Service, CheckStep::Reader, CheckStep::Card, CheckStep::BelgianEid,
                         CheckStep::Applet, CheckStep::Validity, CheckStep::Certificates})
        r.steps.push_back({s, Outcome::CardValid, true});
    r.steps.push_back({CheckStep::PinTries, Outcome::PinOk, true});
    r.verdict = Outcome::CardValid;
    r.readerName = "Reader 00 00";
    r.pinpad = pinpad;
    r.pinTriesLeft = tries;
    return r;
}

CheckReport verdict(Outcome o, CheckStep at) {
    CheckReport r;
    r.steps.push_back({at, o, false});
    r.verdict = o;
    return r;
}

class EidFlowTest : public testing::Test {
protected:
    EidFlowTest() {
        flow.apply(intent::StartVisit{});
        flow.apply(intent::OpenEidCheck{});
    }
    void apply(const Intent& i) { flow.apply(i); }
    void digit(char d) { flow.apply(intent::EidPinDigit{d}); }
    std::vector<std::string> recorded(VisitEvent::Kind kind) const {
        std::vector<std::string> out;
        for (const auto& [id, e] : log.events) {
            if (e.kind == kind) out.push_back(e.outcome);
        }
        return out;
    }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    KioskFlow flow{FlowSettings{}, log, clock};
};

} // namespace

TEST_F(EidFlowTest, ThePinTestComesOnlyAfterTheRiskIsExplained) {
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking) << "no report yet: nothing to test";
    flow.deliverEidReport(workingCheck());
    apply(intent::EidPinSubmit{});
    digit('1');
    EXPECT_EQ(flow.eid().pinDigits(), 0U) << "no keypad before the explanation";
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinExplain);
    digit('1');
    EXPECT_EQ(flow.eid().pinDigits(), 0U) << "nor on the explanation itself";
    apply(intent::EidConfirmPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinEntry);
}

TEST_F(EidFlowTest, DigitsAreKeptInTheCoreAndTakenOnceAsABlock) {
    flow.deliverEidReport(workingCheck());
    apply(intent::EidOfferPinTest{});
    apply(intent::EidConfirmPinTest{});
    for (const char d : std::string("123"))
        digit(d);
    apply(intent::EidPinSubmit{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinEntry) << "three digits are not a PIN";
    digit('x');
    digit('4');
    EXPECT_EQ(flow.eid().pinDigits(), 4U) << "only digits count";
    apply(intent::EidPinErase{});
    digit('9');
    apply(intent::EidPinSubmit{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinTesting);
    EXPECT_EQ(flow.eid().pinDigits(), 0U) << "wiped once taken";
    auto request = flow.takePinTestRequest();
    ASSERT_TRUE(request);
    ASSERT_TRUE(request->block);
    const auto expected = PinBlock::fromDigits("1239");
    EXPECT_EQ(request->block->bytes(), expected->bytes());
    EXPECT_EQ(request->reader, "Reader 00 00");
    EXPECT_FALSE(flow.takePinTestRequest()) << "taken once";

    flow.deliverPinResult({Outcome::PinWrong, 2});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinResult);
    EXPECT_THAT(recorded(VisitEvent::Kind::EidPinTest), testing::ElementsAre("pin_wrong"));
    flow.deliverPinResult({Outcome::PinRight, 3});
    EXPECT_EQ(flow.eid().pinResult()->outcome, Outcome::PinWrong) << "a result comes only for a test under way";
}

TEST_F(EidFlowTest, APinpadReaderTakesThePinItselfWithNoKeypadOnScreen) {
    flow.deliverEidReport(workingCheck(true));
    apply(intent::EidOfferPinTest{});
    apply(intent::EidConfirmPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinTesting);
    const auto request = flow.takePinTestRequest();
    ASSERT_TRUE(request);
    EXPECT_FALSE(request->block) << "the PIN never passes through the computer";
    EXPECT_EQ(request->language, "fr");
}

TEST_F(EidFlowTest, LeavingThePinTestOrTheCardGoingWipesTheDigits) {
    flow.deliverEidReport(workingCheck());
    apply(intent::EidOfferPinTest{});
    apply(intent::EidConfirmPinTest{});
    digit('5');
    digit('6');
    apply(intent::EidCancelPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);
    EXPECT_EQ(flow.eid().pinDigits(), 0U);

    apply(intent::EidOfferPinTest{});
    apply(intent::EidConfirmPinTest{});
    digit('5');
    flow.deliverEidReport(verdict(Outcome::CardMissing, CheckStep::Card));
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking) << "no card, no PIN test";
    EXPECT_EQ(flow.eid().pinDigits(), 0U);
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);

    flow.deliverEidReport(workingCheck());
    apply(intent::EidOfferPinTest{});
    apply(intent::EidConfirmPinTest{});
    digit('5');
    apply(intent::BackToHome{});
    EXPECT_EQ(flow.screen(), Screen::Home);
    EXPECT_EQ(flow.eid().pinDigits(), 0U) << "leaving the screen";
    apply(intent::OpenEidCheck{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);
    EXPECT_FALSE(flow.eid().report()) << "a new look at the screen starts from scratch";
}

TEST_F(EidFlowTest, ABlockedPinOrAFailedCheckOffersNoPinTest) {
    flow.deliverEidReport(workingCheck(false, 0));
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);
    flow.deliverEidReport(verdict(Outcome::CardExpired, CheckStep::Validity));
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);
    flow.deliverEidReport(workingCheck(false, std::nullopt)); // applet 1.1: tries unknown, test allowed
    apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::PinExplain);
}

TEST(EidFlowSettings, ThePinTestCanBeSwitchedOff) {
    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    FlowSettings s;
    s.eidPinTest = false;
    KioskFlow flow{s, log, clock};
    flow.apply(intent::StartVisit{});
    flow.apply(intent::OpenEidCheck{});
    flow.deliverEidReport(workingCheck());
    flow.apply(intent::EidOfferPinTest{});
    EXPECT_EQ(flow.eid().phase(), EidPhase::Checking);
}

TEST_F(EidFlowTest, LeaveTheCardInStaysUntilTheCardIsBack) {
    flow.deliverEidReport(verdict(Outcome::CardRemoved, CheckStep::Certificates));
    flow.deliverEidReport(verdict(Outcome::CardMissing, CheckStep::Card));
    EXPECT_EQ(flow.eid().report()->verdict, Outcome::CardRemoved);
    flow.deliverEidReport(workingCheck());
    EXPECT_EQ(flow.eid().report()->verdict, Outcome::CardValid);
    EXPECT_THAT(recorded(VisitEvent::Kind::EidCheckOutcome), testing::ElementsAre("card_removed", "card_valid"));
}

TEST_F(EidFlowTest, CheckAgainAsksTheWatcherOnce) {
    flow.deliverEidReport(verdict(Outcome::CardReadError, CheckStep::Validity));
    EXPECT_FALSE(flow.takeRecheckRequest());
    apply(intent::EidCheckAgain{});
    EXPECT_TRUE(flow.takeRecheckRequest());
    EXPECT_FALSE(flow.takeRecheckRequest());
}

TEST(PinEntry, HoldsFourToTwelveDigitsAndWipesWhenMovedOrTaken) {
    PinEntry e;
    for (int i = 0; i < 14; ++i)
        e.add(static_cast<char>('0' + i % 10));
    EXPECT_EQ(e.size(), 12U);
    PinEntry moved(std::move(e));
    EXPECT_EQ(e.size(), 0U); // NOLINT(bugprone-use-after-move): the source must be wiped
    EXPECT_EQ(moved.size(), 12U);
    EXPECT_TRUE(moved.take());
    EXPECT_EQ(moved.size(), 0U);
    EXPECT_FALSE(moved.take()) << "nothing left to take";
}

TEST(Pinpad, FindsTheVerifyFeatureInTheReadersList) {
    // VERIFY_PIN_DIRECT at 0x42330006, MODIFY_PIN_DIRECT after it (as a CCID pinpad answers).
    const std::vector<std::uint8_t> list{0x06, 0x04, 0x42, 0x33, 0x00, 0x06, 0x07, 0x04, 0x42, 0x33, 0x00, 0x07};
    EXPECT_EQ(pinpad::featureCode(list, pinpad::kVerifyPinDirect), 0x42330006U);
    EXPECT_FALSE(pinpad::featureCode(std::vector<std::uint8_t>{0x07, 0x04, 1, 2, 3, 4}, pinpad::kVerifyPinDirect));
    EXPECT_FALSE(pinpad::featureCode(std::vector<std::uint8_t>{0x06, 0x04, 1}, pinpad::kVerifyPinDirect))
        << "truncated";
    EXPECT_FALSE(pinpad::featureCode(std::vector<std::uint8_t>{0x06, 0x02, 1, 2, 3, 4}, pinpad::kVerifyPinDirect))
        << "a length that is not 4";
}

TEST(Pinpad, TheVerifyStructureIsTheOneTheMiddlewareSends) {
    const auto apdu = command::verifyPinTemplate();
    const auto s = pinpad::verifyStructure(apdu, pinpad::languageId("nl"));
    ASSERT_EQ(s.size(), 19U + apdu.size());
    EXPECT_EQ(s[2], 0x89) << "BCD, from byte 1, system units in bytes";
    EXPECT_EQ(s[3], 0x47) << "a 4-bit length, a 7-byte block";
    EXPECT_EQ(s[4], 0x04) << "the length in the 2L nibble";
    EXPECT_EQ(s[5], 12);
    EXPECT_EQ(s[6], 4) << "wPINMaxExtraDigit: 4 to 12 digits";
    EXPECT_EQ(s[9] | (s[10] << 8), 0x0813) << "Dutch (Belgium)";
    EXPECT_EQ(s[15], apdu.size());
    EXPECT_TRUE(std::equal(apdu.begin(), apdu.end(), s.begin() + 19));
    EXPECT_EQ(apdu, (Bytes{0x00, 0x20, 0x00, 0x01, 0x08, 0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
    EXPECT_EQ(pinpad::languageId("fr"), 0x080C);
    EXPECT_EQ(pinpad::languageId("de"), 0x0409) << "English where the reader may not have the language";
}

TEST(PinCommands, VerifyCarriesTheBlock) {
    const auto block = PinBlock::fromDigits("1234");
    EXPECT_EQ(command::verifyPin(*block),
              (Bytes{0x00, 0x20, 0x00, 0x01, 0x08, 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
}

class EidMessagesTest : public testing::Test {
protected:
    dps::i18n::Catalog catalog{DPS_LOCALE_DIR, "dps-kiosk", {"fr", "nl", "en"}};
};

TEST_F(EidMessagesTest, DatesAreWrittenOutInTheVisitorsLanguage) {
    const year_month_day d = year{2031} / 3 / 12;
    EXPECT_EQ(dps::kiosk::longDate(d, dps::i18n::Translator(catalog, "en")), "12 March 2031");
    EXPECT_EQ(dps::kiosk::longDate(d, dps::i18n::Translator(catalog, "fr")), "12 mars 2031");
    EXPECT_EQ(dps::kiosk::longDate(d, dps::i18n::Translator(catalog, "nl")), "12 maart 2031");
}

TEST_F(EidMessagesTest, AnExpiredCardSaysWhenAndAWorkingOneSaysSo) {
    const dps::i18n::Translator fr(catalog, "fr");
    CheckReport r = verdict(Outcome::CardExpired, CheckStep::Validity);
    r.validUntil = year{2025} / 5 / 3;
    const auto v = dps::kiosk::eidVerdict(r, fr);
    EXPECT_EQ(v.what, "Votre carte a expiré le 3 mai 2025.");
    EXPECT_EQ(std::string(v.picture), "card-expired");
    const auto ok = dps::kiosk::eidVerdict(workingCheck(), dps::i18n::Translator(catalog, "en"));
    EXPECT_EQ(ok.what, "Your card works.");
    EXPECT_EQ(ok.todo, "You can use it to log in to public services.");
}

TEST_F(EidMessagesTest, EveryOutcomeHasWordsAPictureAndFacilitatorsAreAskedForTheirOwnProblems) {
    const dps::i18n::Translator nl(catalog, "nl");
    for (int i = 0; i <= static_cast<int>(Outcome::PinEntryCancelled); ++i) {
        const auto o = static_cast<Outcome>(i);
        const auto m = dps::kiosk::eidMessage(o);
        EXPECT_STRNE(m.what, "") << outcomeCode(o);
        EXPECT_STRNE(m.todo, "") << outcomeCode(o);
        EXPECT_TRUE(std::filesystem::exists(std::string(DPS_SOURCE_DIR) + "/assets/eid/pictures/" + m.picture + ".png"))
            << m.picture;
        EXPECT_NE(std::string(nl.tr(m.what)), m.what) << "translated: " << m.what;
        EXPECT_EQ(m.facilitator == dps::kiosk::AskFacilitator::Yes, needsFacilitator(o) && o != Outcome::CardReadError)
            << outcomeCode(o);
    }
}

TEST_F(EidMessagesTest, StepDetailsNameTheReaderTheKindOfCardAndTheTries) {
    const dps::i18n::Translator en(catalog, "en");
    CheckReport r = workingCheck(true, 2);
    r.documentType = 6;
    r.applet = CardData::Applet::V17;
    r.validUntil = year{2030} / 1 / 31;
    EXPECT_EQ(dps::kiosk::eidStepDetail(r.steps[1], r, en), "Reader 00 00 (with its own keypad)");
    EXPECT_EQ(dps::kiosk::eidStepDetail(r.steps[4], r, en), "Kids-ID · version 1.7");
    EXPECT_EQ(dps::kiosk::eidStepDetail(r.steps[5], r, en), "valid until 31 January 2030");
    EXPECT_EQ(dps::kiosk::eidStepDetail(r.steps[7], r, en), "not blocked, 2 tries left");
    const auto wrong = dps::kiosk::pinVerdict({Outcome::PinWrong, 1}, en);
    EXPECT_EQ(wrong.what, "The PIN was wrong. You have 1 try left.");
    EXPECT_THAT(wrong.todo, testing::HasSubstr("one more wrong PIN blocks the card"));
}

TEST(EidSamples, ShowWhatTheCheckWouldFindForEachVerdict) {
    const year_month_day today = year{2026} / 12 / 1;
    for (int i = 0; i <= static_cast<int>(Outcome::PinEntryCancelled); ++i) {
        const auto o = static_cast<Outcome>(i);
        const auto r = dps::kiosk::eidSampleReport(outcomeCode(o), today);
        const bool pinTestResult = o == Outcome::PinRight || o == Outcome::PinWrong || o == Outcome::PinEntryCancelled;
        ASSERT_EQ(r.has_value(), !pinTestResult) << outcomeCode(o);
        if (!r) continue;
        const Outcome expected = o == Outcome::PinOk ? Outcome::CardValid : o;
        EXPECT_EQ(r->verdict, expected) << outcomeCode(o);
    }
    EXPECT_TRUE(dps::kiosk::eidSampleReport("card_valid", today)->cardWorks());
    EXPECT_FALSE(dps::kiosk::eidSampleReport("card_expired", today)->cardWorks());
    EXPECT_TRUE(dps::kiosk::eidSampleReport("card_expiring_soon", today)->cardWorks());
    EXPECT_FALSE(dps::kiosk::eidSampleReport("no_such_code", today));
}

// Issue 19: the rules the e-ID screen shows its buttons by live once, in the core (EidFlow);
// the view asks them.
TEST(EidRules, ThePinTestNeedsTheSettingAWorkingCardAndTriesLeft) {
    dps::kiosk::EidFlow off(false);
    off.deliverReport(workingCheck());
    EXPECT_FALSE(off.canTestPin()) << "switched off in the configuration";

    dps::kiosk::EidFlow eid(true);
    EXPECT_FALSE(eid.canTestPin()) << "no card read yet";
    eid.deliverReport(workingCheck());
    EXPECT_TRUE(eid.canTestPin());
    eid.deliverReport(workingCheck(false, 0));
    EXPECT_FALSE(eid.canTestPin()) << "a blocked PIN";
    eid.deliverReport(workingCheck(false, std::nullopt));
    EXPECT_TRUE(eid.canTestPin()) << "applet 1.1: tries unknown, test allowed";
    eid.deliverReport(verdict(Outcome::CardExpired, CheckStep::Validity));
    EXPECT_FALSE(eid.canTestPin()) << "a card that does not work";
}

TEST(EidRules, TheLoginTutorialIsOfferedForACardThatCanLogInOrARightPin) {
    dps::kiosk::EidFlow eid(true);
    EXPECT_FALSE(eid.offersTutorial()) << "no card read yet";
    eid.deliverReport(workingCheck());
    EXPECT_TRUE(eid.offersTutorial());
    CheckReport child = workingCheck();
    child.verdict = Outcome::AuthCertificateAbsentChild;
    eid.deliverReport(child);
    EXPECT_FALSE(eid.offersTutorial()) << "a young child's card has no certificate to log in with";
    eid.deliverReport(verdict(Outcome::CardExpired, CheckStep::Validity));
    EXPECT_FALSE(eid.offersTutorial()) << "a card that does not work";

    eid.deliverReport(workingCheck());
    eid.apply(intent::EidOfferPinTest{}, "fr");
    EXPECT_FALSE(eid.offersTutorial()) << "not while the PIN test is explained";
    eid.apply(intent::EidConfirmPinTest{}, "fr");
    for (const char d : {'1', '2', '3', '4'})
        eid.apply(intent::EidPinDigit{d}, "fr");
    eid.apply(intent::EidPinSubmit{}, "fr");
    ASSERT_TRUE(eid.takePinTestRequest());
    EXPECT_FALSE(eid.offersTutorial()) << "not while the PIN is tested";
    EXPECT_TRUE(eid.deliverPinResult({Outcome::PinWrong, 2}));
    EXPECT_FALSE(eid.offersTutorial()) << "a wrong PIN: first the PIN, then logging in";
    eid.apply(intent::EidCheckAgain{}, "fr");
    EXPECT_TRUE(eid.offersTutorial()) << "back to the check of a working card";
    eid.apply(intent::EidOfferPinTest{}, "fr");
    eid.apply(intent::EidConfirmPinTest{}, "fr");
    for (const char d : {'1', '2', '3', '4'})
        eid.apply(intent::EidPinDigit{d}, "fr");
    eid.apply(intent::EidPinSubmit{}, "fr");
    EXPECT_TRUE(eid.deliverPinResult({Outcome::PinRight, 3}));
    EXPECT_TRUE(eid.offersTutorial()) << "a right PIN";
}

// It crashed when first written: a flow made without tutorials kept a reference to the temporary
// `{}` its constructor's default had made (KioskFlow::noTutorials() since).
TEST(EidRules, TheFlowOffersTheLoginTutorialOnlyWhenItIsLoaded) {
    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    dps::kiosk::Tutorial login;
    login.id = "eid-login";
    login.theme = "online-services";
    login.steps.resize(1);
    const std::vector<dps::kiosk::Tutorial> loaded{login};
    KioskFlow with{FlowSettings{}, log, clock, loaded};
    KioskFlow without{FlowSettings{}, log, clock};
    for (KioskFlow* f : {&with, &without}) {
        f->apply(intent::StartVisit{});
        f->apply(intent::OpenEidCheck{});
        f->deliverEidReport(workingCheck());
    }
    EXPECT_TRUE(with.offersEidTutorial());
    EXPECT_FALSE(without.offersEidTutorial()) << "no such tutorial on this kiosk";
}
