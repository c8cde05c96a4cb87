#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Pick a language by its own name, then Start: this opens a visit.
class WelcomeView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Welcome; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
