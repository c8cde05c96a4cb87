// "Use my card on a website now" (issue 20): the e-ID screen leads to a free-use session only for
// a card that can log in (it works, has the authentication certificate, its PIN is not blocked),
// only where free use is offered, and leaves nothing of the check behind.
#include "FakeBrowserSession.h"
#include "FakeClock.h"
#include "RecordingVisitLog.h"
#include "dps/i18n/Catalog.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/eid/WebsiteLogin.h"
#include "kiosk/presentation/EidMessages.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::kiosk::Feature;
using dps::kiosk::FlowSettings;
using dps::kiosk::FreeUsePhase;
using dps::kiosk::KioskFlow;
using dps::kiosk::Screen;
using dps::kiosk::eid::CardData;
using dps::kiosk::eid::CheckReport;
using dps::kiosk::eid::CheckStep;
using dps::kiosk::eid::Outcome;
using dps::kiosk::eid::WebsiteLogin;
using dps::kiosk::eid::websiteLogin;
namespace intent = dps::kiosk::intent;

namespace {

FlowSettings websiteLoginSettings() {
    FlowSettings s;
    s.languages = {"fr", "nl", "en"};
    s.features = {Feature::Learn, Feature::EidCheck, Feature::Finish};
    s.freeUse.limit = 45min;
    return s;
}

// A check that went through every step (the order of CardCheck's steps), PIN tries as given.
CheckReport workingCardCheck(std::optional<int> tries = 3) {
    CheckReport r;
    for (const auto s : {CheckStep::Service, CheckStep::Reader, CheckStep::Card, CheckStep::BelgianEid,
                         CheckStep::Applet, CheckStep::Validity, CheckStep::Certificates})
        r.steps.push_back({s, Outcome::CardValid, true});
    r.steps.push_back({CheckStep::PinTries, Outcome::PinOk, true});
    r.verdict = Outcome::CardValid;
    r.readerName = "Reader 00 00";
    r.pinTriesLeft = tries;
    return r;
}

class EidOnWebsiteTest : public testing::Test {
protected:
    void make(FlowSettings s, bool withBrowser = true) {
        flow.emplace(std::move(s), log, clock, KioskFlow::noTutorials(), nullptr, withBrowser ? &browser : nullptr);
        flow->apply(intent::StartVisit{});
        flow->apply(intent::OpenEidCheck{});
        ASSERT_EQ(flow->screen(), Screen::EidCheck);
    }
    void SetUp() override { make(websiteLoginSettings()); }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    dps::test::FakeBrowserSession browser;
    std::optional<KioskFlow> flow;
};

} // namespace

TEST_F(EidOnWebsiteTest, AWorkingCardOpensTheIntroOfAFreeUseSessionAndTheCheckIsLetGo) {
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "no card checked yet";
    flow->apply(intent::EidUseOnWebsite{});
    EXPECT_EQ(flow->screen(), Screen::EidCheck) << "a tap before the verdict does nothing";

    flow->deliverEidReport(workingCardCheck());
    ASSERT_TRUE(flow->offersEidOnWebsite());
    flow->apply(intent::EidUseOnWebsite{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseIntro) << "the intro says how long and that all is erased";
    EXPECT_EQ(flow->freeUse().limit(), 45min);
    EXPECT_FALSE(flow->eid().report()) << "nothing of the check is kept for the session";
    EXPECT_TRUE(browser.starts.empty()) << "the browser starts only with the intro's Start";
    flow->apply(intent::StartFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseBar);
    EXPECT_EQ(flow->freeUse().phase(), FreeUsePhase::Running);
}

TEST_F(EidOnWebsiteTest, ACardThatCannotLogInIsNotOffered) {
    CheckReport child = workingCardCheck();
    child.steps[6] = {CheckStep::Certificates, Outcome::AuthCertificateAbsentChild, true};
    child.verdict = Outcome::AuthCertificateAbsentChild;
    flow->deliverEidReport(child);
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "a young child's card has no certificate to log in";

    flow->deliverEidReport(workingCardCheck(0));
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "a blocked PIN cannot log in";

    CheckReport expired = workingCardCheck();
    expired.steps.resize(6);
    expired.steps.back() = {CheckStep::Validity, Outcome::CardExpired, false};
    expired.verdict = Outcome::CardExpired;
    flow->deliverEidReport(expired);
    EXPECT_FALSE(flow->offersEidOnWebsite());
    flow->apply(intent::EidUseOnWebsite{});
    EXPECT_EQ(flow->screen(), Screen::EidCheck);

    CheckReport old = workingCardCheck(std::nullopt);
    old.applet = CardData::Applet::V11;
    flow->deliverEidReport(old);
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "applet 1.1: the session's e-ID module shows no token for it";

    CheckReport older17 = workingCardCheck();
    older17.applet = CardData::Applet::V17;
    flow->deliverEidReport(older17);
    EXPECT_TRUE(flow->offersEidOnWebsite()) << "applet 1.7 logs in where the site accepts TLS 1.2";
}

// Why a card cannot log in to a website (eid::websiteLogin), and the screen's sentence for it in
// the three languages, from the catalogues the kiosk ships.
TEST_F(EidOnWebsiteTest, TheScreenSaysWhyACardCannotLogInToAWebsite) {
    using dps::kiosk::websiteLoginNote;
    CheckReport v18 = workingCardCheck();
    v18.applet = CardData::Applet::V18;
    EXPECT_EQ(websiteLogin(v18), WebsiteLogin::Possible);
    CheckReport v17 = workingCardCheck();
    v17.applet = CardData::Applet::V17;
    EXPECT_EQ(websiteLogin(v17), WebsiteLogin::OnTls12Only);
    CheckReport v11 = workingCardCheck(std::nullopt);
    v11.applet = CardData::Applet::V11;
    EXPECT_EQ(websiteLogin(v11), WebsiteLogin::AppletTooOld);
    CheckReport child = workingCardCheck();
    child.steps[6] = {CheckStep::Certificates, Outcome::AuthCertificateAbsentChild, true};
    child.verdict = Outcome::AuthCertificateAbsentChild;
    EXPECT_EQ(websiteLogin(child), WebsiteLogin::NoCertificate);
    EXPECT_EQ(websiteLogin(workingCardCheck(0)), WebsiteLogin::PinBlocked);
    CheckReport blocked = workingCardCheck(0);
    blocked.steps.back() = {CheckStep::PinTries, Outcome::PinBlocked, false};
    blocked.verdict = Outcome::PinBlocked;
    EXPECT_EQ(websiteLogin(blocked), WebsiteLogin::PinBlocked) << "the check's own verdict";
    CheckReport expired = workingCardCheck();
    expired.steps.resize(6);
    expired.steps.back() = {CheckStep::Validity, Outcome::CardExpired, false};
    expired.verdict = Outcome::CardExpired;
    EXPECT_EQ(websiteLogin(expired), WebsiteLogin::CardDoesNotWork) << "the verdict says why already";

    dps::i18n::Catalog catalog{DPS_LOCALE_DIR, "dps-kiosk", {"fr", "nl", "en"}};
    const dps::i18n::Translator en(catalog, "en"), fr(catalog, "fr"), nl(catalog, "nl");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::Possible, en), "");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::CardDoesNotWork, en), "");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::NoCertificate, en),
              "This card has no certificate to log in: it cannot be used on websites.");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::PinBlocked, fr),
              "Avec son code PIN bloqué, cette carte ne peut pas se connecter à des sites web.");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::AppletTooOld, nl),
              "Maar niet vanaf deze computer: de browser hier kan een kaart die zo oud is niet gebruiken om in te "
              "loggen op websites.");
    EXPECT_EQ(websiteLoginNote(WebsiteLogin::OnTls12Only, nl),
              "Uw kaart is een ouder model: ze werkt op de meeste websites vanaf deze computer, maar enkele recente "
              "websites weigeren ze.");
}

TEST_F(EidOnWebsiteTest, APinFoundRightByThePinTestIsOffered) {
    flow->deliverEidReport(workingCardCheck());
    flow->apply(intent::EidOfferPinTest{});
    flow->apply(intent::EidConfirmPinTest{});
    for (const char d : {'1', '2', '3', '4'})
        flow->apply(intent::EidPinDigit{d});
    flow->apply(intent::EidPinSubmit{});
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "while the PIN is being tested";
    flow->deliverPinResult({Outcome::PinWrong, 2});
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "a wrong PIN: the visitor tries again first";
    flow->apply(intent::EidCheckAgain{});
    flow->deliverEidReport(workingCardCheck(2));
    flow->apply(intent::EidOfferPinTest{});
    flow->apply(intent::EidConfirmPinTest{});
    for (const char d : {'1', '2', '3', '4'})
        flow->apply(intent::EidPinDigit{d});
    flow->apply(intent::EidPinSubmit{});
    flow->deliverPinResult({Outcome::PinRight, 3});
    EXPECT_TRUE(flow->offersEidOnWebsite());
}

TEST_F(EidOnWebsiteTest, NotOfferedWithoutFreeUseNorAfterAWipeNotVerified) {
    make(websiteLoginSettings(), false);
    flow->deliverEidReport(workingCardCheck());
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "this terminal has no browser for free use";

    FlowSettings off = websiteLoginSettings();
    off.freeUse.enabled = false;
    make(off);
    flow->deliverEidReport(workingCardCheck());
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "free_use.enabled = false";

    make(websiteLoginSettings());
    browser.wipeReport = dps::kiosk::WipeReport{false, {}, 0, false, false};
    flow->deliverEidReport(workingCardCheck());
    flow->apply(intent::EidUseOnWebsite{});
    flow->apply(intent::StartFreeUse{});
    flow->apply(intent::AskFinishFreeUse{});
    flow->apply(intent::FinishFreeUse{});
    for (int i = 0; i < 5; ++i) {
        clock.advance(1s);
        flow->update();
    }
    flow->apply(intent::BackToHome{});
    flow->apply(intent::StartVisit{});
    flow->apply(intent::OpenEidCheck{});
    flow->deliverEidReport(workingCardCheck());
    EXPECT_FALSE(flow->offersEidOnWebsite()) << "the last wipe was not verified: no next session";
}
