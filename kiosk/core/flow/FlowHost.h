#pragma once
#include "kiosk/core/Screen.h"
#include "kiosk/core/VisitLog.h"

namespace dps::kiosk {

// What a sub-flow may ask of the flow around it (KioskFlow): which screen shows, to show
// another, and to record an event in the visit under way. The screen and the visit are shared by
// every sub-flow, so they stay with the router; a sub-flow keeps only its own state.
class FlowHost {
public:
    FlowHost() = default;
    FlowHost(const FlowHost&) = delete;
    FlowHost& operator=(const FlowHost&) = delete;
    [[nodiscard]] virtual Screen shown() const = 0;
    virtual void show(Screen s) = 0;
    // Written into the open visit; dropped when no visit is open.
    virtual void record(const VisitEvent& event) = 0;
    virtual ~FlowHost() = default;
};

} // namespace dps::kiosk
