#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace dps::test {

using Der = std::vector<std::uint8_t>;

// A subject as the card's certificates carry one (CN="SURNAME Given (Authentication)",
// serialNumber=national number, C=BE). Views, not strings: a test that looks for canary values in
// freed memory must not leave copies of them on the heap itself. Empty fields are left out.
struct Subject {
    std::string_view commonName;
    std::string_view serialNumber = {};
    std::string_view country = "BE";
};

struct Validity {
    std::chrono::sys_seconds notBefore, notAfter;
};

// basicConstraints and keyUsage as on a real card: CAs sign certificates, leaves do not.
enum class Role {
    CertificationAuthority, // CA:TRUE, keyCertSign + cRLSign
    Authentication,         // CA:FALSE, digitalSignature
    Signing,                // CA:FALSE, nonRepudiation
};

// A certificate's key pair: EC P-384 as on applet 1.8 cards (and every CA here), or RSA 2048 as
// on applet 1.7 cards ([M1.7] 4.1: "All private RSA keys are 2048 bit-long").
enum class KeyType { EcP384, Rsa2048 };

// A certificate made at test time with OpenSSL, with its private key (EC P-384 unless asked
// otherwise) so it can sign the next one down, or a virtual card can sign with it. Every certificate carries a subject
// key identifier and, when issued, the issuer's as authority key identifier, like the real ones.
class TestCertificate {
public:
    // A self-signed root CA.
    static TestCertificate root(Subject subject, Validity validity);
    // A certificate that claims claimedIssuer (DER, e.g. the real Belgium Root CA4) as its issuer
    // (issuer name and authority key identifier copied from it) but is signed by a key of ours:
    // a forged Citizen CA (Role::CertificationAuthority) or a forged card certificate.
    static TestCertificate forged(std::span<const std::uint8_t> claimedIssuer, Role role, Subject subject,
                                  Validity validity);

    // A certificate for subject signed by this one (whatever this one's role: tests need a leaf
    // that signs, to show a non-CA in the middle of a chain is refused).
    [[nodiscard]] TestCertificate issue(Role role, Subject subject, Validity validity,
                                        KeyType keyType = KeyType::EcP384) const;

    [[nodiscard]] const Der& der() const { return der_; }
    // The private key, PKCS#8 DER.
    [[nodiscard]] Der privateKey() const;
    // Writes the certificate as PEM to file (e.g. a roots directory for OpenSslCertificates).
    void writePem(const std::filesystem::path& file) const;

    TestCertificate(TestCertificate&&) noexcept;
    TestCertificate& operator=(TestCertificate&&) noexcept;
    ~TestCertificate();

private:
    struct Parts;
    explicit TestCertificate(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_; // OpenSSL's key and certificate objects
    Der der_;
};

// The DER of the first certificate in a PEM file (the bundled roots).
Der derFromPemFile(const std::filesystem::path& file);

// sys_seconds for a UTC date and time, e.g. utc(2032y / October / 22, 12h).
std::chrono::sys_seconds utc(std::chrono::year_month_day date, std::chrono::seconds timeOfDay = {});

} // namespace dps::test
