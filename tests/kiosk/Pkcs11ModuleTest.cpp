// EidModule, the PKCS#11 module's rules, on the test card in memory (FakeCardService): what the
// real tools cannot reach through pcscd and vpcd (a pinpad reader, a card pulled between calls,
// the edge cases of PKCS#11 2.40's calling conventions, 5.2 and 5.7). The tools' view is in
// Pkcs11ToolTest.
#include "EidTestPki.h"
#include "FakeSmartCard.h"
#include "SignatureCheck.h"
#include "kiosk/pkcs11/EidModule.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace eid = dps::kiosk::eid;
namespace pkcs11 = dps::kiosk::pkcs11;
using dps::kiosk::pkcs11::EidModule;
using dps::test::EidTestPki;
using dps::test::FakeCardService;
using dps::test::sharedEidTestPki;

namespace {

// The module owns its service; the test keeps its hands on the fake behind it.
class Forward final : public eid::SmartCardService {
public:
    explicit Forward(FakeCardService& s) : s_(s) {}
    std::vector<eid::ReaderInfo> readers(eid::CardError& e) override { return s_.readers(e); }
    std::unique_ptr<eid::SmartCard> connect(const std::string& r, eid::CardError& e) override {
        return s_.connect(r, e);
    }
    bool waitForChange(std::chrono::milliseconds t) override { return s_.waitForChange(t); }

private:
    FakeCardService& s_;
};

struct Fixture {
    explicit Fixture(dps::test::FakeCardProfile profile) {
        service.insert(std::move(profile));
        module = std::make_unique<EidModule>(std::make_unique<Forward>(service));
    }
    CK_SESSION_HANDLE open() {
        CK_SESSION_HANDLE s = 0;
        EXPECT_EQ(module->openSession(0, CKF_SERIAL_SESSION, &s), CKR_OK);
        return s;
    }
    CK_RV login(CK_SESSION_HANDLE s, const char* pin) {
        return module->login(s, CKU_USER, reinterpret_cast<const CK_UTF8CHAR*>(pin), pin ? std::strlen(pin) : 0);
    }
    std::vector<CK_OBJECT_HANDLE> find(CK_SESSION_HANDLE s, std::vector<CK_ATTRIBUTE> wanted = {}) {
        EXPECT_EQ(module->findInit(s, wanted.data(), wanted.size()), CKR_OK);
        std::vector<CK_OBJECT_HANDLE> found(8);
        CK_ULONG n = 0;
        EXPECT_EQ(module->find(s, found.data(), found.size(), &n), CKR_OK);
        EXPECT_EQ(module->findFinal(s), CKR_OK);
        found.resize(n);
        return found;
    }
    CK_FLAGS tokenFlags() {
        CK_TOKEN_INFO info{};
        EXPECT_EQ(module->tokenInfo(0, &info), CKR_OK);
        return info.flags;
    }
    FakeCardService service;
    std::unique_ptr<EidModule> module;
};

} // namespace

TEST(Pkcs11Module, APinpadReaderIsAProtectedPathAndLogsInWithoutAPinFromTheComputer) {
    auto profile = sharedEidTestPki().card({.applet = 0x18});
    profile.pinpad = true;
    profile.typedOnPinpad = "1234";
    Fixture f(std::move(profile));
    EXPECT_NE(f.tokenFlags() & CKF_PROTECTED_AUTHENTICATION_PATH, 0U);
    const auto s = f.open();
    EXPECT_EQ(f.login(s, nullptr), CKR_OK);
    EXPECT_TRUE(f.service.card->verifiedNow.load());
    EXPECT_EQ(f.find(s).size(), 3U) << "certificate, public key, private key";
}

TEST(Pkcs11Module, NothingTypedOnThePinpadIsACancelAndCostsNoTry) {
    auto profile = sharedEidTestPki().card({.applet = 0x18});
    profile.pinpad = true; // typedOnPinpad empty: the reader times out
    Fixture f(std::move(profile));
    const auto s = f.open();
    EXPECT_EQ(f.login(s, nullptr), CKR_FUNCTION_CANCELED);
    EXPECT_EQ(f.service.profile().pinTries, 3);
    EXPECT_EQ(f.find(s).size(), 2U) << "still logged out";
}

TEST(Pkcs11Module, WithoutAPinpadAMissingPinIsRefused) {
    Fixture f(sharedEidTestPki().card({.applet = 0x18}));
    EXPECT_EQ(f.tokenFlags() & CKF_PROTECTED_AUTHENTICATION_PATH, 0U);
    EXPECT_NE(f.tokenFlags() & CKF_LOGIN_REQUIRED, 0U);
    const auto s = f.open();
    EXPECT_EQ(f.login(s, nullptr), CKR_ARGUMENTS_BAD);
    EXPECT_EQ(f.service.card->verifies.load(), 0);
    EXPECT_EQ(f.login(s, "1234"), CKR_OK);
    EXPECT_EQ(f.login(s, "1234"), CKR_USER_ALREADY_LOGGED_IN);
    EXPECT_EQ(f.service.card->verifies.load(), 1);
}

TEST(Pkcs11Module, ALengthQueryAndATooSmallBufferKeepTheSignatureGoing) {
    Fixture f(sharedEidTestPki().card({.applet = 0x18}));
    const auto s = f.open();
    ASSERT_EQ(f.login(s, "1234"), CKR_OK);
    CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
    ASSERT_EQ(f.module->signInit(s, &ecdsa, pkcs11::kPrivateKey), CKR_OK);
    EXPECT_EQ(f.module->signInit(s, &ecdsa, pkcs11::kPrivateKey), CKR_OPERATION_ACTIVE);
    const std::string message = "ClientHello ... ServerHelloDone";
    const auto digest = dps::test::digestOf("SHA384", dps::test::bytesOf(message));
    CK_ULONG length = 0;
    EXPECT_EQ(f.module->sign(s, digest.data(), digest.size(), nullptr, &length), CKR_OK);
    EXPECT_EQ(length, 96U);
    std::vector<CK_BYTE> signature(10);
    length = signature.size();
    EXPECT_EQ(f.module->sign(s, digest.data(), digest.size(), signature.data(), &length), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(length, 96U);
    EXPECT_EQ(f.service.card->signing.signatures(), 0);
    signature.resize(length);
    ASSERT_EQ(f.module->sign(s, digest.data(), digest.size(), signature.data(), &length), CKR_OK);
    EXPECT_EQ(f.service.card->signing.signatures(), 1);
    // The certificate the token shows checks the signature.
    CK_ATTRIBUTE value{CKA_VALUE, nullptr, 0};
    ASSERT_EQ(f.module->attributeValue(s, pkcs11::kCertificate, &value, 1), CKR_OK);
    std::vector<std::uint8_t> der(value.ulValueLen);
    value.pValue = der.data();
    ASSERT_EQ(f.module->attributeValue(s, pkcs11::kCertificate, &value, 1), CKR_OK);
    EXPECT_TRUE(dps::test::signatureVerifies(der, "SHA384", dps::test::bytesOf(message), signature));
    // The operation ended with the signature.
    EXPECT_EQ(f.module->sign(s, digest.data(), digest.size(), signature.data(), &length),
              CKR_OPERATION_NOT_INITIALIZED);
}

TEST(Pkcs11Module, AMechanismOrDigestTheCardCannotTakeIsRefusedBeforeTheCard) {
    Fixture f(sharedEidTestPki().card({.applet = 0x18}));
    const auto s = f.open();
    CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0}, rsa{CKM_RSA_PKCS, nullptr, 0}, sha{CKM_ECDSA_SHA384, nullptr, 0};
    EXPECT_EQ(f.module->signInit(s, &ecdsa, pkcs11::kPrivateKey), CKR_USER_NOT_LOGGED_IN);
    ASSERT_EQ(f.login(s, "1234"), CKR_OK);
    EXPECT_EQ(f.module->signInit(s, &rsa, pkcs11::kPrivateKey), CKR_MECHANISM_INVALID);
    EXPECT_EQ(f.module->signInit(s, &sha, pkcs11::kPrivateKey), CKR_MECHANISM_INVALID);
    EXPECT_EQ(f.module->signInit(s, &ecdsa, pkcs11::kPublicKey), CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(f.module->signInit(s, &ecdsa, 99), CKR_KEY_HANDLE_INVALID);
    ASSERT_EQ(f.module->signInit(s, &ecdsa, pkcs11::kPrivateKey), CKR_OK);
    std::vector<CK_BYTE> data(47, 0x5A), signature(96);
    CK_ULONG length = signature.size();
    EXPECT_EQ(f.module->sign(s, data.data(), data.size(), signature.data(), &length), CKR_DATA_LEN_RANGE);
    EXPECT_EQ(f.service.card->signing.signatures(), 0);
}

TEST(Pkcs11Module, ACardPulledEndsItsSessionsAndTheTokenGoes) {
    Fixture f(sharedEidTestPki().card({.applet = 0x17}));
    const auto s = f.open();
    ASSERT_EQ(f.login(s, "1234"), CKR_OK);
    f.service.card.reset();
    CK_SLOT_ID slots[4];
    CK_ULONG n = 4;
    ASSERT_EQ(f.module->slotList(true, slots, &n), CKR_OK);
    EXPECT_EQ(n, 0U);
    n = 4;
    ASSERT_EQ(f.module->slotList(false, slots, &n), CKR_OK);
    EXPECT_EQ(n, 1U) << "the reader stays";
    CK_SESSION_INFO info{};
    EXPECT_EQ(f.module->sessionInfo(s, &info), CKR_SESSION_HANDLE_INVALID);
    CK_TOKEN_INFO token{};
    EXPECT_EQ(f.module->tokenInfo(0, &token), CKR_TOKEN_NOT_PRESENT);
}

TEST(Pkcs11Module, AnotherCardOrAChildsCardWithoutAnAuthenticationCertificateIsNoToken) {
    auto other = sharedEidTestPki().card({.applet = 0x18});
    other.belgian = false;
    Fixture f(std::move(other));
    CK_SLOT_ID slots[4];
    CK_ULONG n = 4;
    ASSERT_EQ(f.module->slotList(true, slots, &n), CKR_OK);
    EXPECT_EQ(n, 0U);
    Fixture kid(
        sharedEidTestPki().card({.applet = 0x18, .authentication = false, .signing = false, .documentType = "6"}));
    n = 4;
    ASSERT_EQ(kid.module->slotList(true, slots, &n), CKR_OK);
    EXPECT_EQ(n, 0U);
}

TEST(Pkcs11Module, GetAttributeValueFollowsTheStandardsRulesForEachAttribute) {
    Fixture f(sharedEidTestPki().card({.applet = 0x17}));
    const auto s = f.open();
    ASSERT_EQ(f.login(s, "1234"), CKR_OK);
    CK_BYTE small[4];
    CK_KEY_TYPE type = 0;
    CK_BBOOL sign = CK_FALSE;
    CK_ATTRIBUTE t[] = {{CKA_PRIVATE_EXPONENT, nullptr, 0}, {CKA_EC_POINT, nullptr, 0},
                        {CKA_MODULUS, small, sizeof small}, {CKA_KEY_TYPE, &type, sizeof type},
                        {CKA_SIGN, &sign, sizeof sign},     {CKA_PUBLIC_EXPONENT, nullptr, 0}};
    const CK_RV rv = f.module->attributeValue(s, pkcs11::kPrivateKey, t, 6);
    EXPECT_TRUE(rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(t[0].ulValueLen, CK_UNAVAILABLE_INFORMATION) << "secret";
    EXPECT_EQ(t[1].ulValueLen, CK_UNAVAILABLE_INFORMATION) << "not an RSA key's";
    EXPECT_EQ(t[2].ulValueLen, CK_UNAVAILABLE_INFORMATION) << "too small";
    EXPECT_EQ(type, CKK_RSA);
    EXPECT_EQ(sign, CK_TRUE);
    EXPECT_EQ(t[5].ulValueLen, 3U) << "65537";
    // Private objects are not there before a login, or after a logout.
    ASSERT_EQ(f.module->logout(s), CKR_OK);
    EXPECT_EQ(f.module->attributeValue(s, pkcs11::kPrivateKey, t + 3, 1), CKR_OBJECT_HANDLE_INVALID);
    EXPECT_FALSE(f.service.card->verifiedNow.load()) << "LOG OFF and a reset";
}

TEST(Pkcs11Module, ASearchTemplateIsBoundedAndMatchedByValue) {
    Fixture f(sharedEidTestPki().card({.applet = 0x18}));
    const auto s = f.open();
    CK_OBJECT_CLASS certificate = CKO_CERTIFICATE, privateKey = CKO_PRIVATE_KEY;
    EXPECT_EQ(f.find(s, {{CKA_CLASS, &certificate, sizeof certificate}}),
              std::vector<CK_OBJECT_HANDLE>{pkcs11::kCertificate});
    EXPECT_TRUE(f.find(s, {{CKA_CLASS, &privateKey, sizeof privateKey}}).empty()) << "before login";
    CK_BYTE signingKeyId = 0x83;
    EXPECT_TRUE(f.find(s, {{CKA_ID, &signingKeyId, 1}}).empty()) << "never the non-repudiation key";
    // Caller data out of bounds: refused, nothing searched.
    std::vector<CK_ATTRIBUTE> many(33, CK_ATTRIBUTE{CKA_CLASS, &certificate, sizeof certificate});
    EXPECT_EQ(f.module->findInit(s, many.data(), many.size()), CKR_ARGUMENTS_BAD);
    std::vector<CK_BYTE> huge(16 * 1024 + 1);
    CK_ATTRIBUTE big{CKA_VALUE, huge.data(), huge.size()};
    EXPECT_EQ(f.module->findInit(s, &big, 1), CKR_ATTRIBUTE_VALUE_INVALID);
    CK_ATTRIBUTE null{CKA_VALUE, nullptr, 5};
    EXPECT_EQ(f.module->findInit(s, &null, 1), CKR_ARGUMENTS_BAD);
    EXPECT_EQ(f.module->findInit(s, nullptr, 0), CKR_OK);
}

TEST(Pkcs11Module, TheTokenSaysWhatTheCardSaysOfItsPinTries) {
    auto profile = sharedEidTestPki().card({.applet = 0x18});
    profile.pinTries = 1;
    Fixture f(std::move(profile));
    const CK_FLAGS flags = f.tokenFlags();
    EXPECT_NE(flags & CKF_USER_PIN_FINAL_TRY, 0U);
    EXPECT_NE(flags & CKF_USER_PIN_COUNT_LOW, 0U);
    EXPECT_EQ(f.service.card->verifies.load(), 0) << "asked without a VERIFY (GET CARD DATA)";
    const auto s = f.open();
    EXPECT_EQ(f.login(s, "9999"), CKR_PIN_LOCKED) << "the last try";
    EXPECT_NE(f.tokenFlags() & CKF_USER_PIN_LOCKED, 0U);
}

// NSS asks its password callback again at each key lookup; a caller that remembers the PIN gives
// the same wrong one each time. The card sees it once; another PIN is tried (and costs a try).
TEST(Pkcs11Module, TheSameWrongPinTwiceCostsOneTryAndAnotherOneAnother) {
    Fixture f(sharedEidTestPki().card({.applet = 0x18}));
    const auto s = f.open();
    EXPECT_EQ(f.login(s, "4321"), CKR_PIN_INCORRECT);
    EXPECT_EQ(f.login(s, "4321"), CKR_PIN_INCORRECT);
    EXPECT_EQ(f.login(s, "4321"), CKR_PIN_INCORRECT);
    EXPECT_EQ(f.service.card->verifies.load(), 1);
    EXPECT_EQ(f.service.profile().pinTries, 2);
    EXPECT_EQ(f.login(s, "5555"), CKR_PIN_INCORRECT);
    EXPECT_EQ(f.service.card->verifies.load(), 2);
    EXPECT_EQ(f.service.profile().pinTries, 1);
    EXPECT_EQ(f.login(s, "1234"), CKR_OK);
    EXPECT_EQ(f.service.profile().pinTries, 3);
}
