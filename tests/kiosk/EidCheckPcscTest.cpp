// The e-ID check end to end on real parts: pcsc-lite's client library, a private pcscd with a
// vsmartcard virtual reader, our virtual card speaking the vpcd protocol, certificates made with
// OpenSSL at test time, and the OpenSSL verifier the kiosk uses. pcsc-lite reads
// PCSCLITE_CSOCK_NAME once per process: one private pcscd per test (ctest runs each test in its
// own process).
#include "EidTestPki.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/app/EidWatcher.h"
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/PinTest.h"

#include <gtest/gtest.h>
#include <thread>
#include <vector>

using dps::kiosk::eid::CardData;
using dps::kiosk::eid::CheckContext;
using dps::kiosk::eid::CheckReport;
using dps::kiosk::eid::CheckStep;
using dps::kiosk::eid::OpenSslCertificates;
using dps::kiosk::eid::Outcome;
using dps::kiosk::eid::outcomeCode;
using dps::kiosk::eid::PcscService;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::runCardCheck;
using dps::kiosk::eid::runPinTest;
using dps::test::EidTestPki;
using dps::test::FakeCard;
using dps::test::FakeCardProfile;
using dps::test::FakeCardState;
using dps::test::PrivatePcscd;
using dps::test::VirtualCard;
using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using std::chrono::system_clock;
using std::chrono::year_month_day;

namespace {

// A private pcscd with one virtual reader, the test PKI, and the kiosk's own verifier over it.
struct CheckBench {
    CheckBench() : port(dps::test::freePortPair()), pcscd(port, true), roots(pki.rootsDir()) {
        pcscd.useInThisProcess();
    }

    // Puts a card with this profile in the reader; its state (PIN counter, commands seen) is shared.
    std::shared_ptr<FakeCardState> insert(FakeCardProfile profile, VirtualCard::Options options = {}) {
        auto state = std::make_shared<FakeCardState>(std::move(profile));
        card = std::make_unique<VirtualCard>(port, std::make_unique<FakeCard>(state), std::move(options));
        return state;
    }

    CheckReport checkOnce() {
        return runCardCheck(service, CheckContext{floor<seconds>(system_clock::now()), roots, {}});
    }

    // pcscd polls the virtual reader every 400 ms: run the check until it sees the expected state.
    CheckReport checkUntil(Outcome wanted, milliseconds timeout = seconds(5)) {
        CheckReport r;
        const auto end = steady_clock::now() + timeout;
        seen.clear();
        do {
            r = checkOnce();
            if (seen.empty() || seen.back() != outcomeCode(r.verdict)) seen.emplace_back(outcomeCode(r.verdict));
            if (r.verdict == wanted) break;
            std::this_thread::sleep_for(milliseconds(50));
        } while (steady_clock::now() < end);
        return r;
    }

    // The verdicts checkUntil saw, changes only: what to look at when a test fails.
    std::string seenText() const {
        std::string t;
        for (const auto& v : seen)
            t += v + " ";
        return t;
    }

    std::vector<std::string> seen;
    int port;
    PrivatePcscd pcscd;
    EidTestPki pki;
    OpenSslCertificates roots;
    PcscService service;
    std::unique_ptr<VirtualCard> card;
};

} // namespace

TEST(EidCheckPcsc, AValid18CardWorks) {
    CheckBench b;
    const auto state = b.insert(b.pki.card());
    const auto r = b.checkUntil(Outcome::CardValid);
    EXPECT_EQ(r.verdict, Outcome::CardValid);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.readerName.rfind("Kiosk Test Reader", 0), 0U) << r.readerName;
    EXPECT_FALSE(r.pinpad) << "vpcd has no keypad";
    EXPECT_EQ(r.applet, CardData::Applet::V18);
    EXPECT_EQ(r.pinTriesLeft, 3);
    EXPECT_EQ(state->emptyVerifies.load(), 0) << "1.8 gives its tries in GET CARD DATA";
    const auto inEightYears = year_month_day{floor<days>(system_clock::now()) + days{8 * 365}};
    EXPECT_EQ(r.validUntil, inEightYears);
    EXPECT_EQ(r.certificatesValidUntil, inEightYears) << "read from real certificates by OpenSSL";
    EXPECT_TRUE(r.signingCertificate);
}

TEST(EidCheckPcsc, AValid17CardIsAskedItsTriesWithAnEmptyVerify) {
    CheckBench b;
    FakeCardProfile p = b.pki.card({.applet = 0x17});
    p.pinTries = 2;
    const auto state = b.insert(p, {.atr = dps::test::atrOf(0x17)});
    const auto r = b.checkUntil(Outcome::CardValid);
    EXPECT_TRUE(r.cardWorks()) << outcomeCode(r.verdict);
    EXPECT_EQ(r.pinTriesLeft, 2);
    EXPECT_EQ(state->emptyVerifies.load(), 1);
    EXPECT_EQ(state->profile.pinTries, 2) << "the empty VERIFY used no try";
}

TEST(EidCheckPcsc, AnApplet11CardIsNeverSentAnEmptyVerify) {
    CheckBench b;
    const auto state = b.insert(b.pki.card({.applet = 0x11}), {.atr = dps::test::atrOf(0x11)});
    const auto r = b.checkUntil(Outcome::PinTriesUnknown);
    EXPECT_EQ(r.verdict, Outcome::PinTriesUnknown);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_FALSE(r.pinTriesLeft);
    // The emulator counts an empty VERIFY on 1.1 as the wrong PIN it is on a real card.
    EXPECT_EQ(state->emptyVerifies.load(), 0);
    EXPECT_EQ(state->profile.pinTries, 3);
    // The PIN test still works on it, and still sends no empty VERIFY.
    const auto pin = PinBlock::fromDigits("1234");
    EXPECT_EQ(runPinTest(b.service, r.readerName, &*pin).outcome, Outcome::PinRight);
    EXPECT_EQ(state->emptyVerifies.load(), 0);
}

TEST(EidCheckPcsc, AnExpiredCardSaysSo) {
    CheckBench b;
    b.insert(b.pki.card({.validFor = days{-40}, .validSince = days{3650}}));
    const auto r = b.checkUntil(Outcome::CardExpired);
    EXPECT_EQ(r.verdict, Outcome::CardExpired);
    EXPECT_FALSE(r.cardWorks());
    EXPECT_EQ(r.validUntil, year_month_day{floor<days>(system_clock::now()) - days{40}});
}

TEST(EidCheckPcsc, ACardExpiringInTwoMonthsWorksWithAWarning) {
    CheckBench b;
    b.insert(b.pki.card({.validFor = days{60}}));
    const auto r = b.checkUntil(Outcome::CardExpiringSoon);
    EXPECT_EQ(r.verdict, Outcome::CardExpiringSoon);
    EXPECT_TRUE(r.cardWorks());
}

TEST(EidCheckPcsc, ExpiredCertificatesAreFound) {
    CheckBench b;
    b.insert(b.pki.card({.certificatesFor = days{-10}}));
    const auto r = b.checkUntil(Outcome::CertificateExpired);
    EXPECT_EQ(r.verdict, Outcome::CertificateExpired);
    EXPECT_FALSE(r.cardWorks());
}

TEST(EidCheckPcsc, CertificatesFromAnotherCaAreNotTrusted) {
    CheckBench b;
    b.insert(b.pki.card({.strangerCa = true}));
    const auto r = b.checkUntil(Outcome::CertificateChainInvalid);
    EXPECT_EQ(r.verdict, Outcome::CertificateChainInvalid);
}

TEST(EidCheckPcsc, AKidsIdWithoutSigningCertificateIsNormal) {
    CheckBench b;
    b.insert(b.pki.card({.signing = false, .documentType = "6"}));
    const auto r = b.checkUntil(Outcome::SigningCertificateAbsentNormal);
    EXPECT_EQ(r.verdict, Outcome::SigningCertificateAbsentNormal);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.documentType, 6);
    EXPECT_FALSE(r.signingCertificate);
}

TEST(EidCheckPcsc, AYoungChildsKidsIdWithNoCertificateAtAllIsNormal) {
    // Both certificate files hold nothing but zero bytes (content v5.4 4.5 and 8.1-8.2).
    CheckBench b;
    b.insert(b.pki.card({.authentication = false, .signing = false, .documentType = "6"}));
    const auto r = b.checkUntil(Outcome::AuthCertificateAbsentChild);
    EXPECT_EQ(r.verdict, Outcome::AuthCertificateAbsentChild) << b.seenText();
    EXPECT_TRUE(r.cardWorks());
}

TEST(EidCheckPcsc, EveryPublishedIdentityLayoutThroughPcscd) {
    // Through pcscd and vpcd, the identity file in each published layout: padded with zero bytes
    // and not, with a given-names field long enough for the FF length extension (content v5.4
    // 6.1), and the certificates read in 252-byte chunks, the last one after 6C XX.
    using dps::test::IdentityLayout;
    CheckBench b;
    const std::pair<std::uint8_t, IdentityLayout> cards[] = {{0x18, IdentityLayout::Applet18},
                                                             {0x17, IdentityLayout::Applet17},
                                                             {0x17, IdentityLayout::Version0},
                                                             {0x11, IdentityLayout::Version0}};
    for (const auto& [applet, layout] : cards) {
        const auto state = b.insert(b.pki.card({.applet = applet,
                                                .documentType = "01",
                                                .givenNamesLength = 300,
                                                .identityPaddedTo = 1024,
                                                .layout = layout}),
                                    {.atr = dps::test::atrOf(applet)});
        const Outcome expected = applet == 0x11 ? Outcome::PinTriesUnknown : Outcome::CardValid;
        const auto r = b.checkUntil(expected);
        EXPECT_EQ(r.verdict, expected) << "applet " << std::hex << int{applet} << ": " << b.seenText();
        EXPECT_EQ(r.documentType, 1);
        EXPECT_TRUE(r.signingCertificate);
        EXPECT_GT(state->readBinaries.load(), 8) << "the files were read in chunks";
        b.card.reset(); // out of the reader
    }
}

TEST(EidCheckPcsc, ACardNotPersonalisedYet) {
    CheckBench b;
    FakeCardProfile p = b.pki.card();
    p.personalised = false;
    b.insert(p);
    EXPECT_EQ(b.checkUntil(Outcome::CardNotPersonalised).verdict, Outcome::CardNotPersonalised);
}

TEST(EidCheckPcsc, AnotherKindOfCardIsNotABelgianEid) {
    CheckBench b;
    FakeCardProfile p = b.pki.card();
    p.belgian = false;
    b.insert(p);
    EXPECT_EQ(b.checkUntil(Outcome::NotBelgianEid).verdict, Outcome::NotBelgianEid);
}

TEST(EidCheckPcsc, AMuteCardIsToldToTurnAround) {
    CheckBench b;
    const auto state = b.insert(b.pki.card(), {.mute = true});
    const auto r = b.checkUntil(Outcome::CardMute);
    EXPECT_EQ(r.verdict, Outcome::CardMute);
    EXPECT_EQ(r.steps.back().step, CheckStep::Card);
    EXPECT_EQ(state->commands.load(), 0) << "a mute card gets no command";
}

TEST(EidCheckPcsc, ThePinTestRightWrongAndBlockedThroughPcscd) {
    CheckBench b;
    FakeCardProfile p = b.pki.card();
    p.pin = "918273";
    const auto state = b.insert(p);
    const auto r = b.checkUntil(Outcome::CardValid);
    ASSERT_TRUE(r.cardWorks());
    const auto right = PinBlock::fromDigits("918273"), wrong = PinBlock::fromDigits("111111");
    auto t = runPinTest(b.service, r.readerName, &*right);
    EXPECT_EQ(t.outcome, Outcome::PinRight);
    EXPECT_EQ(state->logOffs.load(), 1) << "LOG OFF after the test";
    EXPECT_FALSE(state->verifiedNow.load());
    t = runPinTest(b.service, r.readerName, &*wrong);
    EXPECT_EQ(t.outcome, Outcome::PinWrong);
    EXPECT_EQ(t.triesLeft, 2);
    EXPECT_EQ(b.checkOnce().pinTriesLeft, 2) << "the check reads the new count without using a try";
    (void)runPinTest(b.service, r.readerName, &*wrong);
    t = runPinTest(b.service, r.readerName, &*wrong);
    EXPECT_EQ(t.outcome, Outcome::PinBlocked);
    EXPECT_EQ(b.checkOnce().verdict, Outcome::PinBlocked);
    EXPECT_EQ(state->logOffs.load(), 4);
    EXPECT_EQ(state->verifies.load(), 4);
}

TEST(EidCheckPcsc, NoReaderIsReported) {
    PrivatePcscd empty(dps::test::freePortPair(), false);
    empty.useInThisProcess();
    const EidTestPki pki;
    const OpenSslCertificates roots(pki.rootsDir());
    PcscService service;
    EXPECT_EQ(runCardCheck(service, {floor<seconds>(system_clock::now()), roots, {}}).verdict, Outcome::ReaderMissing);
}

TEST(EidCheckPcsc, AReaderWithoutACardAsksForTheCard) {
    CheckBench b;
    EXPECT_EQ(b.checkUntil(Outcome::CardMissing).verdict, Outcome::CardMissing);
}

TEST(EidCheckPcsc, WithoutPcscdTheServiceIsUnavailable) {
    ::setenv("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", 1);
    const EidTestPki pki;
    const OpenSslCertificates roots(pki.rootsDir());
    PcscService service;
    EXPECT_EQ(runCardCheck(service, {floor<seconds>(system_clock::now()), roots, {}}).verdict,
              Outcome::ServiceUnavailable);
}

TEST(EidCheckPcsc, ACardPulledOutMidCheckIsToldToStayIn) {
    CheckBench b;
    b.insert(b.pki.card(), {.pullAfter = 12}); // in the middle of the certificates
    const auto r = b.checkUntil(Outcome::CardRemoved);
    EXPECT_EQ(r.verdict, Outcome::CardRemoved) << b.seenText();
    EXPECT_FALSE(r.cardWorks());
}
