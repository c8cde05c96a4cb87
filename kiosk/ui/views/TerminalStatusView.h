#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The terminal's state for staff, and equipment problems reported as a type and a state.
class TerminalStatusView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::TerminalStatus; }
    [[nodiscard]] bool centred() const override { return false; }
    // Its body scrolls in an area of its own, above buttons kept at the bottom.
    [[nodiscard]] bool scrollsAsOnePage() const override { return false; }
    [[nodiscard]] bool showsBandButtons() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
