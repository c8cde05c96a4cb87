// Signing through CardSession on the test card in memory (FakeSmartCard.h, whose signing rules
// FakeCardSigning.cpp writes from the applet manuals), with the private keys of its test
// certificates; every signature is checked by OpenSSL against the certificate read from the card.
// The same session over a real pcscd and virtual reader: CardSigningPcscTest.cpp.
#include "kiosk/core/eid/CardSession.h"
#include "EidTestPki.h"
#include "SignatureCheck.h"

#include <gtest/gtest.h>
#include <string>

using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::CardSession;
using dps::kiosk::eid::Mechanism;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::SignError;
using dps::kiosk::eid::SigningKey;
using dps::kiosk::eid::SignResult;
using dps::test::bytesOf;
using dps::test::digestOf;
using dps::test::EidTestPki;
using dps::test::FakeCardService;
using dps::test::sharedEidTestPki;
using dps::test::signatureVerifies;

namespace {

const std::string kMessage = "TLS 1.3, client CertificateVerify: the transcript hash";

// One PKI for the file: RSA keys take a while to make.
struct Card {
    explicit Card(const EidTestPki::CardSpec& spec) { service.insert(sharedEidTestPki().card(spec)); }
    std::unique_ptr<CardSession> open() {
        SignError e = SignError::CardError;
        auto s = CardSession::open(service, "Test Reader 00 00", e);
        EXPECT_EQ(e, SignError::None);
        return s;
    }
    FakeCardService service;
};

PinBlock pin(const char* digits) { return *PinBlock::fromDigits(digits); }

} // namespace

TEST(CardSession, An18CardSignsASha384DigestWithItsAuthenticationKey) {
    Card c({.applet = 0x18});
    auto s = c.open();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->appletVersion(), 0x18);
    const auto certificate = s->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    const SignResult r = s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.typed = &right});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_EQ(r.signature.size(), 96U); // r || s of P-384
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA384", bytesOf(kMessage), r.signature));
    EXPECT_FALSE(signatureVerifies(*certificate, "SHA384", bytesOf(kMessage + "!"), r.signature))
        << "the check must be able to fail";
    // "Hash not specified" (40) takes a SHA-256 digest on the same key.
    const auto sha256 = digestOf("SHA256", bytesOf(kMessage));
    const SignResult any = s->sign(SigningKey::Authentication, Mechanism::Ecdsa, sha256);
    ASSERT_EQ(any.error, SignError::None);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA256", bytesOf(kMessage), any.signature));
}

TEST(CardSession, A17CardSignsASha256DigestWithRsaPkcs1) {
    Card c({.applet = 0x17});
    auto s = c.open();
    ASSERT_TRUE(s);
    const auto certificate = s->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA256", bytesOf(kMessage));
    const SignResult r = s->sign(SigningKey::Authentication, Mechanism::RsaPkcs1Sha256, digest, {.typed = &right});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_EQ(r.signature.size(), 256U);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA256", bytesOf(kMessage), r.signature));
    // The caller's own DigestInfo (01, "no predefined hash"), as a PKCS#11 CKM_RSA_PKCS sign gets
    // it: SHA-256's DigestInfo prefix (RFC 8017 9.2 note 1) then the digest.
    Bytes info{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
               0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    info.insert(info.end(), digest.begin(), digest.end());
    const SignResult raw = s->sign(SigningKey::Authentication, Mechanism::RsaPkcs1, info);
    ASSERT_EQ(raw.error, SignError::None);
    EXPECT_EQ(raw.signature, r.signature) << "PKCS#1 v1.5 is deterministic: the same signature";
}

TEST(CardSession, TheAuthenticationKeyWantsThePinOnceTheSigningKeyJustBefore) {
    for (const std::uint8_t applet : {std::uint8_t{0x17}, std::uint8_t{0x18}}) {
        SCOPED_TRACE(applet);
        Card c({.applet = applet});
        auto s = c.open();
        ASSERT_TRUE(s);
        const Mechanism m = applet == 0x17 ? Mechanism::RsaPkcs1Sha256 : Mechanism::EcdsaSha256;
        const auto digest = digestOf("SHA256", bytesOf(kMessage));
        // No VERIFY yet: 69 82, security status not satisfied.
        EXPECT_EQ(s->sign(SigningKey::Authentication, m, digest).error, SignError::PinNotVerified);
        EXPECT_EQ(s->sign(SigningKey::NonRepudiation, m, digest).error, SignError::PinNotVerified);
        const PinBlock right = pin("1234");
        ASSERT_EQ(s->verifyPin({.typed = &right}).error, SignError::None);
        // "PIN once": signs now and again without another VERIFY.
        EXPECT_EQ(s->sign(SigningKey::Authentication, m, digest).error, SignError::None);
        EXPECT_EQ(s->sign(SigningKey::Authentication, m, digest).error, SignError::None);
        // "PIN just before": the non-repudiation key wants its own VERIFY, every time.
        EXPECT_EQ(s->sign(SigningKey::NonRepudiation, m, digest).error, SignError::PinNotVerified);
        const SignResult signed1 = s->sign(SigningKey::NonRepudiation, m, digest, {.typed = &right});
        ASSERT_EQ(signed1.error, SignError::None);
        const auto signingCertificate = s->certificate(SigningKey::NonRepudiation);
        ASSERT_TRUE(signingCertificate);
        EXPECT_TRUE(signatureVerifies(*signingCertificate, "SHA256", bytesOf(kMessage), signed1.signature));
        EXPECT_EQ(s->sign(SigningKey::NonRepudiation, m, digest).error, SignError::PinNotVerified);
    }
}

TEST(CardSession, AWrongPinCostsOneTryAndSaysHowManyAreLeft) {
    Card c({.applet = 0x18});
    auto s = c.open();
    ASSERT_TRUE(s);
    const PinBlock wrong = pin("9999");
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    const SignResult r = s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.typed = &wrong});
    EXPECT_EQ(r.error, SignError::WrongPin);
    EXPECT_EQ(r.triesLeft, 2);
    EXPECT_TRUE(r.signature.empty());
    EXPECT_EQ(c.service.profile().pinTries, 2);
    // A wrong VERIFY "resets PIN access conditions for ALL" ([M1.8] 5.1): no signature after it.
    EXPECT_EQ(s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest).error, SignError::PinNotVerified);
    EXPECT_EQ(s->verifyPin({.typed = &wrong}).triesLeft, 1);
    const PinBlock right = pin("1234");
    EXPECT_EQ(s->verifyPin({.typed = &right}).error, SignError::None);
    EXPECT_EQ(c.service.profile().pinTries, 3);
}

TEST(CardSession, ABlockedPinSignsNothing) {
    auto profile = sharedEidTestPki().card({.applet = 0x17});
    profile.pinTries = 0;
    FakeCardService service;
    service.insert(std::move(profile));
    SignError e = SignError::CardError;
    auto s = CardSession::open(service, "Test Reader 00 00", e);
    ASSERT_TRUE(s);
    const PinBlock right = pin("1234");
    const SignResult r = s->sign(SigningKey::Authentication, Mechanism::RsaPkcs1Sha256,
                                 digestOf("SHA256", bytesOf(kMessage)), {.typed = &right});
    EXPECT_EQ(r.error, SignError::PinBlocked);
    EXPECT_EQ(r.triesLeft, 0);
}

TEST(CardSession, AKidsIdWithoutSigningKeyRefusesKey83AsNotFound) {
    Card c({.applet = 0x18, .signing = false, .documentType = "6"});
    auto s = c.open();
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->certificate(SigningKey::NonRepudiation)) << "2500 zero bytes: no certificate";
    const PinBlock right = pin("1234");
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    // MSE SET answers 6A 88 "referenced key not found"; no VERIFY is sent after it.
    const int verifies = c.service.card->verifies;
    EXPECT_EQ(s->sign(SigningKey::NonRepudiation, Mechanism::EcdsaSha384, digest, {.typed = &right}).error,
              SignError::NoSuchKey);
    EXPECT_EQ(c.service.card->verifies.load(), verifies);
    // It still logs in.
    EXPECT_EQ(s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.typed = &right}).error,
              SignError::None);
}

TEST(CardSession, WhatTheAppletCannotDoIsRefusedBeforeAnythingIsSent) {
    Card c({.applet = 0x18});
    auto s = c.open();
    ASSERT_TRUE(s);
    const PinBlock right = pin("1234");
    const int commands = c.service.card->commands;
    // RSA on a 1.8 card; a SHA-256 digest for ECDSA SHA-384.
    EXPECT_EQ(s->sign(SigningKey::Authentication, Mechanism::RsaPkcs1Sha256, digestOf("SHA256", bytesOf(kMessage)),
                      {.typed = &right})
                  .error,
              SignError::NotSupported);
    EXPECT_EQ(s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digestOf("SHA256", bytesOf(kMessage)),
                      {.typed = &right})
                  .error,
              SignError::WrongLength);
    EXPECT_EQ(c.service.card->commands.load(), commands) << "nothing reached the card, so no PIN try was used";
    EXPECT_EQ(c.service.profile().pinTries, 3);
}

TEST(CardSession, OpeningRefusesOtherCardsAndApplet11AndEndsWithLogOff) {
    FakeCardService other;
    auto notEid = sharedEidTestPki().card({.applet = 0x18});
    notEid.belgian = false;
    other.insert(std::move(notEid));
    SignError e = SignError::None;
    EXPECT_FALSE(CardSession::open(other, "Test Reader 00 00", e));
    EXPECT_EQ(e, SignError::NotSupported);

    FakeCardService old;
    old.insert(sharedEidTestPki().card({.applet = 0x11}));
    EXPECT_FALSE(CardSession::open(old, "Test Reader 00 00", e));
    EXPECT_EQ(e, SignError::NotSupported);

    FakeCardService none;
    none.card.reset();
    EXPECT_FALSE(CardSession::open(none, "Test Reader 00 00", e));
    EXPECT_EQ(e, SignError::CardGone);

    Card c({.applet = 0x18});
    {
        auto s = c.open();
        ASSERT_TRUE(s);
        EXPECT_EQ(c.service.card->logOffs.load(), 0);
    }
    EXPECT_EQ(c.service.card->logOffs.load(), 1) << "the PIN's security state must not outlive the session";
}

TEST(CardSession, ACardPulledMidSignatureIsGone) {
    Card c({.applet = 0x18});
    auto s = c.open();
    ASSERT_TRUE(s);
    c.service.profile().failAfter = 3; // after SELECT, GET CARD DATA and MSE SET, the card is pulled
    const PinBlock right = pin("1234");
    const SignResult r = s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384,
                                 digestOf("SHA384", bytesOf(kMessage)), {.typed = &right});
    EXPECT_EQ(r.error, SignError::CardGone);
}

TEST(CardSession, OnAPinpadReaderThePinIsTypedThereAndATimeoutCostsNoTry) {
    auto profile = sharedEidTestPki().card({.applet = 0x18});
    profile.pinpad = true;
    profile.typedOnPinpad = "1234";
    FakeCardService service;
    service.insert(std::move(profile));
    SignError e = SignError::CardError;
    auto s = CardSession::open(service, "Test Reader 00 00", e);
    ASSERT_TRUE(s);
    const auto certificate = s->certificate(SigningKey::Authentication);
    ASSERT_TRUE(certificate);
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    const SignResult r =
        s->sign(SigningKey::Authentication, Mechanism::EcdsaSha384, digest, {.onPinpad = true, .language = "nl"});
    ASSERT_EQ(r.error, SignError::None);
    EXPECT_TRUE(signatureVerifies(*certificate, "SHA384", bytesOf(kMessage), r.signature));
    EXPECT_EQ(service.card->pinpadLanguage, "nl");
    // Nothing typed: the reader's own timeout (64 00), not a wrong PIN.
    service.profile().typedOnPinpad.clear();
    const SignResult t = s->sign(SigningKey::NonRepudiation, Mechanism::EcdsaSha384, digest, {.onPinpad = true});
    EXPECT_EQ(t.error, SignError::PinEntryCancelled);
    EXPECT_EQ(service.profile().pinTries, 3);
}
