#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// What a facilitator may change at the terminal: languages, timeouts, the end questions.
class FacilitatorSettingsView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::FacilitatorSettings; }
    [[nodiscard]] bool centred() const override { return false; }
    // Its body scrolls in an area of its own, above buttons kept at the bottom.
    [[nodiscard]] bool scrollsAsOnePage() const override { return false; }
    [[nodiscard]] bool showsBandButtons() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
