#pragma once
#include "../core/VisitLog.h"
#include "dps/core/Clock.h"

namespace dps::kiosk {

// A picture of a screen is made by walking the real flow to it; these keep that walk from
// recording a visit and let it reach screens that need time to pass.
class UnrecordedVisits final : public VisitLog {
public:
    std::optional<VisitId> open(WallTime, std::string_view) override { return VisitId{0}; }
    bool close(VisitId, WallTime, EndReason) override { return true; }
    bool event(VisitId, WallTime, const VisitEvent&) override { return true; }
};

class SettableClock final : public Clock {
public:
    [[nodiscard]] SteadyTime steady() const override { return steady_; }
    [[nodiscard]] WallTime wall() const override { return wall_; }
    void advance(std::chrono::milliseconds d) {
        steady_ += d;
        wall_ += d;
    }

private:
    SteadyTime steady_ = std::chrono::steady_clock::now();
    WallTime wall_ = std::chrono::system_clock::now();
};

} // namespace dps::kiosk
