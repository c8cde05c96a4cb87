#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The end of a tutorial: well done, what was learnt, and what to do next.
class TutorialEndView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::TutorialEnd; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
