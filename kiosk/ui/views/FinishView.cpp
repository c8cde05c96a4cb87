#include "kiosk/ui/views/FinishView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

namespace dps::kiosk::ui {

Intent FinishView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    centredText(th.tileIcon, icon::Heart, colour::Accent, width);
    centredText(th.heading, ctx.t.tr("Thank you for your visit!"), colour::Text, width * 0.9F);
    centredText(th.body, ctx.t.tr("Your visit is over. Nothing about you was kept on this computer."), colour::Muted,
                width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
    const ImVec2 size(th.unit * 12.0F, th.touchTarget() * 1.3F);
    centreBlock(size.x);
    if (bigButton(ctx.map, "finish.back", icon::Home, ctx.t.tr("Back to the start"), size, ButtonLook::Primary)) {
        intent = intent::BackToWelcome{};
    }
    const int left = ctx.flow.secondsLeft();
    const std::string note = ctx.t.trCount("Back to the start in {} second.", "Back to the start in {} seconds.", left);
    centredText(th.body, note.c_str(), colour::Muted, width * 0.8F);
    return intent;
}

std::string FinishView::spokenText(const ViewContext& ctx) const {
    return sentences({ctx.t.tr("Thank you for your visit!"),
                      ctx.t.tr("Your visit is over. Nothing about you was kept on this computer.")});
}

} // namespace dps::kiosk::ui
