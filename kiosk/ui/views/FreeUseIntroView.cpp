#include "kiosk/ui/views/FreeUseIntroView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/Widgets.h"

#include <cfloat>
#include <vector>

namespace dps::kiosk::ui {
namespace {

struct Point {
    const char* icon;
    std::string text;
};

// The four things a visitor must know before they start, in plain words.
std::vector<Point> points(const ViewContext& ctx) {
    const auto minutes = static_cast<long>(ctx.flow.freeUseOffered().count());
    return {
        {icon::Clock,
         ctx.t.trCount("You have {} minute. The bar at the top of the screen shows the time left.",
                       "You have {} minutes. The bar at the top of the screen shows the time left.", minutes)},
        {icon::Trash, ctx.t.tr("At the end, everything is erased: the pages you visited, your passwords, your "
                               "downloads and your files. Nothing stays on this computer.")},
        {icon::Folder, ctx.t.tr("To keep a document, save it on your own USB stick or print it before the end.")},
        {icon::HandPaper, ctx.t.tr("Need help? Tap Help in the bar: a facilitator will come.")},
    };
}

} // namespace

Intent FreeUseIntroView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    centredText(th.heading, ctx.t.tr("Use the internet"), colour::Text, width * 0.9F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    // The points as a column of icon and text, centred as a block.
    const float column = std::min(width * 0.9F, th.unit * 30.0F);
    const float iconW = th.unit * 2.0F;
    const float left = ImGui::GetCursorScreenPos().x + (width - column) * 0.5F;
    for (const Point& p : points(ctx)) {
        const ImVec2 at(left, ImGui::GetCursorScreenPos().y);
        ImGui::GetWindowDrawList()->AddText(th.body, th.unit, at, colour::Primary, p.icon);
        ImGui::SetCursorScreenPos(ImVec2(left + iconW, at.y));
        wrapped(th.body, colour::Text, p.text, column - iconW);
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, ImGui::GetCursorScreenPos().y + th.unit * 0.3F));
    }
    if (ctx.flow.freeUse().startFailed()) {
        ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
        centredText(th.strong,
                    (std::string(icon::Warning) + "  " +
                     ctx.t.tr("The internet cannot be opened on this computer right now. Please ask a facilitator."))
                        .c_str(),
                    colour::Accent, width * 0.9F);
        ctx.map.note("free-use", "start-failed");
    }
    return {};
}

Intent FreeUseIntroView::drawFooter(const ViewContext& ctx) {
    const float width = contentWidth();
    const std::vector<Button> buttons{
        {"free-use.back", icon::Back, ctx.t.tr("Back"), intent::BackToHome{}},
        {"free-use.start", icon::Globe, ctx.t.tr("Start"), intent::StartFreeUse{}, ButtonLook::Primary},
    };
    return footer(ctx, buttons, width);
}

std::string FreeUseIntroView::spokenText(const ViewContext& ctx) const {
    std::vector<std::string> parts{ctx.t.tr("Use the internet")};
    for (const Point& p : points(ctx))
        parts.push_back(p.text);
    // The footer's buttons, as they stand from left to right.
    parts.emplace_back(ctx.t.tr("Back"));
    parts.emplace_back(ctx.t.tr("Start"));
    return sentences(parts);
}

} // namespace dps::kiosk::ui
