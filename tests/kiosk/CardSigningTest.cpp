// The signing commands and answers without a card, against the bytes of the applet reference
// manuals (Fedict eid-mw, doc/sdk/documentation/: [M1.7] "Public_Belpic_Applet_v1 7_Ref_Manual -
// A01", [M1.8] "Public_Belpic_Applet_v1 8_Ref_Manual_v1"), table by table.
#include "kiosk/core/eid/CardSigning.h"

#include <gtest/gtest.h>

using dps::kiosk::eid::algorithmReference;
using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::Mechanism;
using dps::kiosk::eid::SignatureAnswer;
using dps::kiosk::eid::SignError;
using dps::kiosk::eid::SigningKey;
namespace command = dps::kiosk::eid::command;
using dps::kiosk::eid::digestLengthFits;
using dps::kiosk::eid::signatureFrom;
using dps::kiosk::eid::signStatusOf;

namespace {

Bytes filled(std::size_t n, std::uint8_t b) { return Bytes(n, b); }

Bytes withStatus(Bytes data, std::uint8_t sw1, std::uint8_t sw2) {
    data.push_back(sw1);
    data.push_back(sw2);
    return data;
}

} // namespace

TEST(CardSigningCommands, MseSetCarriesTheDigitalSignatureTemplate) {
    // [M1.8] Table 38: 00 22 41 B6 05, data 04 || 80 || algorithm (Table 14: 02 ECDSA SHA-2-384)
    // || 84 || key (Table 16: 82 authentication).
    EXPECT_EQ(command::setSignatureEnvironment(0x02, SigningKey::Authentication),
              (Bytes{0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, 0x02, 0x84, 0x82}));
    // [M1.7] Table 24, Table 11 (08 RSASSA-PKCS1-v1.5 SHA-256), Table 4 (83 non-repudiation).
    EXPECT_EQ(command::setSignatureEnvironment(0x08, SigningKey::NonRepudiation),
              (Bytes{0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, 0x08, 0x84, 0x83}));
}

TEST(CardSigningCommands, PsoCdsAndGetResponseAreCase3AndCase2ForT0) {
    // [M1.8] Table 42: 00 2A 9E 9A, Lc 48 bytes for SHA-2-384, the hash; without Le on T=0 (6.1).
    const Bytes digest = filled(48, 0xA5);
    const auto pso = command::computeDigitalSignature(digest);
    ASSERT_TRUE(pso);
    Bytes expected{0x00, 0x2A, 0x9E, 0x9A, 0x30};
    expected.insert(expected.end(), digest.begin(), digest.end());
    EXPECT_EQ(*pso, expected);
    EXPECT_FALSE(command::computeDigitalSignature(Bytes{}));
    EXPECT_FALSE(command::computeDigitalSignature(filled(256, 1)));
    // [M1.7] Table 8: 00 C0 00 00 Le.
    EXPECT_EQ(command::getResponse(0x60), (Bytes{0x00, 0xC0, 0x00, 0x00, 0x60}));
    EXPECT_EQ(command::getResponse(0x00), (Bytes{0x00, 0xC0, 0x00, 0x00, 0x00}));
}

TEST(CardSigningAlgorithms, EachAppletHasOnlyItsOwnReferences) {
    // [M1.7] Table 11.
    EXPECT_EQ(algorithmReference(0x17, Mechanism::RsaPkcs1), 0x01);
    EXPECT_EQ(algorithmReference(0x17, Mechanism::RsaPkcs1Sha1), 0x02);
    EXPECT_EQ(algorithmReference(0x17, Mechanism::RsaPkcs1Sha256), 0x08);
    EXPECT_FALSE(algorithmReference(0x17, Mechanism::EcdsaSha384));
    EXPECT_FALSE(algorithmReference(0x17, Mechanism::Ecdsa));
    // [M1.8] Table 14; 1.9.1: no RSA any more.
    EXPECT_EQ(algorithmReference(0x18, Mechanism::EcdsaSha256), 0x01);
    EXPECT_EQ(algorithmReference(0x18, Mechanism::EcdsaSha384), 0x02);
    EXPECT_EQ(algorithmReference(0x18, Mechanism::EcdsaSha512), 0x04);
    EXPECT_EQ(algorithmReference(0x18, Mechanism::Ecdsa), 0x40);
    EXPECT_FALSE(algorithmReference(0x18, Mechanism::RsaPkcs1Sha256));
    EXPECT_FALSE(algorithmReference(0x18, Mechanism::RsaPkcs1));
    // Applet 1.1: no published manual, nothing offered.
    EXPECT_FALSE(algorithmReference(0x11, Mechanism::RsaPkcs1Sha256));
    EXPECT_FALSE(algorithmReference(0x11, Mechanism::EcdsaSha384));
}

TEST(CardSigningAlgorithms, DigestLengthsAreTheManualsOnes) {
    // [M1.7] 6.8: SHA-1 20, SHA-256 32, "no predefined hash" at most 245 (a SHA-256 DigestInfo is 51).
    EXPECT_TRUE(digestLengthFits(Mechanism::RsaPkcs1Sha1, 20));
    EXPECT_FALSE(digestLengthFits(Mechanism::RsaPkcs1Sha1, 32));
    EXPECT_TRUE(digestLengthFits(Mechanism::RsaPkcs1Sha256, 32));
    EXPECT_TRUE(digestLengthFits(Mechanism::RsaPkcs1, 51));
    EXPECT_TRUE(digestLengthFits(Mechanism::RsaPkcs1, 245));
    EXPECT_FALSE(digestLengthFits(Mechanism::RsaPkcs1, 246));
    EXPECT_FALSE(digestLengthFits(Mechanism::RsaPkcs1, 0));
    // [M1.8] Table 42.
    EXPECT_TRUE(digestLengthFits(Mechanism::EcdsaSha384, 48));
    EXPECT_FALSE(digestLengthFits(Mechanism::EcdsaSha384, 32));
    EXPECT_TRUE(digestLengthFits(Mechanism::EcdsaSha256, 32));
    EXPECT_TRUE(digestLengthFits(Mechanism::EcdsaSha512, 64));
    for (const std::size_t n : {20, 28, 32, 48, 64})
        EXPECT_TRUE(digestLengthFits(Mechanism::Ecdsa, n)) << n;
    for (const std::size_t n : {0, 16, 33, 47, 65})
        EXPECT_FALSE(digestLengthFits(Mechanism::Ecdsa, n)) << n;
}

TEST(CardSigningStatusWords, MeanWhatTheManualsTablesSay) {
    EXPECT_TRUE(signStatusOf(0x9000).ok());
    // 61 xy: "Process completed normally ('xy' encoded the number of extra data bytes still
    // available)" ([M1.8] Table 44); 00 means 256 ([M1.8] 6.2.3).
    EXPECT_TRUE(signStatusOf(0x6160).ok());
    EXPECT_EQ(signStatusOf(0x6160).moreData, 0x60);
    EXPECT_EQ(signStatusOf(0x6100).moreData, 256);
    // VERIFY ([M1.8] Table 29): 63 Cx, x tries left; 69 83 blocked.
    EXPECT_EQ(signStatusOf(0x63C2).error, SignError::WrongPin);
    EXPECT_EQ(signStatusOf(0x63C2).triesLeft, 2);
    EXPECT_EQ(signStatusOf(0x63C0).error, SignError::PinBlocked);
    EXPECT_EQ(signStatusOf(0x6983).error, SignError::PinBlocked);
    EXPECT_EQ(signStatusOf(0x6983).triesLeft, 0);
    // PSO CDS ([M1.7] Table 30, [M1.8] Table 44), MSE SET ([M1.8] Table 40).
    EXPECT_EQ(signStatusOf(0x6982).error, SignError::PinNotVerified);
    EXPECT_EQ(signStatusOf(0x6985).error, SignError::ConditionsNotMet);
    EXPECT_EQ(signStatusOf(0x6A88).error, SignError::NoSuchKey);
    EXPECT_EQ(signStatusOf(0x6A80).error, SignError::NotSupported);
    EXPECT_EQ(signStatusOf(0x6700).error, SignError::WrongLength);
    // "No precise diagnostic", "EEPROM corrupted", "command not available": the card's trouble.
    EXPECT_EQ(signStatusOf(0x6400).error, SignError::CardError);
    EXPECT_EQ(signStatusOf(0x6581).error, SignError::CardError);
    EXPECT_EQ(signStatusOf(0x6D00).error, SignError::CardError);
}

TEST(CardSigningAnswer, AT0CardsSignatureComesWithGetResponse) {
    // [M1.7] 6.1: PSO CDS answers 61 00 (256 bytes wait), GET RESPONSE Le 00 gives them with 90 00.
    SignatureAnswer a;
    EXPECT_EQ(a.feed(Bytes{0x61, 0x00}), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(a.nextLength(), 0x00);
    EXPECT_EQ(a.feed(withStatus(filled(256, 0x5A), 0x90, 0x00)), SignatureAnswer::Next::Done);
    const auto rsa = a.signature(Mechanism::RsaPkcs1Sha256);
    ASSERT_TRUE(rsa);
    EXPECT_EQ(*rsa, filled(256, 0x5A));
    EXPECT_FALSE(a.signature(Mechanism::EcdsaSha384)) << "256 bytes are no P-384 r || s";

    // ECDSA P-384: 61 60, then 96 bytes r || s ([M1.8] Table 43).
    SignatureAnswer e;
    EXPECT_EQ(e.feed(Bytes{0x61, 0x60}), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(e.nextLength(), 0x60);
    EXPECT_EQ(e.feed(withStatus(filled(96, 0x11), 0x90, 0x00)), SignatureAnswer::Next::Done);
    ASSERT_TRUE(e.signature(Mechanism::EcdsaSha384));
    EXPECT_EQ(e.signature(Mechanism::EcdsaSha384)->size(), 96U);
}

TEST(CardSigningAnswer, AReaderThatFetchesItselfAndChainedAnswersWork) {
    // A reader driver that does the GET RESPONSE itself hands over the signature with 90 00.
    SignatureAnswer direct;
    EXPECT_EQ(direct.feed(withStatus(filled(96, 0x22), 0x90, 0x00)), SignatureAnswer::Next::Done);
    EXPECT_TRUE(direct.signature(Mechanism::EcdsaSha384));
    // [M1.8] 6.2.3 chaining: 61 xx after part of the data; 6C xx: ask again with Le = xx.
    SignatureAnswer chained;
    EXPECT_EQ(chained.feed(Bytes{0x61, 0x00}), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(chained.feed(Bytes{0x6C, 0x60}), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(chained.nextLength(), 0x60);
    EXPECT_EQ(chained.feed(withStatus(filled(48, 1), 0x61, 0x30)), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(chained.nextLength(), 0x30);
    EXPECT_EQ(chained.feed(withStatus(filled(48, 2), 0x90, 0x00)), SignatureAnswer::Next::Done);
    const auto s = chained.signature(Mechanism::EcdsaSha384);
    ASSERT_TRUE(s);
    EXPECT_EQ((*s)[0], 1);
    EXPECT_EQ((*s)[95], 2);
}

TEST(CardSigningAnswer, RefusalsAndEndlessOrOversizedAnswersFail) {
    SignatureAnswer refused;
    EXPECT_EQ(refused.feed(Bytes{0x69, 0x82}), SignatureAnswer::Next::Failed);
    EXPECT_EQ(refused.status().error, SignError::PinNotVerified);
    EXPECT_FALSE(refused.signature(Mechanism::EcdsaSha384));

    SignatureAnswer broken;
    EXPECT_EQ(broken.feed(Bytes{0x90}), SignatureAnswer::Next::Failed);
    EXPECT_EQ(broken.status().error, SignError::CardError);

    // A card that keeps saying "more": given up after kMaxAnswers answers.
    SignatureAnswer endless;
    SignatureAnswer::Next n = SignatureAnswer::Next::GetResponse;
    int answers = 0;
    while (n == SignatureAnswer::Next::GetResponse && answers < 100) {
        n = endless.feed(withStatus(filled(1, 0), 0x61, 0x01));
        ++answers;
    }
    EXPECT_EQ(n, SignatureAnswer::Next::Failed);
    EXPECT_EQ(answers, SignatureAnswer::kMaxAnswers + 1);

    // More than any signature: refused, not grown.
    SignatureAnswer big;
    EXPECT_EQ(big.feed(withStatus(filled(256, 0), 0x61, 0x00)), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(big.feed(withStatus(filled(256, 0), 0x61, 0x00)), SignatureAnswer::Next::GetResponse);
    EXPECT_EQ(big.feed(withStatus(filled(256, 0), 0x90, 0x00)), SignatureAnswer::Next::Failed);

    // Done, but not the size of a signature of the mechanism.
    SignatureAnswer odd;
    EXPECT_EQ(odd.feed(withStatus(filled(95, 3), 0x90, 0x00)), SignatureAnswer::Next::Done);
    EXPECT_FALSE(odd.signature(Mechanism::EcdsaSha384));
    EXPECT_FALSE(odd.signature(Mechanism::RsaPkcs1Sha256));
}

TEST(CardSigningAnswer, SignatureSizesAreThoseOfTheCardsKeys) {
    // [M1.8] 4.1: 256, 384, 512 and 521-bit keys → r || s of 64, 96, 128, 132 bytes.
    for (const std::size_t n : {64, 96, 128, 132})
        EXPECT_TRUE(signatureFrom(Mechanism::EcdsaSha384, filled(n, 1))) << n;
    for (const std::size_t n : {0, 63, 97, 256})
        EXPECT_FALSE(signatureFrom(Mechanism::EcdsaSha384, filled(n, 1))) << n;
    // [M1.7] 4.1: RSA 2048 only.
    EXPECT_TRUE(signatureFrom(Mechanism::RsaPkcs1, filled(256, 1)));
    EXPECT_FALSE(signatureFrom(Mechanism::RsaPkcs1, filled(128, 1)));
}
