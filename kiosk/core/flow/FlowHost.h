#pragma once
#include "kiosk/core/Screen.h"
#include "kiosk/core/VisitLog.h"

namespace dps::kiosk {

// What every sub-flow may ask of the flow around it (KioskFlow): which screen shows, to show
// another, to record an event in the visit under way, whether a visit is open and whether the
// space is closed. The screen, the visit and the opening hours are shared by every sub-flow, so
// they stay with the router; a sub-flow keeps only its own state. A sub-flow that needs more
// declares it in an interface of its own derived from this one (VisitHost, FacilitatorHost).
class FlowHost {
public:
    FlowHost() = default;
    FlowHost(const FlowHost&) = delete;
    FlowHost& operator=(const FlowHost&) = delete;
    [[nodiscard]] virtual Screen shown() const = 0;
    virtual void show(Screen s) = 0;
    // Written into the open visit; dropped when no visit is open.
    virtual void record(const VisitEvent& event) = 0;
    [[nodiscard]] virtual bool visitOpen() const = 0;
    // Outside opening hours, and no facilitator opened it for today.
    [[nodiscard]] virtual bool closedNow() const = 0;
    virtual ~FlowHost() = default;
};

} // namespace dps::kiosk
