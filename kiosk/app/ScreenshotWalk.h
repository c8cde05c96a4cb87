#pragma once
#include "dps/core/ManualClock.h"
#include "kiosk/app/RunOptions.h"
#include "kiosk/core/KioskFlow.h"

namespace dps::kiosk {

// A picture of a screen is made by walking the real flow to it (--screenshot). Some screens need
// settings to reach: opening hours that close soon or are closed now, the end questions on.
FlowSettings settingsToReach(FlowSettings settings, Screen target, const LocalTime& now);
// Walks the flow from Welcome to target, as a visitor or a facilitator (called "Amina") would.
// Returns 0, or 2 with the reason on stderr (an unknown tutorial).
int walkTo(KioskFlow& flow, ManualClock& clock, Screen target, const RunOptions& options);

} // namespace dps::kiosk
