#include "TestPki.h"

#include "OpenSslFree.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <ctime>
#include <stdexcept>
#include <string.h> // explicit_bzero
#include <string>

namespace dps::test {
namespace {

using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using NamePtr = std::unique_ptr<X509_NAME, OpenSslFree<X509_NAME_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free>>;

// A test that cannot build its certificates must stop with OpenSSL's reason, not go on with
// half a PKI.
[[noreturn]] void fail(const std::string& what) {
    char reason[256] = "no OpenSSL error";
    if (const unsigned long e = ERR_get_error()) ERR_error_string_n(e, reason, sizeof reason);
    ERR_clear_error();
    throw std::runtime_error("TestPki: " + what + ": " + reason);
}

KeyPtr newKey(KeyType type = KeyType::EcP384) {
    KeyPtr key(type == KeyType::Rsa2048 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    if (!key) fail(type == KeyType::Rsa2048 ? "cannot make an RSA 2048 key" : "cannot make an EC P-384 key");
    return key;
}

void addEntry(X509_NAME* name, int nid, std::string_view value) {
    if (value.empty()) return;
    if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                   static_cast<int>(value.size()), -1, 0) != 1)
        fail("cannot add a subject field");
}

NamePtr nameOf(const Subject& subject) {
    NamePtr name(X509_NAME_new());
    if (!name) fail("cannot make a name");
    addEntry(name.get(), NID_countryName, subject.country);
    addEntry(name.get(), NID_commonName, subject.commonName);
    addEntry(name.get(), NID_serialNumber, subject.serialNumber);
    return name;
}

void setTime(ASN1_TIME* field, std::chrono::sys_seconds when) {
    // ASN1_TIME_set picks UTCTime before 2050 and GeneralizedTime from 2050, as RFC 5280 asks.
    if (ASN1_TIME_set(field, static_cast<std::time_t>(when.time_since_epoch().count())) == nullptr)
        fail("cannot set a date");
}

// issuerCert gives the authority key identifier; the certificate itself when it is self-signed.
void addExtension(X509* certificate, X509* issuerCert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuerCert != nullptr ? issuerCert : certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) fail(std::string("cannot add ") + value);
}

const char* basicConstraintsFor(Role role) {
    return role == Role::CertificationAuthority ? "critical,CA:TRUE" : "critical,CA:FALSE";
}

const char* keyUsageFor(Role role) {
    switch (role) {
    case Role::CertificationAuthority: return "critical,keyCertSign,cRLSign";
    case Role::Authentication: return "critical,digitalSignature";
    case Role::Signing: return "critical,nonRepudiation";
    }
    return "critical,digitalSignature";
}

// A signed certificate for key. issuerCert null means self-signed.
X509Ptr makeCertificate(EVP_PKEY* key, const X509_NAME* subject, const X509_NAME* issuerName, X509* issuerCert,
                        EVP_PKEY* signer, Role role, Validity validity) {
    static std::atomic<std::int64_t> serial{1};
    X509Ptr x(X509_new());
    if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1 ||
        ASN1_INTEGER_set_int64(X509_get_serialNumber(x.get()), serial++) != 1 ||
        X509_set_subject_name(x.get(), subject) != 1 || X509_set_issuer_name(x.get(), issuerName) != 1 ||
        X509_set_pubkey(x.get(), key) != 1)
        fail("cannot fill a certificate");
    setTime(X509_getm_notBefore(x.get()), validity.notBefore);
    setTime(X509_getm_notAfter(x.get()), validity.notAfter);
    addExtension(x.get(), issuerCert, NID_basic_constraints, basicConstraintsFor(role));
    addExtension(x.get(), issuerCert, NID_key_usage, keyUsageFor(role));
    addExtension(x.get(), issuerCert, NID_subject_key_identifier, "hash"); // before the AKID: a root's is its own
    addExtension(x.get(), issuerCert, NID_authority_key_identifier, "keyid:always");
    if (X509_sign(x.get(), signer, EVP_sha384()) == 0) fail("cannot sign a certificate");
    return x;
}

Der derOf(X509* certificate) {
    unsigned char* out = nullptr;
    const int length = i2d_X509(certificate, &out);
    if (length <= 0) fail("cannot encode a certificate");
    Der der(out, out + length);
    OPENSSL_free(out);
    return der;
}

X509Ptr parseDer(std::span<const std::uint8_t> der) {
    const unsigned char* p = der.data();
    X509Ptr certificate(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!certificate) fail("not a DER certificate");
    return certificate;
}

} // namespace

struct TestCertificate::Parts {
    KeyPtr key;
    X509Ptr certificate;
};

TestCertificate::TestCertificate(std::unique_ptr<Parts> parts)
    : parts_(std::move(parts)), der_(derOf(parts_->certificate.get())) {}
TestCertificate::TestCertificate(TestCertificate&&) noexcept = default;
TestCertificate& TestCertificate::operator=(TestCertificate&& other) noexcept {
    if (this != &other) {
        explicit_bzero(der_.data(), der_.size());
        parts_ = std::move(other.parts_);
        der_ = std::move(other.der_);
    }
    return *this;
}
// Like a card file in the kiosk: the subject may hold canary personal data that a test then
// looks for in freed memory (tests/kiosk/OpenSslWipeTest.cpp).
TestCertificate::~TestCertificate() { explicit_bzero(der_.data(), der_.size()); }

TestCertificate TestCertificate::root(Subject subject, Validity validity) {
    KeyPtr key = newKey();
    const NamePtr name = nameOf(subject);
    X509Ptr x =
        makeCertificate(key.get(), name.get(), name.get(), nullptr, key.get(), Role::CertificationAuthority, validity);
    return TestCertificate(std::make_unique<Parts>(Parts{std::move(key), std::move(x)}));
}

TestCertificate TestCertificate::forged(std::span<const std::uint8_t> claimedIssuer, Role role, Subject subject,
                                        Validity validity) {
    const X509Ptr claimed = parseDer(claimedIssuer);
    KeyPtr key = newKey(); // ours: the real issuer's key is out of reach, which is the point
    const NamePtr name = nameOf(subject);
    X509Ptr x = makeCertificate(key.get(), name.get(), X509_get_subject_name(claimed.get()), claimed.get(), key.get(),
                                role, validity);
    return TestCertificate(std::make_unique<Parts>(Parts{std::move(key), std::move(x)}));
}

TestCertificate TestCertificate::issue(Role role, Subject subject, Validity validity, KeyType keyType) const {
    KeyPtr key = newKey(keyType);
    const NamePtr name = nameOf(subject);
    X509* issuer = parts_->certificate.get();
    X509Ptr x = makeCertificate(key.get(), name.get(), X509_get_subject_name(issuer), issuer, parts_->key.get(), role,
                                validity);
    return TestCertificate(std::make_unique<Parts>(Parts{std::move(key), std::move(x)}));
}

Der TestCertificate::privateKey() const {
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(parts_->key.get());
    unsigned char* out = nullptr;
    const int length = info ? i2d_PKCS8_PRIV_KEY_INFO(info, &out) : -1;
    PKCS8_PRIV_KEY_INFO_free(info);
    if (length <= 0) fail("cannot encode a private key");
    Der der(out, out + length);
    OPENSSL_clear_free(out, static_cast<size_t>(length));
    return der;
}

void TestCertificate::writePem(const std::filesystem::path& file) const {
    const BioPtr bio(BIO_new_file(file.c_str(), "w"));
    if (!bio || PEM_write_bio_X509(bio.get(), parts_->certificate.get()) != 1) fail("cannot write " + file.string());
}

Der derFromPemFile(const std::filesystem::path& file) {
    const BioPtr bio(BIO_new_file(file.c_str(), "r"));
    if (!bio) fail("cannot open " + file.string());
    const X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate) fail(file.string() + " holds no PEM certificate");
    return derOf(certificate.get());
}

std::chrono::sys_seconds utc(std::chrono::year_month_day date, std::chrono::seconds timeOfDay) {
    return std::chrono::sys_days{date} + timeOfDay;
}

} // namespace dps::test
