// The e-ID check's card logic without a card: commands, status words, the PIN block, the
// identity file (and what is never kept of it), card data, validity and the outcome codes.
// Malformed answers must give a clear "no", never a crash.
#include "kiosk/core/eid/Apdu.h"
#include "kiosk/core/eid/CardData.h"
#include "kiosk/core/eid/IdentityFacts.h"
#include "kiosk/core/eid/Outcome.h"
#include "kiosk/core/eid/PinBlock.h"
#include "kiosk/core/eid/Validity.h"

#include <gtest/gtest.h>
#include <string>

using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::canAskPinStatus;
using dps::kiosk::eid::CardData;
using dps::kiosk::eid::classify;
using dps::kiosk::eid::clockLooksWrong;
using dps::kiosk::eid::Outcome;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::Status;
using dps::kiosk::eid::Validity;
namespace command = dps::kiosk::eid::command;
using dps::kiosk::eid::isKidsId;
using dps::kiosk::eid::judgeValidity;
using dps::kiosk::eid::needsFacilitator;
using dps::kiosk::eid::outcomeCode;
using dps::kiosk::eid::outcomeFromCode;
using dps::kiosk::eid::parseResponse;
using dps::kiosk::eid::readCardData;
using dps::kiosk::eid::readIdentityFacts;
using std::chrono::year;
using std::chrono::year_month_day;

namespace {

Bytes tlv(std::uint8_t tag, const std::string& value) {
    Bytes out{tag};
    std::size_t n = value.size();
    while (n >= 0xFF) {
        out.push_back(0xFF);
        n -= 0xFF;
    }
    out.push_back(static_cast<std::uint8_t>(n));
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

Bytes identityFile() {
    Bytes f;
    for (const auto& part :
         {tlv(0x01, "592123456789"), tlv(0x03, "12.03.2021"), tlv(0x04, "12.03.2031"), tlv(0x06, "85073003328"),
          tlv(0x07, "CANARYSURNAME"), tlv(0x08, "Canary Given"), tlv(0x0F, "1")}) {
        f.insert(f.end(), part.begin(), part.end());
    }
    f.resize(f.size() + 16, 0x00); // files are padded with zeroes
    return f;
}

} // namespace

TEST(EidCommands, AreTheBytesTheCardExpects) {
    EXPECT_EQ(command::selectApplet(), (Bytes{0x00, 0xA4, 0x04, 0x0C, 0x0F, 0xA0, 0x00, 0x00, 0x00, 0x30,
                                              0x29, 0x05, 0x70, 0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF}));
    EXPECT_EQ(command::selectFile(0x4031), (Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, 0x40, 0x31}));
    EXPECT_EQ(command::selectPath(0xDF01, 0x4031), (Bytes{0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x31}));
    EXPECT_EQ(command::readBinary(504, 0xFC), (Bytes{0x00, 0xB0, 0x01, 0xF8, 0xFC}));
    EXPECT_EQ(command::getCardData(), (Bytes{0x80, 0xE4, 0x00, 0x00, 0x1C}));
    EXPECT_EQ(command::getCardDataWithPin(), (Bytes{0x80, 0xE4, 0x00, 0x01, 0x1F}));
    EXPECT_EQ(command::pinStatus(), (Bytes{0x00, 0x20, 0x00, 0x01}));
    EXPECT_EQ(command::logOff(), (Bytes{0x80, 0xE6, 0x00, 0x00, 0x00}));
}

TEST(EidResponses, SplitDataAndStatusAndRejectShortAnswers) {
    const Bytes raw{0x01, 0x02, 0x90, 0x00};
    const auto r = parseResponse(raw);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->data, (Bytes{0x01, 0x02}));
    EXPECT_TRUE(r->ok());
    EXPECT_FALSE(parseResponse(Bytes{0x90}));
    EXPECT_FALSE(parseResponse(Bytes{}));
}

TEST(EidStatusWords, MeanWhatTheAppletManualsSay) {
    EXPECT_EQ(classify(0x9000).kind, Status::Kind::Ok);
    EXPECT_EQ(classify(0x63C2).kind, Status::Kind::WrongPin);
    EXPECT_EQ(classify(0x63C2).triesLeft, 2);
    EXPECT_EQ(classify(0x63C0).kind, Status::Kind::PinBlocked);
    EXPECT_EQ(classify(0x6983).kind, Status::Kind::PinBlocked);
    EXPECT_EQ(classify(0x6C10).kind, Status::Kind::WrongLength);
    EXPECT_EQ(classify(0x6C10).correctLength, 0x10);
    EXPECT_EQ(classify(0x6B00).kind, Status::Kind::PastEnd);
    EXPECT_EQ(classify(0x6A82).kind, Status::Kind::NotFound);
    EXPECT_EQ(classify(0x6F00).kind, Status::Kind::Other);
}

TEST(EidPinBlock, EncodesDigitsInBcdPaddedWithF) {
    const auto four = PinBlock::fromDigits("1234");
    ASSERT_TRUE(four);
    EXPECT_EQ(four->bytes(), (std::array<std::uint8_t, 8>{0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
    const auto five = PinBlock::fromDigits("98765");
    ASSERT_TRUE(five);
    EXPECT_EQ(five->bytes(), (std::array<std::uint8_t, 8>{0x25, 0x98, 0x76, 0x5F, 0xFF, 0xFF, 0xFF, 0xFF}));
    EXPECT_TRUE(PinBlock::fromDigits("123456789012"));
}

TEST(EidPinBlock, RefusesWhatIsNotAPin) {
    EXPECT_FALSE(PinBlock::fromDigits("123"));
    EXPECT_FALSE(PinBlock::fromDigits("1234567890123"));
    EXPECT_FALSE(PinBlock::fromDigits("12a4"));
    EXPECT_FALSE(PinBlock::fromDigits(""));
}

TEST(EidIdentity, KeepsOnlyDatesAndTypeAndWipesTheFile) {
    Bytes file = identityFile();
    const auto facts = readIdentityFacts(file);
    ASSERT_TRUE(facts);
    EXPECT_EQ(*facts->validFrom, year{2021} / 3 / 12);
    EXPECT_EQ(*facts->validUntil, year{2031} / 3 / 12);
    EXPECT_EQ(*facts->documentType, 1);
    for (std::size_t i = 0; i < file.size(); ++i)
        ASSERT_EQ(file[i], 0) << "byte " << i << " was not wiped";
}

TEST(EidIdentity, LongFieldsUseTheFFLengthExtension) {
    Bytes file = tlv(0x07, std::string(300, 'X'));
    for (const auto& part : {tlv(0x04, "01.01.2030"), tlv(0x0F, "6")})
        file.insert(file.end(), part.begin(), part.end());
    const auto facts = readIdentityFacts(file);
    ASSERT_TRUE(facts);
    EXPECT_EQ(*facts->documentType, 6);
    EXPECT_TRUE(isKidsId(*facts->documentType));
}

TEST(EidIdentity, MalformedFilesAreRefusedAndStillWiped) {
    Bytes truncated = identityFile();
    truncated.resize(20);
    EXPECT_FALSE(readIdentityFacts(truncated));
    for (auto b : truncated)
        ASSERT_EQ(b, 0);

    Bytes lengthPastEnd{0x04, 0x40, '1', '2'};
    EXPECT_FALSE(readIdentityFacts(lengthPastEnd));

    Bytes badDate = tlv(0x04, "2031-03-12");
    EXPECT_FALSE(readIdentityFacts(badDate));

    Bytes impossibleDate = tlv(0x04, "31.02.2031");
    EXPECT_FALSE(readIdentityFacts(impossibleDate));

    Bytes noExpiry = tlv(0x0F, "1");
    EXPECT_FALSE(readIdentityFacts(noExpiry)) << "without its end date the card cannot be judged";

    Bytes garbage(64, 0xFF);
    EXPECT_FALSE(readIdentityFacts(garbage));
    Bytes empty;
    EXPECT_FALSE(readIdentityFacts(empty));
}

TEST(EidCardData, ReadsAppletLifeCycleAndPinTries) {
    Bytes data(31, 0xAB);
    data[21] = 0x18;
    data[27] = 0x0F;
    data[28] = 2;
    const auto c = readCardData(data);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->applet, CardData::Applet::V18);
    EXPECT_TRUE(c->personalised);
    EXPECT_EQ(c->pinTriesLeft, 2);

    Bytes old(28, 0);
    old[21] = 0x11;
    old[27] = 0x07;
    const auto o = readCardData(old);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->applet, CardData::Applet::V11);
    EXPECT_FALSE(o->personalised);
    EXPECT_FALSE(o->pinTriesLeft);
    EXPECT_FALSE(readCardData(Bytes(27, 0))) << "too short";
}

TEST(EidCardData, NeverAsksThePinStatusOfAnApplet11Card) {
    EXPECT_FALSE(canAskPinStatus(CardData::Applet::V11));
    EXPECT_FALSE(canAskPinStatus(CardData::Applet::Unknown));
    EXPECT_TRUE(canAskPinStatus(CardData::Applet::V17));
    EXPECT_TRUE(canAskPinStatus(CardData::Applet::V18));
}

TEST(EidValidity, ExpiredSoonOrValidAgainstToday) {
    const year_month_day from = year{2021} / 3 / 12, until = year{2031} / 3 / 12;
    EXPECT_EQ(judgeValidity(from, until, year{2026} / 11 / 23), Validity::Valid);
    EXPECT_EQ(judgeValidity(from, until, year{2030} / 12 / 13), Validity::ExpiresSoon);
    EXPECT_EQ(judgeValidity(from, until, year{2030} / 12 / 11), Validity::Valid);
    EXPECT_EQ(judgeValidity(from, until, year{2031} / 3 / 12), Validity::ExpiresSoon) << "valid on its last day";
    EXPECT_EQ(judgeValidity(from, until, year{2031} / 3 / 13), Validity::Expired);
    EXPECT_EQ(judgeValidity(from, until, year{2020} / 1 / 1), Validity::NotYetValid);
    EXPECT_EQ(judgeValidity(year{2020} / 11 / 30, year{2027} / 2 / 28, year{2026} / 11 / 30), Validity::ExpiresSoon)
        << "three months after 30 November is the end of February";
}

TEST(EidValidity, AClockFromThePastOrFarFutureIsWrong) {
    EXPECT_TRUE(clockLooksWrong(year{1970} / 1 / 1));
    EXPECT_TRUE(clockLooksWrong(year{2023} / 12 / 31));
    EXPECT_FALSE(clockLooksWrong(year{2026} / 11 / 23));
    EXPECT_TRUE(clockLooksWrong(year{2101} / 1 / 1));
}

TEST(EidOutcomes, CodesAreStableAndRoundTrip) {
    EXPECT_EQ(outcomeCode(Outcome::ReaderMissing), "reader_missing");
    EXPECT_EQ(outcomeCode(Outcome::CardMute), "card_mute");
    EXPECT_EQ(outcomeCode(Outcome::CardExpired), "card_expired");
    EXPECT_EQ(outcomeCode(Outcome::PinBlocked), "pin_blocked");
    for (int i = 0; i <= static_cast<int>(Outcome::PinBlocked); ++i) {
        const auto o = static_cast<Outcome>(i);
        ASSERT_NE(outcomeCode(o), "unknown") << i;
        EXPECT_EQ(outcomeFromCode(outcomeCode(o)), o);
    }
    EXPECT_FALSE(outcomeFromCode("no_such_outcome"));
    EXPECT_TRUE(needsFacilitator(Outcome::ServiceUnavailable));
    EXPECT_FALSE(needsFacilitator(Outcome::CardMute));
}
