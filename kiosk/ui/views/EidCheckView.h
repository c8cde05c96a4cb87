#pragma once
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/View.h"

#include <vector>

namespace dps::kiosk::ui {

// The e-ID self-check: each step as a line that turns into a check mark or a problem, then one
// plain sentence of what happened, one of what to do, a picture, and whether to ask a
// facilitator. Then, if the visitor wants, the PIN test: the risk explained first, a keypad on
// screen (or the reader's own), the result.
class EidCheckView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::EidCheck; }
    [[nodiscard]] bool centred() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
    // The ways out (and, with normal text, the actions), kept at the bottom.
    Intent drawFooter(const ViewContext& ctx) override;
    [[nodiscard]] std::string pageKey(const ViewContext& ctx) const override;

private:
    std::vector<Button> footer_;
};

} // namespace dps::kiosk::ui
