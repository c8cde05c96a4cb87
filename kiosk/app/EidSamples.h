#pragma once
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/eid/CardCheck.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace dps::kiosk {

// What the check would report for a card with this outcome, with dates around today: for
// pictures of the e-ID screen in the documentation (--screenshot --eid-sample CODE), where no
// such card is at hand. The check itself is proven on a real pcscd by the tests.
std::optional<eid::CheckReport> eidSampleReport(std::string_view outcomeCode, std::chrono::year_month_day today);

// Brings a flow on the e-ID screen to a sample: a check verdict code, pin-explain, pin-entry, or
// pin-test:CODE for a PIN test result (the PIN goes nowhere). False when sample is none of those.
bool showEidSample(KioskFlow& flow, std::string_view sample, std::chrono::year_month_day today);

} // namespace dps::kiosk
