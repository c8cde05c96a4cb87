// The e-ID self-check's rules, step by step, against cards in memory: every outcome, applet 1.1
// never asked its PIN status, and malformed or vanishing cards giving clear verdicts.
#include "core/eid/CardCheck.h"
#include "EidCards.h"

#include <gtest/gtest.h>

using namespace dps::kiosk::eid;
using dps::test::FakeCardProfile;
using dps::test::FakeCardService;
using dps::test::identityFile;
using dps::test::validCard;
using namespace std::chrono;

namespace {

const year_month_day kToday = year{2026} / 11 / 23;

CheckReport check(FakeCardService& s, year_month_day today = kToday) { return runCardCheck(s, today); }

} // namespace

TEST(CardCheck, AValid18CardWorksWithItsPinTriesReadWithoutATry) {
    FakeCardService s;
    s.card = validCard(0x18);
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.verdict, Outcome::CardValid);
    EXPECT_EQ(r.applet, CardData::Applet::V18);
    EXPECT_EQ(r.validUntil, year{2032} / 2 / 1);
    EXPECT_EQ(r.pinTriesLeft, 3);
    EXPECT_EQ(s.emptyVerifies, 0) << "1.8 gives the tries in GET CARD DATA";
    EXPECT_EQ(r.readerName, "Test Reader 00 00");
    ASSERT_EQ(r.steps.size(), 8U);
}

TEST(CardCheck, A17CardIsAskedItsPinStatusWithAnEmptyVerify) {
    FakeCardService s;
    s.card = validCard(0x17);
    s.card->pinTries = 2;
    const auto r = check(s);
    EXPECT_EQ(s.emptyVerifies, 1);
    EXPECT_EQ(r.pinTriesLeft, 2);
    EXPECT_TRUE(r.cardWorks());
}

TEST(CardCheck, AnApplet11CardIsNeverSentAnEmptyVerify) {
    FakeCardService s;
    s.card = validCard(0x11);
    const auto r = check(s);
    EXPECT_EQ(s.emptyVerifies, 0) << "on applet 1.1 an empty VERIFY costs a PIN try";
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
    s.card = validCard();
    s.mute = true;
    const auto mute = check(s);
    EXPECT_EQ(mute.verdict, Outcome::CardMute);
    EXPECT_EQ(mute.steps.back().step, CheckStep::Card);
    EXPECT_FALSE(mute.cardWorks());
}

TEST(CardCheck, OtherCardsAndBlankCardsAreRecognised) {
    FakeCardService s;
    s.card = validCard();
    s.card->belgian = false;
    EXPECT_EQ(check(s).verdict, Outcome::NotBelgianEid);
    s.card = validCard();
    s.card->personalised = false;
    EXPECT_EQ(check(s).verdict, Outcome::CardNotPersonalised);
}

TEST(CardCheck, ExpiredAndExpiringCards) {
    FakeCardService s;
    s.card = validCard();
    s.card->files[0x4031] = identityFile("01.02.2016", "01.02.2026");
    EXPECT_EQ(check(s).verdict, Outcome::CardExpired);
    s.card->files[0x4031] = identityFile("01.02.2017", "15.01.2027");
    const auto soon = check(s);
    EXPECT_EQ(soon.verdict, Outcome::CardExpiringSoon);
    EXPECT_TRUE(soon.cardWorks()) << "it still works: a warning, not a failure";
}

TEST(CardCheck, AWrongSystemClockIsBlamedInsteadOfTheCard) {
    FakeCardService s;
    s.card = validCard();
    EXPECT_EQ(check(s, year{1970} / 1 / 1).verdict, Outcome::ClockWrong);
    s.card->files[0x4031] = identityFile("01.02.2027", "01.02.2037");
    EXPECT_EQ(check(s).verdict, Outcome::ClockWrong) << "a card issued in the future means the clock is behind";
}

TEST(CardCheck, AKidsIdWithoutSigningCertificateIsNormal) {
    FakeCardService s;
    s.card = validCard();
    s.card->files[0x4031] = identityFile("01.02.2024", "01.02.2027", "6");
    s.card->files.erase(0x5039);
    const auto r = check(s);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_FALSE(r.signingCertificate);
    bool noted = false;
    for (const auto& step : r.steps)
        noted |= step.outcome == Outcome::SigningCertificateAbsentNormal;
    EXPECT_TRUE(noted);
}

TEST(CardCheck, AnAdultCardWithoutCertificateIsAProblem) {
    FakeCardService s;
    s.card = validCard();
    s.card->files.erase(0x5038);
    EXPECT_EQ(check(s).verdict, Outcome::CertificateMissing);
}

TEST(CardCheck, ABlockedPinIsReported) {
    FakeCardService s;
    s.card = validCard(0x18);
    s.card->pinTries = 0;
    const auto r = check(s);
    EXPECT_EQ(r.verdict, Outcome::PinBlocked);
    EXPECT_FALSE(r.cardWorks());
}

TEST(CardCheck, ACardPulledOutMidCheckSaysSoAtEveryStep) {
    for (int after = 0; after < 20; ++after) {
        FakeCardService s;
        s.card = validCard();
        s.card->failAfter = after;
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
        s.card = validCard();
        s.card->override = broken[i];
        const auto r = check(s);
        EXPECT_EQ(r.verdict, Outcome::CardReadError) << "case " << i;
        EXPECT_FALSE(r.cardWorks());
    }
}

TEST(CardCheck, ReadFileReadsInChunksUntilAShortRead) {
    FakeCardProfile p = validCard();
    p.files[0x4031] = Bytes(600, 0x41);
    int unused = 0;
    dps::test::FakeCard card(p, &unused);
    ASSERT_TRUE(card.transmit(command::selectFile(0x4031)));
    const auto whole = readFile(card);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->size(), 600U) << "252 + 252 + 96";
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
    int unused = 0;
    dps::test::FakeCard card(p, &unused);
    ASSERT_TRUE(card.transmit(command::selectFile(0x4031)));
    const auto whole = readFile(card);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->size(), 100U);
    EXPECT_EQ(asked, 1);
}
