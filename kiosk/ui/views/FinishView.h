#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Thank you, then back to Welcome by itself or at a touch.
class FinishView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Finish; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
