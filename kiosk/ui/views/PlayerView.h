#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// One step of a tutorial: title and a way out, progress, instruction, picture, practice area and
// hint, on one page that scrolls; "Previous step" and Next (or "End of the lesson") kept at the
// bottom; the confirmation when leaving mid-way.
class PlayerView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Player; }
    [[nodiscard]] bool centred() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
    Intent drawFooter(const ViewContext& ctx) override;
    [[nodiscard]] std::string pageKey(const ViewContext& ctx) const override;

private:
    // What the page said is left to do, and on what (UI map id, place), for the footer.
    std::string missing_, todo_;
    ImVec2 todoMin_, todoMax_;
    bool readyBefore_ = false; // the practice was done before this frame's input
    // Next was tapped (or Enter pressed) before the practice was done: the footer says what is
    // missing until the step changes, and the page brings it into view once.
    bool asked_ = false, reveal_ = false;
    std::string askedOn_;
};

} // namespace dps::kiosk::ui
