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
    std::optional<int> documentType; // 1 eID, 6 Kids-ID, 11-36 foreigner cards…
};

// Reads the TLV file (tag 1 byte; length 1 byte, 0xFF meaning "add the next byte"), keeps tags
// 03, 04 and 0F, then zeroes the whole buffer. nullopt when the file is malformed (truncated,
// lengths running past the end, dates that are not DD.MM.YYYY).
std::optional<IdentityFacts> readIdentityFacts(std::span<std::uint8_t> identityFile);

// "12.03.2031" → 2031-03-12; nullopt otherwise.
std::optional<std::chrono::year_month_day> parseCardDate(std::span<const std::uint8_t> text);

bool isKidsId(int documentType);
bool isForeignerCard(int documentType);

} // namespace dps::kiosk::eid
