#include "kiosk/ui/views/StillThereView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

#include <cfloat>

namespace dps::kiosk::ui {

Intent StillThereView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    centredText(th.heading, ctx.t.tr("Are you still there?"), colour::Text, width * 0.9F);

    // The countdown: a ring that empties as the seconds run out, the number in its middle.
    const int left = ctx.flow.secondsLeft();
    const float total = static_cast<float>(ctx.flow.settings().stillThereCountdown.count());
    const float radius = th.display->FontSize * 0.85F;
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const ImVec2 centre(contentCentre(), top.y + radius);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircle(centre, radius, colour::SurfaceHover, 64, th.unit * 0.4F);
    const float frac = total > 0 ? static_cast<float>(left) / total : 0;
    constexpr float kPi = 3.14159265F;
    constexpr float kTop = -kPi / 2;
    draw->PathArcTo(centre, radius, kTop, kTop + 2 * kPi * frac, 64);
    draw->PathStroke(colour::Primary, 0, th.unit * 0.4F);
    const std::string digits = std::to_string(left);
    const ImVec2 ds = th.display->CalcTextSizeA(th.display->FontSize, FLT_MAX, 0, digits.c_str());
    draw->AddText(th.display, th.display->FontSize, ImVec2(centre.x - ds.x * 0.5F, centre.y - ds.y * 0.5F),
                  colour::Text, digits.c_str());
    ImGui::Dummy(ImVec2(0, radius * 2 + th.unit * 0.5F));

    const std::string note = ctx.t.trCount("Touch the screen to go on. If nobody does, the kiosk starts again for "
                                           "the next person in {} second and clears what was done.",
                                           "Touch the screen to go on. If nobody does, the kiosk starts again for "
                                           "the next person in {} seconds and clears what was done.",
                                           left);
    centredText(th.body, note.c_str(), colour::Muted, width * 0.75F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    const ImVec2 size(th.unit * 14.0F, th.touchTarget() * 1.3F);
    centreBlock(size.x);
    if (bigButton(ctx.map, "still-there.yes", icon::Hand, ctx.t.tr("Yes, I am still here"), size,
                  ButtonLook::Primary)) {
        intent = intent::StillHere{};
    }
    return intent;
}

std::string StillThereView::spokenText(const ViewContext& ctx) const {
    return sentences({ctx.t.tr("Are you still there?"), ctx.t.tr("Yes, I am still here")});
}

} // namespace dps::kiosk::ui
