// The OpenSSL certificate adapter: dates read back exactly, card padding accepted, anything else
// refused; chains judged by signatures alone (never by dates), on a PKI made at test time and
// against the real Belgian roots shipped in assets/eid/roots.
#include "kiosk/adapters/eid/OpenSslCertificates.h"

#include "TempDir.h"
#include "TestPki.h"

#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>

using dps::kiosk::eid::ChainVerdict;
using dps::kiosk::eid::OpenSslCertificates;
using dps::test::Der;
using dps::test::derFromPemFile;
using dps::test::readFile;
using dps::test::Role;
using dps::test::TempDir;
using dps::test::TestCertificate;
using dps::test::utc;
using dps::test::Validity;
using dps::test::writeFile;
using std::chrono::December;
using std::chrono::February;
using std::chrono::January;
using std::chrono::June;
using std::chrono::March;
using std::chrono::October;
using std::chrono::sys_seconds;
using namespace std::chrono_literals;

namespace {

const Validity kCurrent{utc(2021y / March / 12, 8h + 30min + 15s), utc(2031y / March / 12, 23h + 59min + 59s)};

// A card's chain as the kiosk meets it, under a root of ours written to a roots directory.
struct TestChain {
    TestCertificate root =
        TestCertificate::root({"DPS Test Root CA"}, {utc(2015y / January / 1), utc(2045y / January / 1)});
    TestCertificate citizenCa = root.issue(Role::CertificationAuthority, {"Citizen CA", "202101"}, kCurrent);
    TestCertificate authentication =
        citizenCa.issue(Role::Authentication, {"CANARYSURNAME Canary (Authentication)", "85073003328"}, kCurrent);
    TestCertificate signing =
        citizenCa.issue(Role::Signing, {"CANARYSURNAME Canary (Signature)", "85073003328"}, kCurrent);
    TempDir rootsDir;

    TestChain() { root.writePem(rootsDir / "test-root.pem"); }
    [[nodiscard]] OpenSslCertificates verifier() const { return OpenSslCertificates(rootsDir.path()); }
};

int timeTypeOfNotAfter(const Der& der) {
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    const int type = x != nullptr ? ASN1_STRING_type(X509_get0_notAfter(x)) : -1;
    X509_free(x);
    return type;
}

int timeTypeOfNotBefore(const Der& der) {
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    const int type = x != nullptr ? ASN1_STRING_type(X509_get0_notBefore(x)) : -1;
    X509_free(x);
    return type;
}

// Replaces the first occurrence of text in der (a date or a name field) by another of the same length.
Der withTextReplaced(Der der, const std::string& text, const std::string& by) {
    const auto at = std::search(der.begin(), der.end(), text.begin(), text.end());
    if (at == der.end() || text.size() != by.size()) throw std::logic_error("no " + text + " in the certificate");
    std::copy(by.begin(), by.end(), at);
    return der;
}

// The message of what constructing a verifier on dir throws.
std::string refusal(const std::filesystem::path& dir) {
    try {
        (void)OpenSslCertificates(dir);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

const std::string kBelgianRoots = DPS_SOURCE_DIR "/assets/eid/roots";

} // namespace

// --- dates() -------------------------------------------------------------------------------

TEST(CertificateDates, AreReadBackExactlyFromUtcTime) {
    const TestChain pki;
    ASSERT_EQ(timeTypeOfNotAfter(pki.authentication.der()), V_ASN1_UTCTIME); // what this test is about
    const auto dates = pki.verifier().dates(pki.authentication.der());
    ASSERT_TRUE(dates);
    EXPECT_EQ(dates->notBefore, kCurrent.notBefore);
    EXPECT_EQ(dates->notAfter, kCurrent.notAfter);
}

TEST(CertificateDates, AreReadBackExactlyFromGeneralizedTime) {
    const TestChain pki;
    // RFC 5280: UTCTime only covers 1950-2049; dates outside are GeneralizedTime.
    const Validity wide{utc(1949y / December / 31, 23h + 59min + 58s), utc(2051y / February / 28, 6h + 7min + 8s)};
    const auto leaf = pki.citizenCa.issue(Role::Authentication, {"CANARYSURNAME Canary (Authentication)"}, wide);
    ASSERT_EQ(timeTypeOfNotBefore(leaf.der()), V_ASN1_GENERALIZEDTIME);
    ASSERT_EQ(timeTypeOfNotAfter(leaf.der()), V_ASN1_GENERALIZEDTIME);
    const auto dates = pki.verifier().dates(leaf.der());
    ASSERT_TRUE(dates);
    EXPECT_EQ(dates->notBefore, wide.notBefore);
    EXPECT_EQ(dates->notAfter, wide.notAfter);
}

TEST(CertificateDates, IgnoreTheZeroPaddingOfCardFiles) {
    const TestChain pki;
    Der padded = pki.signing.der();
    padded.resize(padded.size() + 1200, 0x00);
    const auto dates = pki.verifier().dates(padded);
    ASSERT_TRUE(dates);
    EXPECT_EQ(dates->notBefore, kCurrent.notBefore);
    EXPECT_EQ(dates->notAfter, kCurrent.notAfter);
}

TEST(CertificateDates, AreNulloptForBytesThatAreNotACertificate) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    const Der& der = pki.authentication.der();
    EXPECT_FALSE(verifier.dates({}));
    EXPECT_FALSE(verifier.dates(Der(600, 0x00))); // an empty, padded card file
    EXPECT_FALSE(verifier.dates(Der(600, 0x30)));
    const std::string text = "-----BEGIN CERTIFICATE-----";
    EXPECT_FALSE(verifier.dates(Der(text.begin(), text.end())));
    EXPECT_FALSE(verifier.dates(Der(der.begin(), der.end() - 1))); // one byte short
    EXPECT_FALSE(verifier.dates(Der(der.begin(), der.begin() + static_cast<long>(der.size() / 2))));
    EXPECT_FALSE(verifier.dates(Der(der.begin() + 1, der.end())));
}

TEST(CertificateDates, AreNulloptForAnImpossibleDate) {
    const TestChain pki;
    // The DER still parses (OpenSSL keeps a date as text); month 13 must not become a date.
    const Der bad = withTextReplaced(pki.authentication.der(), "310312235959Z", "311312235959Z");
    EXPECT_FALSE(pki.verifier().dates(bad));
}

// --- verify() ------------------------------------------------------------------------------

TEST(CertificateChain, IsTrustedUpToTheRoot) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    EXPECT_EQ(verifier.verify(pki.authentication.der(), pki.citizenCa.der()), ChainVerdict::Trusted);
    EXPECT_EQ(verifier.verify(pki.signing.der(), pki.citizenCa.der()), ChainVerdict::Trusted);
}

TEST(CertificateChain, IsTrustedFromZeroPaddedCardFiles) {
    const TestChain pki;
    Der leaf = pki.authentication.der();
    Der ca = pki.citizenCa.der();
    leaf.resize(leaf.size() + 300, 0x00);
    ca.resize(ca.size() + 700, 0x00);
    EXPECT_EQ(pki.verifier().verify(leaf, ca), ChainVerdict::Trusted);
}

TEST(CertificateChain, IgnoresDates) {
    // Expired, not yet valid: the check judges dates with a clock it knows whether to trust.
    const TestCertificate root =
        TestCertificate::root({"DPS Old Test Root"}, {utc(2000y / January / 1), utc(2010y / January / 1)});
    const TestCertificate ca =
        root.issue(Role::CertificationAuthority, {"Citizen CA"}, {utc(2001y / January / 1), utc(2009y / January / 1)});
    const TestCertificate expired = ca.issue(Role::Authentication, {"CANARYSURNAME Canary (Authentication)"},
                                             {utc(2002y / January / 1), utc(2007y / January / 1)});
    const TestCertificate future = ca.issue(Role::Signing, {"CANARYSURNAME Canary (Signature)"},
                                            {utc(2090y / January / 1), utc(2095y / January / 1)});
    const TempDir dir;
    root.writePem(dir / "old-root.pem");
    const OpenSslCertificates verifier(dir.path());
    EXPECT_EQ(verifier.verify(expired.der(), ca.der()), ChainVerdict::Trusted);
    EXPECT_EQ(verifier.verify(future.der(), ca.der()), ChainVerdict::Trusted);
}

TEST(CertificateChain, FromAnUnrelatedCaHasAnUnknownRoot) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    const TestCertificate otherRoot = TestCertificate::root({"Other Root CA"}, kCurrent);
    const TestCertificate otherCa = otherRoot.issue(Role::CertificationAuthority, {"Other Citizen CA"}, kCurrent);
    const TestCertificate leaf =
        otherCa.issue(Role::Authentication, {"CANARYSURNAME Canary (Authentication)"}, kCurrent);
    // OpenSSL: "unable to get local issuer certificate" (otherCa's issuer is nowhere).
    EXPECT_EQ(verifier.verify(leaf.der(), otherCa.der()), ChainVerdict::UnknownRoot);
    // A leaf under a self-signed CA the card presents itself: "self-signed certificate in
    // certificate chain".
    const TestCertificate direct = otherRoot.issue(Role::Authentication, {"CANARYSURNAME Canary"}, kCurrent);
    EXPECT_EQ(verifier.verify(direct.der(), otherRoot.der()), ChainVerdict::UnknownRoot);
    // A CA that copies the real Citizen CA's name, under another root: the name alone is not enough.
    const TestCertificate sameName = otherRoot.issue(Role::CertificationAuthority, {"Citizen CA", "202101"}, kCurrent);
    const TestCertificate underSameName = sameName.issue(Role::Authentication, {"CANARYSURNAME Canary"}, kCurrent);
    EXPECT_EQ(verifier.verify(underSameName.der(), sameName.der()), ChainVerdict::UnknownRoot);
}

TEST(CertificateChain, LeafNotIssuedByThePresentedCaIsNotTrusted) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    const TestCertificate otherCa = pki.root.issue(Role::CertificationAuthority, {"Citizen CA", "202102"}, kCurrent);
    // Both CAs lead to the root, but the leaf's issuer is not the CA the card presents: OpenSSL
    // finds no issuer for the leaf ("unable to get local issuer certificate").
    EXPECT_EQ(verifier.verify(pki.authentication.der(), otherCa.der()), ChainVerdict::UnknownRoot);
    // OpenSSL accepts a leaf signed straight by the root, leaving the presented CA out of the
    // chain; the adapter does not.
    const TestCertificate fromRoot = pki.root.issue(Role::Authentication, {"CANARYSURNAME Canary"}, kCurrent);
    EXPECT_EQ(verifier.verify(fromRoot.der(), pki.citizenCa.der()), ChainVerdict::UnknownRoot);
}

TEST(CertificateChain, TamperedSignatureIsABadSignature) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    // The last byte of an ECDSA certificate is the last byte of the signature's s value: the
    // DER still parses (the signature is a BIT STRING to the parser), so OpenSSL gets as far as
    // checking it against the CA's key and reports a signature failure, not a parse error.
    Der leaf = pki.authentication.der();
    leaf.back() ^= 0x01;
    EXPECT_EQ(verifier.verify(leaf, pki.citizenCa.der()), ChainVerdict::BadSignature);
    Der ca = pki.citizenCa.der();
    ca.back() ^= 0x01;
    EXPECT_EQ(verifier.verify(pki.authentication.der(), ca), ChainVerdict::BadSignature);
    // The signature covers the subject: one changed letter of the name breaks it just the same.
    const Der renamed = withTextReplaced(pki.authentication.der(), "CANARYSURNAME", "CANARYSURNAMF");
    EXPECT_EQ(verifier.verify(renamed, pki.citizenCa.der()), ChainVerdict::BadSignature);
}

TEST(CertificateChain, ForgedLeafClaimingTheCitizenCaIsABadSignature) {
    const TestChain pki;
    // Same issuer name and key identifier as the real CA, same key type, another key.
    const TestCertificate forged = TestCertificate::forged(pki.citizenCa.der(), Role::Authentication,
                                                           {"CANARYSURNAME Canary (Authentication)"}, kCurrent);
    EXPECT_EQ(pki.verifier().verify(forged.der(), pki.citizenCa.der()), ChainVerdict::BadSignature);
}

TEST(CertificateChain, IntermediateThatIsNotACaIsRefused) {
    const TestChain pki;
    // A card certificate (CA:FALSE) used as the "Citizen CA": it signed the leaf, the root
    // signed it, every signature is right, and OpenSSL's checks still refuse it ("invalid CA
    // certificate").
    const TestCertificate notCa = pki.root.issue(Role::Authentication, {"Citizen CA", "202101"}, kCurrent);
    const TestCertificate leaf = notCa.issue(Role::Authentication, {"CANARYSURNAME Canary"}, kCurrent);
    EXPECT_EQ(pki.verifier().verify(leaf.der(), notCa.der()), ChainVerdict::UnknownRoot);
}

TEST(CertificateChain, IsMalformedWhenEitherCertificateDoesNotParse) {
    const TestChain pki;
    const auto verifier = pki.verifier();
    const Der& leaf = pki.authentication.der();
    const Der& ca = pki.citizenCa.der();
    EXPECT_EQ(verifier.verify({}, ca), ChainVerdict::Malformed);
    EXPECT_EQ(verifier.verify(leaf, {}), ChainVerdict::Malformed);
    EXPECT_EQ(verifier.verify(Der(leaf.begin(), leaf.end() - 1), ca), ChainVerdict::Malformed);
    EXPECT_EQ(verifier.verify(leaf, Der(600, 0x00)), ChainVerdict::Malformed);
}

// --- the roots directory -----------------------------------------------------------------------

TEST(CertificateRoots, EmptyDirectoryIsRefusedByName) {
    const TempDir dir;
    const auto message = refusal(dir.path());
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;
    EXPECT_NE(message.find("no root"), std::string::npos) << message;
}

TEST(CertificateRoots, MissingDirectoryIsRefusedByName) {
    const TempDir dir;
    const auto missing = dir / "no-such-roots";
    const auto message = refusal(missing);
    EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
}

TEST(CertificateRoots, OnlyPemFilesAreRead) {
    const TempDir dir;
    writeFile(dir / "README.md", "not a certificate, and not a .pem either");
    const auto message = refusal(dir.path());
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;
    const TestCertificate root = TestCertificate::root({"DPS Test Root CA"}, kCurrent);
    root.writePem(dir / "root.pem");
    EXPECT_EQ(OpenSslCertificates(dir.path()).rootCount(), 1U);
}

TEST(CertificateRoots, FileThatIsNotACertificateIsRefusedByName) {
    const TestChain pki;
    const std::string pem = readFile(pki.rootsDir / "test-root.pem");
    const std::vector<std::pair<std::string, std::string>> cases{
        {"text.pem", "Belgium Root CA4\n"},
        {"key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"},
        {"cut.pem", pem.substr(0, pem.size() / 2)},
        {"bad-base64.pem", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"},
    };
    for (const auto& [name, content] : cases) {
        const TempDir dir;
        pki.root.writePem(dir / "a-good-root.pem");
        writeFile(dir / name, content);
        const auto message = refusal(dir.path());
        EXPECT_NE(message.find((dir / name).string()), std::string::npos) << name << ": " << message;
    }
}

TEST(CertificateRoots, OneFileMayHoldSeveralRoots) {
    const TestChain pki;
    const TestCertificate second = TestCertificate::root({"DPS Second Test Root"}, kCurrent);
    const TestCertificate secondCa = second.issue(Role::CertificationAuthority, {"Citizen CA", "202102"}, kCurrent);
    const TestCertificate leaf = secondCa.issue(Role::Signing, {"CANARYSURNAME Canary (Signature)"}, kCurrent);
    const TempDir dir;
    pki.root.writePem(dir / "first.pem");
    second.writePem(dir / "second.pem");
    writeFile(dir / "both.pem", readFile(dir / "first.pem") + readFile(dir / "second.pem"));
    std::filesystem::remove(dir / "first.pem");
    std::filesystem::remove(dir / "second.pem");
    const OpenSslCertificates verifier(dir.path());
    EXPECT_EQ(verifier.rootCount(), 2U);
    EXPECT_EQ(verifier.verify(pki.authentication.der(), pki.citizenCa.der()), ChainVerdict::Trusted);
    EXPECT_EQ(verifier.verify(leaf.der(), secondCa.der()), ChainVerdict::Trusted);
}

// --- the real Belgian roots (assets/eid/roots) ------------------------------------------------

TEST(BelgianRoots, AllThreeLoadWithTheDatesOpenSslX509Shows) {
    const OpenSslCertificates verifier(kBelgianRoots);
    EXPECT_EQ(verifier.rootCount(), 3U);
    // `openssl x509 -noout -dates` on each file.
    const struct {
        const char* file;
        sys_seconds notBefore, notAfter;
    } roots[] = {
        {"belgium-root-ca3.pem", utc(2013y / June / 26, 12h), utc(2028y / January / 28, 12h)},
        {"belgium-root-ca4.pem", utc(2013y / June / 26, 12h), utc(2032y / October / 22, 12h)},
        {"belgium-root-ca6.pem", utc(2020y / June / 3, 10h + 1min + 31s), utc(2040y / June / 3, 10h + 1min + 31s)},
    };
    for (const auto& root : roots) {
        const auto dates = verifier.dates(derFromPemFile(kBelgianRoots + "/" + root.file));
        ASSERT_TRUE(dates) << root.file;
        EXPECT_EQ(dates->notBefore, root.notBefore) << root.file;
        EXPECT_EQ(dates->notAfter, root.notAfter) << root.file;
    }
}

TEST(BelgianRoots, ForgedCitizenCaClaimingRootCa4IsNotTrusted) {
    const OpenSslCertificates verifier(kBelgianRoots);
    const Der ca4 = derFromPemFile(kBelgianRoots + "/belgium-root-ca4.pem");
    // Issuer name and key identifier copied from CA4, signed with our EC P-384 key.
    const TestCertificate forgedCa =
        TestCertificate::forged(ca4, Role::CertificationAuthority, {"Citizen CA", "202101"}, kCurrent);
    const TestCertificate leaf =
        forgedCa.issue(Role::Authentication, {"CANARYSURNAME Canary (Authentication)", "85073003328"}, kCurrent);
    // CA4's key is RSA and the forged CA's signature is ECDSA: OpenSSL 3 does not even take CA4
    // as a candidate issuer (the signature algorithm must suit the issuer's key), so the chain
    // stops at the forged CA with "unable to get local issuer certificate", never reaching a
    // signature check.
    EXPECT_EQ(verifier.verify(leaf.der(), forgedCa.der()), ChainVerdict::UnknownRoot);

    // Against CA6, whose key is EC P-384 like ours, CA6 is taken as the issuer and the forged
    // signature is checked, and fails.
    const Der ca6 = derFromPemFile(kBelgianRoots + "/belgium-root-ca6.pem");
    const TestCertificate forgedUnderCa6 =
        TestCertificate::forged(ca6, Role::CertificationAuthority, {"Citizen CA", "202101"}, kCurrent);
    const TestCertificate leaf6 = forgedUnderCa6.issue(Role::Authentication, {"CANARYSURNAME Canary"}, kCurrent);
    EXPECT_EQ(verifier.verify(leaf6.der(), forgedUnderCa6.der()), ChainVerdict::BadSignature);
}
