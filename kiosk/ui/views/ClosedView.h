#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Outside opening hours: closed, and when it opens.
class ClosedView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Closed; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;
    [[nodiscard]] bool centred() const override { return true; }
    [[nodiscard]] bool showsBandButtons() const override { return true; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
