#pragma once
#include "../core/eid/CardCheck.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace dps::kiosk {

// What the check would report for a card with this outcome, with dates around today: for
// pictures of the e-ID screen in the documentation (--screenshot --eid-sample CODE), where no
// such card is at hand. The check itself is proven on a real pcscd by the tests.
std::optional<eid::CheckReport> eidSampleReport(std::string_view outcomeCode, std::chrono::year_month_day today);

} // namespace dps::kiosk
