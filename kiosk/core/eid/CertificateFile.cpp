#include "kiosk/core/eid/CertificateFile.h"

#include <algorithm>

namespace dps::kiosk::eid {

CertificateFileStart inspectCertificateFile(std::span<const std::uint8_t> s) {
    using Kind = CertificateFileStart::Kind;
    if (std::all_of(s.begin(), s.end(), [](std::uint8_t b) { return b == 0x00; })) return {Kind::NoCertificate, 0};
    // A DER certificate is a SEQUENCE (30) with a definite length: short form (under 80), or 81 /
    // 82 and that many length bytes (X.690 8.1.3). Indefinite (80) is not DER; 83 and more would
    // be over 64 KB.
    if (s.size() < 2 || s[0] != 0x30) return {};
    std::size_t header = 2, length = s[1];
    if (s[1] & 0x80) {
        const std::size_t lengthBytes = s[1] & 0x7F;
        if (lengthBytes == 0 || lengthBytes > 2 || s.size() < 2 + lengthBytes) return {};
        length = 0;
        for (std::size_t k = 0; k < lengthBytes; ++k)
            length = (length << 8) | s[2 + k];
        header += lengthBytes;
    }
    if (header + length > kMaxCertificateSize) return {};
    return {Kind::Certificate, header + length};
}

} // namespace dps::kiosk::eid
