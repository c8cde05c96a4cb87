#pragma once
#include "EidCards.h"
#include "TempDir.h"
#include "TestPki.h"

#include <chrono>
#include <filesystem>
#include <optional>

namespace dps::test {

// A Belgian e-ID PKI of the test's own, made with OpenSSL when the test starts: a root (written
// as PEM to rootsDir(), for the kiosk's verifier), a Citizen CA, and cards whose authentication
// and signing certificates carry the canary name and national number in their subjects, as real
// ones do. Dates are relative to now, so the kiosk (which reads the real clock) sees what the
// test means.
class EidTestPki {
public:
    EidTestPki();
    [[nodiscard]] const std::filesystem::path& rootsDir() const { return rootsDir_; }

    // The card's files are laid out as on a real card of its applet version (EidCards.h): the
    // identity file's layout, certificates followed by the zero bytes the card appends, a
    // certificate not issued as a file of zero bytes, the address and photo files. The card holds
    // the private key of each certificate it carries (82 authentication, 83 signing), RSA 2048 on
    // applet 1.7 and EC P-384 on 1.8 as the manuals give them, and signs with it (FakeCardSigning);
    // a certificate not issued means no key either.
    struct CardSpec {
        std::uint8_t applet = 0x18;
        std::chrono::days validFor{8 * 365};        // identity file: valid until now + this
        std::chrono::days validSince{2 * 365};      // and from now - this
        std::chrono::days certificatesFor{8 * 365}; // certificates: notAfter = now + this
        bool authentication = true;                 // false: a young child's Kids-ID
        bool signing = true;
        std::string documentType = "1";
        bool strangerCa = false;          // certificates from a CA that does not lead to the test root
        std::size_t givenNamesLength = 0; // see IdentitySpec
        std::size_t identityPaddedTo = 0; // see IdentitySpec
        std::optional<IdentityLayout> layout = std::nullopt; // default: the applet version's
    };
    [[nodiscard]] FakeCardProfile card(const CardSpec& spec) const;
    [[nodiscard]] FakeCardProfile card() const { return card(CardSpec{}); }

private:
    TempDir dir_;
    std::filesystem::path rootsDir_;
    TestCertificate root_, citizenCa_, rrn_, strangerRoot_, strangerCa_;
};

// The one EidTestPki of a test program, made on first use, for the tests that need any valid card.
const EidTestPki& sharedEidTestPki();

} // namespace dps::test
