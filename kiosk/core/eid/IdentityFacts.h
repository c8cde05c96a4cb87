#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

namespace dps::kiosk::eid {

// The only facts the check takes from the identity file (4031): its validity dates and the
// document type. Names, card and national numbers and birth data are never kept.
struct IdentityFacts {
    std::optional<std::chrono::year_month_day> validFrom, validUntil;
    std::optional<int> documentType; // 1 eID, 6 Kids-ID, 11-36 foreigner cards, 61-69 kids foreigner cards…
};

// Reads the TLV file ("Belgian Electronic Identity Card content" v5.4 6.1: tag 1 byte; length 1
// byte, each FF meaning "255 more, and the next byte"), keeps tags 03, 04 and 0F, then zeroes the
// whole buffer. Tag 00 is the file structure version when it comes first (cards since the
// version tag, applet 1.8 among them) and the padding after the last field anywhere else: what
// follows padding is not read, as in eid-mw's parser. nullopt when the file is malformed
// (truncated, lengths running past the end, no end date, dates that are not DD.MM.YYYY).
std::optional<IdentityFacts> readIdentityFacts(std::span<std::uint8_t> identityFile);

// "12.03.2031" → 2031-03-12; nullopt otherwise.
std::optional<std::chrono::year_month_day> parseCardDate(std::span<const std::uint8_t> text);

// Document types ("ID and Address file contents" v5.0, tag 0F): 6 Kids-ID and 61-69 kids
// foreigner cards are children's cards (under 12); 11-36 and 61-69 are foreigners' cards.
bool isKidsId(int documentType);
bool isForeignerCard(int documentType);

} // namespace dps::kiosk::eid
