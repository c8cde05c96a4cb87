#pragma once
#include "../core/VisitLog.h"
#include "dps/core/ManualClock.h"

namespace dps::kiosk {

// A picture of a screen is made by walking the real flow to it; UnrecordedVisits keeps that walk
// from recording a visit, and a ManualClock lets it reach screens that need time to pass.
class UnrecordedVisits final : public VisitLog {
public:
    std::optional<VisitId> open(WallTime, std::string_view) override { return VisitId{0}; }
    bool close(VisitId, WallTime, EndReason) override { return true; }
    bool event(VisitId, WallTime, const VisitEvent&) override { return true; }
};

} // namespace dps::kiosk
