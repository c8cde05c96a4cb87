#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The free-use end questions, one at a time, each skippable with one tap: what did you come for today (pictograms), did
// this help (three faces).
class EndQuestionsView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::EndQuestions; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;
    [[nodiscard]] bool centred() const override { return true; }
    [[nodiscard]] bool showsBandButtons() const override { return true; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

} // namespace dps::kiosk::ui
