#include "kiosk/ui/views/ClosingSoonView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"

#include <fmt/core.h>

namespace dps::kiosk::ui {

Intent ClosingSoonView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    centredText(th.tileIcon, icon::Clock, colour::Accent, width);
    const long minutes = ctx.flow.untilClosing() ? ctx.flow.untilClosing()->count() : 0;
    const std::string text = ctx.t.trCount("The public digital space closes in {} minute.",
                                           "The public digital space closes in {} minutes.", minutes);
    centredText(titleFont(ctx), text.c_str(), colour::Text, width * 0.9F);
    centredText(th.body, ctx.t.tr("You can finish now, or go on for a few more minutes."), colour::Muted, width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
    const std::vector<Button> buttons{
        {"closing.finish", icon::SignOut, ctx.t.tr("End my visit"), intent::FinishVisit{}, ButtonLook::Primary},
        {"closing.go-on", icon::Play, ctx.t.tr("Go on"), intent::ContinueVisit{}}};
    float total = 0;
    for (const auto& b : buttons)
        total += buttonWidth(ctx, b, width) + ImGui::GetStyle().ItemSpacing.x;
    centreBlock(total);
    ImGui::BeginGroup();
    intent = buttonRows(ctx, buttons, width * 0.9F);
    ImGui::EndGroup();
    return intent;
}

std::string ClosingSoonView::spokenText(const ViewContext& ctx) const {
    const long minutes = ctx.flow.untilClosing() ? ctx.flow.untilClosing()->count() : 0;
    return sentences({ctx.t.trCount("The public digital space closes in {} minute.",
                                    "The public digital space closes in {} minutes.", minutes),
                      ctx.t.tr("You can finish now, or go on for a few more minutes.")});
}

} // namespace dps::kiosk::ui
