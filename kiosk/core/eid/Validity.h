#pragma once
#include <chrono>

namespace dps::kiosk::eid {

enum class Validity { Valid, ExpiresSoon, Expired, NotYetValid };

// "Expires soon" means within three months: time to ask the municipality for a new card.
Validity judgeValidity(std::chrono::year_month_day validFrom, std::chrono::year_month_day validUntil,
                       std::chrono::year_month_day today);

// A system clock before 2024 or after 2100 is wrong, whatever the card says: the check then says
// so instead of blaming the card.
bool clockLooksWrong(std::chrono::year_month_day today);

} // namespace dps::kiosk::eid
