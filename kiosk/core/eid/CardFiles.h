#pragma once
// The files of the Belgian e-ID card that the kiosk reads, by the identifiers of the card's layout
// (BELPIC: the certificates under DF 0xDF00, the identity under DF 0xDF01), and the chunk READ
// BINARY reads them by. One copy for the check and the signing session.
#include <cstddef>
#include <cstdint>

namespace dps::kiosk::eid {

inline constexpr std::uint16_t kDfId = 0xDF01, kDfCerts = 0xDF00;
inline constexpr std::uint16_t kIdentity = 0x4031, kAuthCert = 0x5038, kSignCert = 0x5039, kCitizenCa = 0x503A;

// READ BINARY's chunk: 252 bytes, as eid-mw reads (MAX_APDU_READ_LEN).
inline constexpr std::size_t kReadChunk = 0xFC;

} // namespace dps::kiosk::eid
