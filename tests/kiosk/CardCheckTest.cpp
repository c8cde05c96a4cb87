// The e-ID self-check's rules, step by step, against cards in memory: every outcome, applet 1.1
// never asked its PIN status, and malformed or vanishing cards giving clear verdicts.
#include "kiosk/core/eid/CardCheck.h"
#include "EidCards.h"
#include "FakeClock.h"
#include "kiosk/core/eid/PinTest.h"

#include <gtest/gtest.h>

using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::CardData;
using dps::kiosk::eid::CardError;
using dps::kiosk::eid::ChainVerdict;
using dps::kiosk::eid::CheckContext;
using dps::kiosk::eid::CheckReport;
using dps::kiosk::eid::CheckStep;
using dps::kiosk::eid::Outcome;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::ReaderInfo;
using dps::kiosk::eid::SmartCard;
namespace command = dps::kiosk::eid::command;
using dps::kiosk::eid::outcomeCode;
using dps::test::FakeCardProfile;
using dps::test::FakeCardService;
using dps::test::FakeCertificates;
using dps::test::identityFile;
using dps::test::kTestDay;
using dps::test::noCertificateFile;
using dps::test::validCard;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

namespace {

CheckReport check(FakeCardService& s, year_month_day today = kTestDay, const FakeCertificates& certs = {}) {
    return runCardCheck(s, CheckContext{sys_days{today} + hours{10}, certs, {}});
}

bool noted(const CheckReport& r, Outcome o) {
    for (const auto& step : r.steps) {
        if (step.outcome == o) return true;
    }
    return false;
}

} // namespace

TEST(CardCheck, AValid18CardWorksWithItsPinTriesReadWithoutATry) {
    FakeCardService s;
    s.insert(validCard(0x18));
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.verdict, Outcome::CardValid);
    EXPECT_EQ(r.applet, CardData::Applet::V18);
    EXPECT_EQ(r.validUntil, year{2032} / 2 / 1);
    EXPECT_EQ(r.pinTriesLeft, 3);
    EXPECT_EQ(s.card->emptyVerifies, 0) << "1.8 gives the tries in GET CARD DATA";
    EXPECT_EQ(r.readerName, "Test Reader 00 00");
    ASSERT_EQ(r.steps.size(), 8U);
}

TEST(CardCheck, A17CardIsAskedItsPinStatusWithAnEmptyVerify) {
    FakeCardService s;
    s.insert(validCard(0x17));
    s.profile().pinTries = 2;
    const auto r = check(s);
    EXPECT_EQ(s.card->emptyVerifies, 1);
    EXPECT_EQ(r.pinTriesLeft, 2);
    EXPECT_TRUE(r.cardWorks());
}

TEST(CardCheck, AnApplet11CardIsNeverSentAnEmptyVerify) {
    FakeCardService s;
    s.insert(validCard(0x11));
    const auto r = check(s);
    EXPECT_EQ(s.card->emptyVerifies, 0) << "on applet 1.1 an empty VERIFY costs a PIN try";
    EXPECT_FALSE(r.pinTriesLeft);
    EXPECT_EQ(r.verdict, Outcome::PinTriesUnknown);
    EXPECT_TRUE(r.cardWorks());
}

TEST(CardCheck, ServiceReaderAndCardProblemsStopAtTheirStep) {
    FakeCardService s;
    s.serviceDown = true;
    EXPECT_EQ(check(s).verdict, Outcome::ServiceUnavailable);
    s.serviceDown = false;
    s.reader = false;
    EXPECT_EQ(check(s).verdict, Outcome::ReaderMissing);
    s.reader = true;
    EXPECT_EQ(check(s).verdict, Outcome::CardMissing);
    s.insert(validCard());
    s.mute = true;
    const auto mute = check(s);
    EXPECT_EQ(mute.verdict, Outcome::CardMute);
    EXPECT_EQ(mute.steps.back().step, CheckStep::Card);
    EXPECT_FALSE(mute.cardWorks());
}

TEST(CardCheck, OtherCardsAndBlankCardsAreRecognised) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().belgian = false;
    EXPECT_EQ(check(s).verdict, Outcome::NotBelgianEid);
    s.insert(validCard());
    s.profile().personalised = false;
    EXPECT_EQ(check(s).verdict, Outcome::CardNotPersonalised);
}

TEST(CardCheck, ExpiredAndExpiringCards) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x4031] = identityFile("01.02.2016", "01.02.2026");
    EXPECT_EQ(check(s).verdict, Outcome::CardExpired);
    s.profile().files[0x4031] = identityFile("01.02.2017", "15.01.2027");
    const auto soon = check(s);
    EXPECT_EQ(soon.verdict, Outcome::CardExpiringSoon);
    EXPECT_TRUE(soon.cardWorks()) << "it still works: a warning, not a failure";
}

TEST(CardCheck, AWrongSystemClockIsBlamedInsteadOfTheCard) {
    FakeCardService s;
    s.insert(validCard());
    EXPECT_EQ(check(s, year{1970} / 1 / 1).verdict, Outcome::ClockWrong);
    s.profile().files[0x4031] = identityFile("01.02.2027", "01.02.2037");
    EXPECT_EQ(check(s).verdict, Outcome::ClockWrong) << "a card issued in the future means the clock is behind";
}

TEST(CardCheck, AKidsIdWithoutSigningCertificateIsNormal) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x4031] = identityFile("01.02.2024", "01.02.2027", "6");
    s.profile().files[0x5039] = noCertificateFile(0x18); // content v5.4 8.2: 2500 zero bytes
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_FALSE(r.signingCertificate);
    EXPECT_TRUE(noted(r, Outcome::SigningCertificateAbsentNormal));
}

TEST(CardCheck, AnAdultCardWithoutCertificateIsAProblem) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x5038] = noCertificateFile(0x18);
    EXPECT_EQ(check(s).verdict, Outcome::CertificateMissing);
    s.profile().files.erase(0x5038); // no such file at all (no published layout, handled alike)
    EXPECT_EQ(check(s).verdict, Outcome::CertificateMissing);
}

TEST(CardCheck, ABlockedPinIsReported) {
    FakeCardService s;
    s.insert(validCard(0x18));
    s.profile().pinTries = 0;
    const auto r = check(s);
    EXPECT_EQ(r.verdict, Outcome::PinBlocked);
    EXPECT_FALSE(r.cardWorks());
}

TEST(CardCheck, ACardPulledOutMidCheckSaysSoAtEveryStep) {
    for (int after = 0; after < 20; ++after) {
        FakeCardService s;
        s.insert(validCard());
        s.profile().failAfter = after;
        const auto r = check(s);
        if (r.cardWorks()) break; // the check finished before the card went
        EXPECT_EQ(r.verdict, Outcome::CardRemoved) << "removed after " << after << " commands";
    }
}

TEST(CardCheck, MalformedAnswersGiveAReadErrorNotACrash) {
    const std::vector<std::function<Bytes(const Bytes&)>> broken{
        [](const Bytes& c) {
            return c[1] == 0xE4 ? Bytes{0x01, 0x90, 0x00} : Bytes{};
        }, // short card data
        [](const Bytes& c) {
            return c[1] == 0xB0 ? Bytes{0x04, 0x40, 0x90, 0x00} : Bytes{};
        },                                                                        // TLV past its end
        [](const Bytes& c) { return c[1] == 0xB0 ? Bytes{0x90} : Bytes{}; },      // no status word
        [](const Bytes& c) { return c[1] == 0xB0 ? Bytes(400, 0xFF) : Bytes{}; }, // garbage
    };
    for (std::size_t i = 0; i < broken.size(); ++i) {
        FakeCardService s;
        s.insert(validCard());
        s.profile().override = broken[i];
        const auto r = check(s);
        EXPECT_EQ(r.verdict, Outcome::CardReadError) << "case " << i;
        EXPECT_FALSE(r.cardWorks());
    }
}

// Reads 4031 of a card holding `file` there, with the card's answers as the manuals say or, with
// readerHandles6C, as a reader driver that re-sends after 6C XX itself gives them.
std::optional<Bytes> readWhole(const Bytes& file, bool readerHandles6C, int* readBinaries) {
    FakeCardProfile p = validCard();
    p.files[0x4031] = file;
    p.readerHandles6C = readerHandles6C;
    auto state = std::make_shared<dps::test::FakeCardState>(p);
    dps::test::FakeCard card(state);
    const auto selected = card.transmit(command::selectPath(0xDF01, 0x4031));
    EXPECT_EQ(selected, (Bytes{0x90, 0x00}));
    auto whole = readFile(card);
    *readBinaries = state->readBinaries.load();
    return whole;
}

TEST(CardCheck, ReadFileReadsIn252ByteChunksAndTheLengthTheCardGivesAtTheEnd) {
    Bytes file(600, 0x41);
    file[599] = 0x42;
    int reads = 0;
    auto whole = readWhole(file, false, &reads);
    ASSERT_TRUE(whole);
    EXPECT_EQ(*whole, file);
    EXPECT_EQ(reads, 4) << "252, 252, 252 (6C 60), then the last 96";

    whole = readWhole(file, true, &reads);
    ASSERT_TRUE(whole);
    EXPECT_EQ(*whole, file) << "a reader that re-sends after 6C XX itself";
    EXPECT_EQ(reads, 3) << "252, 252, 96 of 252 asked: a short chunk ends the file";

    whole = readWhole(Bytes(504, 0x43), false, &reads);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->size(), 504U) << "a multiple of 252 ends with 6B 00 (eid-mw card.cpp)";
    EXPECT_EQ(reads, 3);

    whole = readWhole(Bytes(100, 0x44), false, &reads);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->size(), 100U);
}

TEST(CardCheck, ReadFileWithoutASelectedFileIsACardError) {
    dps::test::FakeCard card(validCard());
    EXPECT_FALSE(readFile(card)) << "69 86: no current EF";
    ASSERT_EQ(card.transmit(command::selectFile(0x4031)), (Bytes{0x6A, 0x82})) << "4031 is in DF01, not the MF";
}

TEST(CardCheck, ReadFileResendsWithTheLengthTheCardAsksFor) {
    FakeCardProfile p = validCard();
    p.files[0x4031] = Bytes(100, 0x42);
    int asked = 0;
    // A card that wants Le = 0x64 (100) answers 6C 64 to any other length, once.
    p.override = [&asked](const Bytes& c) {
        if (c[1] == 0xB0 && c[4] != 0x64 && asked++ == 0) return Bytes{0x6C, 0x64};
        return Bytes{};
    };
    dps::test::FakeCard card(p);
    ASSERT_EQ(card.transmit(command::selectPath(0xDF01, 0x4031)), (Bytes{0x90, 0x00}));
    const auto whole = readFile(card);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->size(), 100U);
    EXPECT_EQ(asked, 1);
}

TEST(CardCheck, ACardThatSendsMoreThanAskedForIsACardError) {
    FakeCardProfile p = validCard();
    p.override = [](const Bytes& c) { return c[1] == 0xB0 ? Bytes(300, 0x90) : Bytes{}; };
    dps::test::FakeCard card(p);
    ASSERT_EQ(card.transmit(command::selectPath(0xDF01, 0x4031)), (Bytes{0x90, 0x00}));
    EXPECT_FALSE(readFile(card)) << "298 bytes of data for 252 asked";
}

// [SECTION] The published layouts, end to end through the check.

TEST(CardCheck, EveryPublishedIdentityLayoutIsChecked) {
    using dps::test::IdentityLayout;
    const std::pair<std::uint8_t, IdentityLayout> cards[] = {{0x18, IdentityLayout::Applet18},
                                                             {0x17, IdentityLayout::Applet17},
                                                             {0x17, IdentityLayout::Version0},
                                                             {0x11, IdentityLayout::Version0}};
    for (const auto& [applet, layout] : cards) {
        for (const std::size_t padded : {std::size_t{0}, std::size_t{600}}) {
            for (const std::size_t given : {std::size_t{0}, std::size_t{300}}) {
                FakeCardService s;
                FakeCardProfile p = validCard(applet);
                dps::test::putIdentityFiles(
                    p, {.documentType = "01", .layout = layout, .givenNamesLength = given, .paddedTo = padded});
                s.insert(p);
                const auto r = check(s);
                const auto what = ::testing::Message()
                                  << "applet " << std::hex << int{applet} << " layout " << static_cast<int>(layout)
                                  << std::dec << " padded to " << padded << " given names " << given;
                EXPECT_TRUE(r.cardWorks()) << outcomeCode(r.verdict) << " " << what;
                EXPECT_EQ(r.validUntil, year{2032} / 2 / 1) << what;
                EXPECT_EQ(r.documentType, 1) << what;
            }
        }
    }
}

TEST(CardCheck, OnlyTheCertificatesOwnBytesAreRead) {
    // content v5.4 8: each certificate is followed by 1100 zero bytes; the check reads up to the
    // DER length, not the padding: 700 bytes are 3 chunks, where the whole file would take 8.
    FakeCardService s;
    s.insert(validCard(0x18));
    const auto r = check(s);
    ASSERT_TRUE(r.cardWorks());
    EXPECT_LE(s.card->readBinaries.load(), 3 + 3 * 3) << "the identity file, then 3 chunks per certificate";
}

TEST(CardCheck, ACertificateFileCutShortIsAReadError) {
    FakeCardService s;
    s.insert(validCard());
    Bytes cut = dps::test::fakeCertificate(0xA1, 700);
    cut.resize(600); // the DER header says 700
    s.profile().files[0x5038] = cut;
    EXPECT_EQ(check(s).verdict, Outcome::CardReadError);
}

TEST(CardCheck, TheFilesAreSelectedFromTheMasterFileDown) {
    // eid-mw card.cpp SelectByPath: 3F00, then the DF, then the file, each by its FID.
    FakeCardService s;
    FakeCardProfile p = validCard();
    std::vector<Bytes> selects;
    p.override = [&selects](const Bytes& c) {
        if (c[1] == 0xA4 && c[2] == 0x02) selects.push_back(c);
        return Bytes{};
    };
    s.insert(p);
    ASSERT_TRUE(check(s).cardWorks());
    ASSERT_GE(selects.size(), 3U);
    EXPECT_EQ(selects[0], (Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, 0x3F, 0x00}));
    EXPECT_EQ(selects[1], (Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, 0xDF, 0x01}));
    EXPECT_EQ(selects[2], (Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, 0x40, 0x31}));
}

// [SECTION] Certificates: present, in date, chained to a bundled root (through the port).

TEST(CardCheck, CertificateDatesAndChainAreJudged) {
    FakeCardService s;
    s.insert(validCard());
    FakeCertificates certs;
    certs.datesOf[0xB2] = {sys_days{year{2021} / 2 / 1}, sys_days{year{2026} / 10 / 30}};
    const auto expired = check(s, kTestDay, certs);
    EXPECT_EQ(expired.verdict, Outcome::CertificateExpired);
    EXPECT_EQ(expired.certificatesValidUntil, year{2026} / 10 / 30) << "the first to expire";
    EXPECT_FALSE(expired.cardWorks());

    certs.datesOf[0xB2] = {sys_days{year{2027} / 6 / 1}, sys_days{year{2037} / 6 / 1}};
    EXPECT_EQ(check(s, kTestDay, certs).verdict, Outcome::ClockWrong) << "a certificate from the future: the clock";

    certs.datesOf.clear();
    certs.chain[0xA1] = ChainVerdict::UnknownRoot;
    EXPECT_EQ(check(s, kTestDay, certs).verdict, Outcome::CertificateChainInvalid);
    certs.chain[0xA1] = ChainVerdict::BadSignature;
    EXPECT_EQ(check(s, kTestDay, certs).verdict, Outcome::CertificateChainInvalid);
    certs.chain[0xA1] = ChainVerdict::Malformed;
    EXPECT_EQ(check(s, kTestDay, certs).verdict, Outcome::CardReadError);

    certs.chain.clear();
    const auto fine = check(s, kTestDay, certs);
    EXPECT_TRUE(fine.cardWorks());
    EXPECT_EQ(fine.certificatesValidUntil, year{2032} / 2 / 1);
}

TEST(CardCheck, ACertificateThatIsNotOneIsAReadError) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x5038] = Bytes(300, 0xEE); // FakeCertificates cannot parse it
    EXPECT_EQ(check(s).verdict, Outcome::CardReadError);
}

TEST(CardCheck, WithoutTheCitizenCaTheChainCannotBeChecked) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x503A] = noCertificateFile(0x18); // content v5.4 8.3: 2500 zero bytes
    EXPECT_EQ(check(s).verdict, Outcome::CertificateMissing);
}

TEST(CardCheck, AYoungChildsKidsIdWithNoCertificateAtAllIsNormal) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x4031] = identityFile("01.02.2024", "01.02.2027", "6");
    s.profile().files[0x5038] = noCertificateFile(0x18); // content v5.4 4.5: "for Kids cards, the
    s.profile().files[0x5039] = noCertificateFile(0x18); // EF(Cert#2) (auth) file may be empty"
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.verdict, Outcome::AuthCertificateAbsentChild);
    EXPECT_EQ(r.documentType, 6);
}

TEST(CardCheck, AnAdultCardWithoutSigningCertificateStillWorks) {
    // A minor's e-ID has no signing certificate; telling it from an adult's would need the birth
    // date, which the check never reads: it works, with the note.
    FakeCardService s;
    s.insert(validCard());
    s.profile().files[0x5039] = noCertificateFile(0x18);
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.verdict, Outcome::SigningCertificateAbsentNormal);
}

// [SECTION] Readers, and glitches on the wire.

class TwoReaders final : public dps::kiosk::eid::SmartCardService {
public:
    std::vector<ReaderInfo> readers(CardError& e) override {
        e = CardError::None;
        return {{"Reader A 00 00", false, false}, {"Reader B 00 00", true, false}};
    }
    std::unique_ptr<SmartCard> connect(const std::string& name, CardError& e) override {
        connected = name;
        return inner.connect(name, e);
    }
    bool waitForChange(milliseconds) override { return false; }
    FakeCardService inner;
    std::string connected;
};

TEST(CardCheck, TheReaderWithACardIsChosenUnlessOneIsNamed) {
    TwoReaders s;
    s.inner.insert(validCard());
    const FakeCertificates certs;
    const auto any = runCardCheck(s, CheckContext{sys_days{kTestDay}, certs, {}});
    EXPECT_EQ(any.readerName, "Reader B 00 00");
    EXPECT_TRUE(any.cardWorks());
    const auto named = runCardCheck(s, CheckContext{sys_days{kTestDay}, certs, "Reader A 00 00"});
    EXPECT_EQ(named.readerName, "Reader A 00 00");
    EXPECT_EQ(named.verdict, Outcome::CardMissing) << "the named reader has no card";
    const auto unknown = runCardCheck(s, CheckContext{sys_days{kTestDay}, certs, "Reader C"});
    EXPECT_EQ(unknown.verdict, Outcome::ReaderMissing);
    EXPECT_EQ(unknown.readerName, "Reader C") << "said to the facilitator, who named it";
}

TEST(CardCheck, ACommunicationGlitchIsRetriedOnceFromTheStart) {
    FakeCardService s;
    s.insert(validCard());
    int glitches = 0;
    // The first GET CARD DATA is lost on the wire (SCARD_E_COMM_DATA_LOST), once.
    s.profile().failIf = [&glitches](const Bytes& c) -> std::optional<CardError> {
        if (c[1] == 0xE4 && glitches++ == 0) return CardError::CommError;
        return std::nullopt;
    };
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks()) << outcomeCode(r.verdict);
    EXPECT_EQ(glitches, 3) << "two GET CARD DATA in the retry (P2=00, then P2=01 for the PIN tries)";
    // A glitch that does not go away is a read error, not an endless retry.
    s.profile().failIf = [](const Bytes& c) -> std::optional<CardError> {
        if (c[1] == 0xE4) return CardError::CommError;
        return std::nullopt;
    };
    EXPECT_EQ(check(s).verdict, Outcome::CardReadError);
}

TEST(CardCheck, APersistentGlitchIsAReadError) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().override = [](const Bytes& c) { return c[1] == 0xE4 ? Bytes{0x6F} : Bytes{}; }; // one byte: no SW
    EXPECT_EQ(check(s).verdict, Outcome::CardReadError);
}

// [SECTION] The PIN test.

TEST(PinTest, ARightPinIsRightThenLoggedOff) {
    FakeCardService s;
    s.insert(validCard());
    s.profile().pin = "918273";
    const auto block = PinBlock::fromDigits("918273");
    const auto r = runPinTest(s, "Test Reader 00 00", &*block);
    EXPECT_EQ(r.outcome, Outcome::PinRight);
    EXPECT_EQ(r.triesLeft, 3);
    EXPECT_EQ(s.card->verifies.load(), 1);
    EXPECT_EQ(s.card->logOffs.load(), 1);
    EXPECT_FALSE(s.card->verifiedNow.load()) << "logged off and reset: nothing stays open";
}

TEST(PinTest, WrongPinsCountDownToBlocked) {
    FakeCardService s;
    s.insert(validCard());
    const auto wrong = PinBlock::fromDigits("0000");
    auto r = runPinTest(s, "r", &*wrong);
    EXPECT_EQ(r.outcome, Outcome::PinWrong);
    EXPECT_EQ(r.triesLeft, 2);
    r = runPinTest(s, "r", &*wrong);
    EXPECT_EQ(r.triesLeft, 1);
    r = runPinTest(s, "r", &*wrong);
    EXPECT_EQ(r.outcome, Outcome::PinBlocked);
    EXPECT_EQ(r.triesLeft, 0);
    const auto right = PinBlock::fromDigits("1234");
    EXPECT_EQ(runPinTest(s, "r", &*right).outcome, Outcome::PinBlocked) << "even the right PIN, once blocked";
    EXPECT_EQ(s.card->logOffs.load(), 4) << "LOG OFF after every test";
    // And the check now says so, without using a try.
    EXPECT_EQ(check(s).verdict, Outcome::PinBlocked);
}

TEST(PinTest, ARightPinGivesBackEveryTry) {
    FakeCardService s;
    s.insert(validCard());
    const auto wrong = PinBlock::fromDigits("0000"), right = PinBlock::fromDigits("1234");
    (void)runPinTest(s, "r", &*wrong);
    EXPECT_EQ(check(s).pinTriesLeft, 2);
    EXPECT_EQ(runPinTest(s, "r", &*right).outcome, Outcome::PinRight);
    EXPECT_EQ(check(s).pinTriesLeft, 3);
}

TEST(PinTest, ThePinpadTakesThePinAndSpeaksTheVisitorsLanguage) {
    FakeCardService s;
    FakeCardProfile p = validCard();
    p.pinpad = true;
    p.typedOnPinpad = "1234";
    s.insert(p);
    const auto report = check(s);
    EXPECT_TRUE(report.pinpad) << "recognised from the card connection";
    EXPECT_EQ(runPinTest(s, "r", nullptr, "nl").outcome, Outcome::PinRight);
    EXPECT_EQ(s.card->pinpadLanguage, "nl");
    s.profile().typedOnPinpad.clear();
    EXPECT_EQ(runPinTest(s, "r", nullptr).outcome, Outcome::PinEntryCancelled) << "the reader timed out";
    EXPECT_EQ(s.profile().pinTries, 3) << "a timeout costs no try";
}

TEST(PinTest, WithoutAPinpadNoPinIsSentAtAll) {
    FakeCardService s;
    s.insert(validCard());
    EXPECT_EQ(runPinTest(s, "r", nullptr).outcome, Outcome::PinEntryCancelled);
    EXPECT_EQ(s.card->verifies.load(), 0);
}

TEST(PinTest, ACardPulledOutOrNotAnEidSaysSo) {
    FakeCardService s;
    const auto block = PinBlock::fromDigits("1234");
    EXPECT_EQ(runPinTest(s, "r", &*block).outcome, Outcome::CardRemoved) << "no card";
    s.insert(validCard());
    s.profile().belgian = false;
    EXPECT_EQ(runPinTest(s, "r", &*block).outcome, Outcome::NotBelgianEid);
    s.profile().belgian = true;
    s.profile().failAfter = 1; // gone right after the applet selection
    EXPECT_EQ(runPinTest(s, "r", &*block).outcome, Outcome::CardRemoved);
}
