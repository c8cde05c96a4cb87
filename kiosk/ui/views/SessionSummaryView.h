#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The end of a guided session: how long, which tutorials, and (optionally) the person's autonomy and referral.
class SessionSummaryView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::SessionSummary; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;
    [[nodiscard]] bool centred() const override { return false; }
    // Its body scrolls in an area of its own, above buttons kept at the bottom.
    [[nodiscard]] bool scrollsAsOnePage() const override { return false; }
    [[nodiscard]] bool showsBandButtons() const override { return true; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
