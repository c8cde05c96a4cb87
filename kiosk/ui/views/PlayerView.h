#pragma once
#include "../View.h"

namespace dps::kiosk::ui {

// One step of a tutorial: progress, instruction, picture, practice area, hint, Back / Next, and
// the confirmation when leaving mid-way.
class PlayerView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Player; }

    [[nodiscard]] bool centred() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
