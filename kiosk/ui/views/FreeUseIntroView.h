#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// "Use the internet": how long, that everything is erased at the end, how to save; then Start.
class FreeUseIntroView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::FreeUseIntro; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
    Intent drawFooter(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
