// The test card's signing rules on their own, command by command, against the applet manuals
// ([M1.7] "Public_Belpic_Applet_v1 7_Ref_Manual - A01", [M1.8] "Public_Belpic_Applet_v1
// 8_Ref_Manual_v1", Fedict eid-mw doc/sdk/documentation/): the card every signing test relies on
// must refuse what a real card refuses, with the status words the manuals give.
#include "EidTestPki.h"
#include "SignatureCheck.h"

#include <gtest/gtest.h>

using dps::kiosk::eid::Bytes;
using dps::test::basicKeyFile;
using dps::test::EidTestPki;
using dps::test::FakeCard;
using dps::test::FakeCardState;
using dps::test::sharedEidTestPki;
using dps::test::signatureVerifiesWithKey;

namespace {

struct TestCard {
    explicit TestCard(std::uint8_t applet)
        : state(std::make_shared<FakeCardState>(sharedEidTestPki().card({.applet = applet}))), card(state) {}

    // The status word of an answer.
    std::uint16_t send(const Bytes& apdu) {
        last = *card.transmit(apdu);
        return static_cast<std::uint16_t>((last[last.size() - 2] << 8) | last[last.size() - 1]);
    }
    std::uint16_t verify(const char* digits = "1234") {
        Bytes c{0x00, 0x20, 0x00, 0x01, 0x08};
        const auto block = dps::kiosk::eid::PinBlock::fromDigits(digits);
        c.insert(c.end(), block->bytes().begin(), block->bytes().end());
        return send(c);
    }
    std::uint16_t mse(std::uint8_t algorithm, std::uint8_t key) {
        return send({0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, key});
    }
    std::uint16_t pso(std::size_t length) {
        Bytes c{0x00, 0x2A, 0x9E, 0x9A, static_cast<std::uint8_t>(length)};
        c.resize(5 + length, 0x42);
        return send(c);
    }

    std::shared_ptr<FakeCardState> state;
    FakeCard card;
    Bytes last;
};

} // namespace

TEST(TestCardSigning, MseSetRefusesWhatTheManualSaysItRefuses) {
    TestCard c(0x18);
    // [M1.8] Table 40.
    EXPECT_EQ(c.send({0x00, 0x22, 0x41, 0xB6, 0x04, 0x04, 0x80, 0x02, 0x84}), 0x6700);       // wrong length
    EXPECT_EQ(c.send({0x00, 0x22, 0x41, 0xA4, 0x05, 0x04, 0x80, 0x02, 0x84, 0x82}), 0x6B00); // P1-P2
    EXPECT_EQ(c.mse(0x80, 0x82), 0x6A80);                                                    // no such algorithm
    EXPECT_EQ(c.mse(0x02, 0x81), 0x6A80); // the basic key is not a signature key
    EXPECT_EQ(c.send({0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x81, 0x02, 0x84, 0x82}), 0x6A80); // wrong tag
    EXPECT_EQ(c.mse(0x02, 0x82), 0x9000);
    // Applet 1.7 ([M1.7] Table 11): RSA only, so 40 (1.8's ECDSA "hash not specified") is unknown.
    TestCard old(0x17);
    EXPECT_EQ(old.mse(0x40, 0x82), 0x6A80);
    EXPECT_EQ(old.mse(0x08, 0x82), 0x9000);
    // A card without a signing certificate has no key 83: "referenced key not found".
    auto kids = std::make_shared<FakeCardState>(
        sharedEidTestPki().card({.applet = 0x18, .signing = false, .documentType = "6"}));
    FakeCard kidsCard(kids);
    const auto answer = kidsCard.transmit(Bytes{0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, 0x02, 0x84, 0x83});
    EXPECT_EQ(*answer, (Bytes{0x6A, 0x88}));
}

TEST(TestCardSigning, PsoCdsWantsAnEnvironmentThePinAndTheRightLength) {
    TestCard c(0x18);
    EXPECT_EQ(c.pso(48), 0x6985) << "no security environment set";
    EXPECT_EQ(c.mse(0x02, 0x82), 0x9000);
    EXPECT_EQ(c.pso(48), 0x6982) << "no PIN verified";
    EXPECT_EQ(c.verify(), 0x9000);
    EXPECT_EQ(c.pso(32), 0x6700) << "SHA-2-384 takes 48 bytes";
    EXPECT_EQ(c.pso(48), 0x6160) << "96 bytes wait for GET RESPONSE";
    EXPECT_EQ(c.state->signing.signatures(), 1);
    EXPECT_EQ(c.send({0x00, 0x2A, 0x9E, 0x9B, 0x01, 0x00}), 0x6B00);
}

TEST(TestCardSigning, GetResponseHandsOverWhatWaitsOnce) {
    TestCard c(0x18);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x60}), 0x6985) << "nothing to retrieve";
    c.verify();
    c.mse(0x02, 0x82);
    EXPECT_EQ(c.pso(48), 0x6160);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x80}), 0x6C60) << "Le too long, 0x60 available";
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x30}), 0x6130) << "half now, the rest after";
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x30}), 0x9000);
    EXPECT_EQ(c.last.size(), 0x30U + 2);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x30}), 0x6985) << "handed over once";
    // Another command in between loses it (T=0).
    c.mse(0x02, 0x82);
    EXPECT_EQ(c.pso(48), 0x6160);
    EXPECT_EQ(c.send({0x80, 0xE4, 0x00, 0x00, 0x1C}), 0x9000);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x60}), 0x6985);
}

TEST(TestCardSigning, TheNonRepudiationKeyWantsItsVerifyJustBefore) {
    // [M1.7] 5.1: MSE before VERIFY; nothing between VERIFY and the signature.
    TestCard old(0x17);
    EXPECT_EQ(old.mse(0x08, 0x83), 0x9000);
    EXPECT_EQ(old.verify(), 0x9000);
    EXPECT_EQ(old.pso(32), 0x6100);
    EXPECT_EQ(old.verify(), 0x9000);
    EXPECT_EQ(old.mse(0x08, 0x83), 0x9000);
    EXPECT_EQ(old.pso(32), 0x6982) << "1.7: MSE SET fell between VERIFY and the signature";
    // [M1.8] 5.1.2: "at most 1 command between".
    TestCard c(0x18);
    EXPECT_EQ(c.verify(), 0x9000);
    EXPECT_EQ(c.mse(0x02, 0x83), 0x9000);
    EXPECT_EQ(c.pso(48), 0x6160);
    EXPECT_EQ(c.verify(), 0x9000);
    EXPECT_EQ(c.send({0x80, 0xE4, 0x00, 0x00, 0x1C}), 0x9000);
    EXPECT_EQ(c.mse(0x02, 0x83), 0x9000);
    EXPECT_EQ(c.pso(48), 0x6982) << "1.8: two commands between";
    // [M1.7] 5.1 "PIN mixed": a VERIFY used by a non-repudiation signature does not open the
    // authentication key ("Verify(PIN), Sign(Keynon-rep), …, Sign(Keyauth) KO").
    TestCard mixed(0x17);
    EXPECT_EQ(mixed.mse(0x08, 0x83), 0x9000);
    EXPECT_EQ(mixed.verify(), 0x9000);
    EXPECT_EQ(mixed.pso(32), 0x6100);
    EXPECT_EQ(mixed.mse(0x08, 0x82), 0x9000);
    EXPECT_EQ(mixed.pso(32), 0x6982);
}

TEST(TestCardSigning, AWrongPinLogOffOrResetEndTheRights) {
    TestCard c(0x18);
    EXPECT_EQ(c.verify(), 0x9000);
    EXPECT_EQ(c.verify("9999"), 0x63C2);
    c.mse(0x02, 0x82);
    EXPECT_EQ(c.pso(48), 0x6982);
    EXPECT_EQ(c.verify(), 0x9000);
    EXPECT_EQ(c.send({0x80, 0xE6, 0x00, 0x00, 0x00}), 0x9000); // LOG OFF
    c.mse(0x02, 0x82);
    EXPECT_EQ(c.pso(48), 0x6982);
    EXPECT_EQ(c.verify(), 0x9000);
    c.state->reset(); // vpcd's reset: the environment goes too
    EXPECT_EQ(c.pso(48), 0x6985);
}

TEST(TestCardSigning, InternalAuthenticateSignsWithTheBasicKeyOnly) {
    // [M1.8] 6.11: 00 88 02 81 32 | 94 30 <48-byte challenge>; the authentication key is NEV for it.
    TestCard c(0x18);
    Bytes challenge(48);
    for (std::size_t i = 0; i < challenge.size(); ++i)
        challenge[i] = static_cast<std::uint8_t>(i * 7);
    Bytes cmd{0x00, 0x88, 0x02, 0x81, 0x32, 0x94, 0x30};
    cmd.insert(cmd.end(), challenge.begin(), challenge.end());
    Bytes withAuthKey = cmd;
    withAuthKey[3] = 0x82;
    EXPECT_EQ(c.send(withAuthKey), 0x6982);
    Bytes badTag = cmd;
    badTag[5] = 0x95;
    EXPECT_EQ(c.send(badTag), 0x6A80);
    EXPECT_EQ(c.send(cmd), 0x6160);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x60}), 0x9000);
    const Bytes signature(c.last.begin(), c.last.end() - 2);
    // The challenge is "an off-card hash": verified as the SHA-384 of a message.
    const std::string message = "basic key challenge";
    const auto digest =
        dps::test::digestOf("SHA384", {reinterpret_cast<const std::uint8_t*>(message.data()), message.size()});
    Bytes real{0x00, 0x88, 0x02, 0x81, 0x32, 0x94, 0x30};
    real.insert(real.end(), digest.begin(), digest.end());
    EXPECT_EQ(c.send(real), 0x6160);
    EXPECT_EQ(c.send({0x00, 0xC0, 0x00, 0x00, 0x60}), 0x9000);
    const Bytes answer(c.last.begin(), c.last.end() - 2);
    EXPECT_TRUE(signatureVerifiesWithKey(
        basicKeyFile(), "SHA384", {reinterpret_cast<const std::uint8_t*>(message.data()), message.size()}, answer));
    EXPECT_FALSE(signatureVerifiesWithKey(
        basicKeyFile(), "SHA384", {reinterpret_cast<const std::uint8_t*>(message.data()), message.size()}, signature));
    // Applet 1.7 has no such command in its manual's table (Table 7).
    TestCard old(0x17);
    EXPECT_EQ(old.send(cmd), 0x6D00);
}
