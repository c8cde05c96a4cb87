#include "View.h"

#include "Icons.h"

#include <algorithm>
#include <cmath>

namespace dps::kiosk::ui {

std::string ViewContext::text(const LocalText& authored) const {
    const auto shown = authored.in(flow.language(), flow.fallbackLanguage());
    if (!shown.fallback) return *shown.text;
    for (const auto& [lang, value] : authored.all()) {
        if (&value == shown.text) return std::string(icon::Globe) + " " + lang + " · " + value;
    }
    return *shown.text;
}

Intent View::draw(const ViewContext& ctx) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("###kiosk", nullptr, flags);

    // The top band: the place's name, so a visitor knows where they are.
    const float unit = ctx.theme.unit;
    const float band = unit * 2.0F;
    const ImVec2 origin = ImGui::GetWindowPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen(); // the band runs edge to edge, through the window's padding
    draw->AddRectFilled(origin, ImVec2(origin.x + viewport->WorkSize.x, origin.y + band), colour::Band);
    const char* where = ctx.siteName.empty() ? ctx.t.tr("Public digital space") : ctx.siteName.c_str();
    draw->AddText(ctx.theme.body, unit, ImVec2(origin.x + unit, origin.y + (band - unit) * 0.5F), colour::OnPrimary,
                  where);
    draw->PopClipRect();

    const float available = viewport->WorkSize.y - band;
    const bool measuring = centred() && contentHeight_ < 0;
    const float top =
        band + (centred() ? std::max(unit * 0.5F, (available - std::max(contentHeight_, 0.0F)) * 0.5F) : unit * 0.5F);
    ImGui::SetCursorPosY(top);
    const float startY = ImGui::GetCursorPosY();
    // An empty clip rectangle hides the measuring frame and keeps its buttons from being clicked.
    if (measuring) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    const Intent intent = drawContent(ctx);
    if (measuring) ImGui::PopClipRect();
    const float height = ImGui::GetCursorPosY() - startY;
    settled_ = !centred() || (!measuring && std::abs(height - contentHeight_) < 1.0F);
    contentHeight_ = height;
    ImGui::End();
    return measuring ? Intent::none() : intent;
}

} // namespace dps::kiosk::ui
