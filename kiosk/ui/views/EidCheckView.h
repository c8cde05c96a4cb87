#pragma once
#include "../View.h"

namespace dps::kiosk::ui {

// The e-ID self-check: each step as a line that turns into a check mark or a problem, then one
// plain sentence of what happened and one of what to do.
class EidCheckView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::EidCheck; }
    [[nodiscard]] bool centred() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
