// Signing on real parts: pcsc-lite's client library and the kiosk's PcscService, a private pcscd
// with vsmartcard's vpcd reader, our virtual card (applet 1.7 RSA 2048 and 1.8 EC P-384, signing
// with the keys of its test certificates as the applet manuals describe), and OpenSSL checking
// every signature against the certificate read from the card through pcscd. One private pcscd
// per test (pcsc-lite reads PCSCLITE_CSOCK_NAME once per process; ctest runs each test alone).
#include "PcscCardBench.h"
#include "SignatureCheck.h"
#include "kiosk/core/eid/CardSession.h"

#include <gtest/gtest.h>
#include <string>
#include <thread>

using dps::kiosk::eid::CardSession;
using dps::kiosk::eid::Mechanism;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::SignError;
using dps::kiosk::eid::SigningKey;
using dps::kiosk::eid::SignResult;
using dps::test::bytesOf;
using dps::test::digestOf;
using dps::test::signatureVerifies;

namespace {

const std::string kMessage = "GET /myminfin HTTP/1.1: the TLS handshake so far";

struct SigningBench : dps::test::PcscCardBench {
    std::unique_ptr<CardSession> open() {
        SignError error = SignError::CardError;
        auto session = CardSession::open(service, reader, error);
        EXPECT_EQ(error, SignError::None);
        return session;
    }
};

PinBlock pin(const char* digits) { return *PinBlock::fromDigits(digits); }

} // namespace

TEST(CardSigningPcsc, An18CardSignsASha384DigestWithItsAuthenticationKey) {
    SigningBench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18}));
    ASSERT_FALSE(b.reader.empty());
    auto session = b.open();
    ASSERT_TRUE(session);
    EXPECT_EQ(session->appletVersion(), 0x18);
    const auto certificate = session->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    const SignResult r = session->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.typed = &right});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_EQ(r.signature.size(), 96U);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA384", bytesOf(kMessage), r.signature));
    EXPECT_FALSE(signatureVerifies(*certificate, "SHA384", bytesOf("another message"), r.signature));
    EXPECT_EQ(state->signing.signatures(), 1);
    EXPECT_EQ(state->profile.pinTries, 3);
}

TEST(CardSigningPcsc, A17CardSignsASha256DigestWithRsa2048) {
    SigningBench b;
    const auto state = b.insert(b.pki.card({.applet = 0x17}));
    ASSERT_FALSE(b.reader.empty());
    auto session = b.open();
    ASSERT_TRUE(session);
    EXPECT_EQ(session->appletVersion(), 0x17);
    const auto certificate = session->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA256", bytesOf(kMessage));
    // 256 bytes of signature: 61 00 from PSO CDS, then GET RESPONSE through pcscd and vpcd.
    const SignResult r =
        session->sign(SigningKey::Authentication, Mechanism::RsaPkcs1Sha256, digest, {.typed = &right});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_EQ(r.signature.size(), 256U);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA256", bytesOf(kMessage), r.signature));
    // The signing key too, with its own VERIFY just before, checked on its own certificate.
    const auto signing = session->certificate(SigningKey::NonRepudiation);
    ASSERT_TRUE(signing);
    const SignResult s =
        session->sign(SigningKey::NonRepudiation, Mechanism::RsaPkcs1Sha256, digest, {.typed = &right});
    ASSERT_EQ(s.error, SignError::None);
    EXPECT_TRUE(signatureVerifies(*signing, "SHA256", bytesOf(kMessage), s.signature));
    EXPECT_FALSE(signatureVerifies(*certificate, "SHA256", bytesOf(kMessage), s.signature)) << "another key";
}

// One try, no more, and a right PIN afterwards signs and gives the three tries back. (One test
// per applet: one private pcscd per process.)
void wrongPinCostsOneTry(std::uint8_t applet) {
    SigningBench b;
    const auto state = b.insert(b.pki.card({.applet = applet}));
    ASSERT_FALSE(b.reader.empty());
    auto session = b.open();
    ASSERT_TRUE(session);
    const Mechanism m = applet == 0x17 ? Mechanism::RsaPkcs1Sha256 : Mechanism::EcdsaSha256;
    const auto digest = digestOf("SHA256", bytesOf(kMessage));
    const PinBlock wrong = pin("4321");
    const SignResult r = session->sign(SigningKey::Authentication, m, digest, {.typed = &wrong});
    EXPECT_EQ(r.error, SignError::WrongPin);
    EXPECT_EQ(r.triesLeft, 2);
    EXPECT_TRUE(r.signature.empty());
    EXPECT_EQ(state->profile.pinTries, 2) << "one try, no more";
    EXPECT_EQ(state->verifies.load(), 1);
    EXPECT_EQ(state->signing.signatures(), 0);
    const PinBlock right = pin("1234");
    EXPECT_EQ(session->sign(SigningKey::Authentication, m, digest, {.typed = &right}).error, SignError::None);
    EXPECT_EQ(state->profile.pinTries, 3);
}

TEST(CardSigningPcsc, AWrongPinCostsOneTryOnA17Card) { wrongPinCostsOneTry(0x17); }

TEST(CardSigningPcsc, AWrongPinCostsOneTryOnA18Card) { wrongPinCostsOneTry(0x18); }

TEST(CardSigningPcsc, TheSessionEndsWithLogOffAndTheNextOneNeedsThePinAgain) {
    SigningBench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18}));
    ASSERT_FALSE(b.reader.empty());
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    {
        auto session = b.open();
        ASSERT_TRUE(session);
        const PinBlock right = pin("1234");
        ASSERT_EQ(session->verifyPin({.typed = &right}).error, SignError::None);
        EXPECT_EQ(session->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest).error, SignError::None);
    }
    EXPECT_EQ(state->logOffs.load(), 1);
    auto next = b.open();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest).error, SignError::PinNotVerified);
}

TEST(CardSigningPcsc, AKidsIdRefusesTheSigningKeyButLogsIn) {
    SigningBench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18, .signing = false, .documentType = "6"}));
    ASSERT_FALSE(b.reader.empty());
    auto session = b.open();
    ASSERT_TRUE(session);
    EXPECT_FALSE(session->certificate(SigningKey::NonRepudiation));
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    EXPECT_EQ(session->sign(SigningKey::NonRepudiation, Mechanism::EcdsaSha384, digest, {.typed = &right}).error,
              SignError::NoSuchKey);
    EXPECT_EQ(state->verifies.load(), 0) << "no PIN sent for a key that is not there";
    const auto certificate = session->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const SignResult r = session->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.typed = &right});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA384", bytesOf(kMessage), r.signature));
}
