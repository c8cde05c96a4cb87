#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The facilitator PIN, on a keypad; wrong PINs lock the mode for a growing delay.
class FacilitatorUnlockView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::FacilitatorUnlock; }
    [[nodiscard]] bool centred() const override { return false; }
    // Its body scrolls in an area of its own, above buttons kept at the bottom.
    [[nodiscard]] bool scrollsAsOnePage() const override { return false; }
    [[nodiscard]] bool showsBandButtons() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
