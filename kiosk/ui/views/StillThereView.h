#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// "Are you still there?" with a visible countdown; any touch answers it.
class StillThereView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::StillThere; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
