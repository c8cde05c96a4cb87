#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Facilitator mode's menu.
class FacilitatorView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Facilitator; }
    [[nodiscard]] bool centred() const override { return true; }
    [[nodiscard]] bool showsBandButtons() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
