#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace dps::kiosk::eid {

// What the start of a certificate file (DF00/5038-503C) says. A card holds one DER certificate
// followed by zero bytes, or only zero bytes where no certificate was issued (a child's card):
// "Belgian Electronic Identity Card content" v5.4 section 8 (1100 zero bytes appended, 2500
// without a certificate), v4.01 section 8 (50 and 1300).
struct CertificateFileStart {
    enum class Kind { NoCertificate, Certificate, Malformed };
    Kind kind = Kind::Malformed;
    std::size_t length = 0; // Certificate: the DER certificate's size, header included
};

// Larger than any certificate on an e-ID (about 1-1.5 KB); a header claiming more is not one.
inline constexpr std::size_t kMaxCertificateSize = 8192;

// From the file's first bytes (its first READ BINARY chunk, or all of it when shorter).
CertificateFileStart inspectCertificateFile(std::span<const std::uint8_t> start);

} // namespace dps::kiosk::eid
