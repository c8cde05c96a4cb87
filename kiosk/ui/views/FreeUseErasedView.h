#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The wipe under way, then "Your session is erased: nothing of it stays on this computer" and
// back to Welcome; or, when the wipe could not be verified, a call for a facilitator.
class FreeUseErasedView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::FreeUseErased; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
    [[nodiscard]] std::string pageKey(const ViewContext& ctx) const override;
};

} // namespace dps::kiosk::ui
