#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Big tiles for what a visitor can do here; only features that exist get a tile.
class HomeView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Home; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
