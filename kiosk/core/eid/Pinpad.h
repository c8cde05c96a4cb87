#pragma once
#include "kiosk/core/eid/Apdu.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dps::kiosk::eid {

// PC/SC part 10 ("IFDs with secure PIN entry"): how a pinpad reader is asked to take the PIN on
// its own keypad. Built here as plain bytes so they are unit-tested without a reader.
namespace pinpad {

inline constexpr std::uint8_t kVerifyPinDirect = 0x06; // FEATURE_VERIFY_PIN_DIRECT

// The control code of a feature in the reader's answer to CM_IOCTL_GET_FEATURE_REQUEST (a list
// of tag, length 4, big-endian code); nullopt when the reader does not offer it or the list is
// malformed.
std::optional<std::uint32_t> featureCode(std::span<const std::uint8_t> features, std::uint8_t tag);

// The language the reader shows its own messages in (a Windows LANGID): fr, nl, else English.
std::uint16_t languageId(std::string_view language);

// PIN_VERIFY_STRUCTURE for the Belgian e-ID's VERIFY (4 to 12 digits, BCD after a length nibble,
// 8-byte block), as the eID middleware fills it; little-endian fields as CCID wants them.
Bytes verifyStructure(std::span<const std::uint8_t> verifyApdu, std::uint16_t languageId);

// What a pinpad answers besides the card's status word.
inline constexpr std::uint16_t kTimeout = 0x6400, kCancelled = 0x6401;

} // namespace pinpad
} // namespace dps::kiosk::eid
