#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Ten minutes before closing: the visitor is told and offered to finish.
class ClosingSoonView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::ClosingSoon; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;
    [[nodiscard]] bool centred() const override { return true; }
    [[nodiscard]] bool showsBandButtons() const override { return true; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
