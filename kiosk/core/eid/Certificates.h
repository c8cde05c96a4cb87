#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

namespace dps::kiosk::eid {

// What the check takes from an X.509 certificate on the card: its validity period. Subjects hold
// the holder's name and national number: they are never read out of a certificate.
struct CertificateDates {
    std::chrono::sys_seconds notBefore, notAfter;
};

enum class ChainVerdict {
    Trusted,      // leaf ← the card's Citizen CA ← one of the bundled Belgian roots, every signature right
    UnknownRoot,  // the CA does not lead to a bundled root
    BadSignature, // a signature on the way does not match
    Malformed,    // a certificate could not be parsed
};

// X.509 behind a port, so the core links no crypto library (OpenSSL in the kiosk: see
// kiosk/eid/OpenSslCertificates.h).
class CertificateVerifier {
public:
    virtual ~CertificateVerifier() = default;
    // The validity period of one DER certificate (trailing padding after the DER is ignored);
    // nullopt when the bytes are not a certificate.
    [[nodiscard]] virtual std::optional<CertificateDates> dates(std::span<const std::uint8_t> der) const = 0;
    // Whether leaf is signed by issuingCa and issuingCa by a bundled root, by signatures alone:
    // dates are the check's own business (it knows whether the clock can be trusted).
    [[nodiscard]] virtual ChainVerdict verify(std::span<const std::uint8_t> leaf,
                                              std::span<const std::uint8_t> issuingCa) const = 0;
};

} // namespace dps::kiosk::eid
