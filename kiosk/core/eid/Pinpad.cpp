#include "kiosk/core/eid/Pinpad.h"

namespace dps::kiosk::eid::pinpad {

std::optional<std::uint32_t> featureCode(std::span<const std::uint8_t> features, std::uint8_t tag) {
    if (features.size() % 6 != 0) return std::nullopt;
    for (std::size_t i = 0; i + 6 <= features.size(); i += 6) {
        if (features[i + 1] != 4) return std::nullopt;
        if (features[i] != tag) continue;
        return (std::uint32_t{features[i + 2]} << 24) | (std::uint32_t{features[i + 3]} << 16) |
               (std::uint32_t{features[i + 4]} << 8) | std::uint32_t{features[i + 5]};
    }
    return std::nullopt;
}

std::uint16_t languageId(std::string_view language) {
    if (language == "fr") return 0x080C; // French (Belgium)
    if (language == "nl") return 0x0813; // Dutch (Belgium)
    return 0x0409;                       // English
}

Bytes verifyStructure(std::span<const std::uint8_t> apdu, std::uint16_t lang) {
    constexpr std::uint8_t kMinDigits = 4, kMaxDigits = 12;
    const auto length = static_cast<std::uint32_t>(apdu.size());
    Bytes s{
        30,   // bTimerOut: seconds to start typing
        30,   // bTimerOut2: seconds between keys
        0x89, // bmFormatString: units are bytes, PIN from byte 1, left-justified, BCD
        0x47, // bmPINBlockString: a 4-bit length, a 7-byte block after it
        0x04, // bmPINLengthFormat: the length sits at bit 4 of the block's first byte (the 2L nibble)
        kMaxDigits,
        kMinDigits, // wPINMaxExtraDigit 0xXXYY: XX minimum, YY maximum
        0x02,       // bEntryValidationCondition: the reader's OK key
        0x01,       // bNumberMessage
        static_cast<std::uint8_t>(lang & 0xFF),
        static_cast<std::uint8_t>(lang >> 8),
        0x00, // bMsgIndex
        0x00,
        0x00,
        0x00, // bTeoPrologue
        static_cast<std::uint8_t>(length & 0xFF),
        static_cast<std::uint8_t>((length >> 8) & 0xFF),
        static_cast<std::uint8_t>((length >> 16) & 0xFF),
        static_cast<std::uint8_t>(length >> 24),
    };
    s.insert(s.end(), apdu.begin(), apdu.end());
    return s;
}

} // namespace dps::kiosk::eid::pinpad
