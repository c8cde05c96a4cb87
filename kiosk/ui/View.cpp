#include "View.h"

#include "Icons.h"
#include "Widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <imgui_internal.h>

namespace dps::kiosk::ui {

std::string ViewContext::text(const LocalText& authored) const {
    const auto shown = authored.in(flow.language(), flow.fallbackLanguage());
    if (!shown.fallback) return *shown.text;
    for (const auto& [lang, value] : authored.all()) {
        if (&value == shown.text) return std::string(icon::Globe) + " " + lang + " · " + value;
    }
    return *shown.text;
}

namespace {

// Text size and contrast, on every screen: small buttons at the right of the top band.
Intent bandButtons(const ViewContext& ctx, ImVec2 origin, float width, float band, float& left) {
    const float unit = ctx.theme.baseUnit;
    const float buttonH = 2.2F * unit * 0.85F;
    const ImU32 ink = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    Intent intent;
    const std::string size = fmt::format("A  {}%", ctx.flow.textSizePercent());
    const std::string contrast = std::string(icon::Contrast) + "  " + ctx.t.tr("Contrast");
    struct Item {
        const char* id;
        std::string label;
        Intent::Kind kind;
    };
    const Item items[] = {{"chrome.text-size", size, Intent::Kind::CycleTextSize},
                          {"chrome.contrast", contrast, Intent::Kind::ToggleContrast}};
    float x = origin.x + width - unit * 0.5F;
    const ImVec2 cursor = ImGui::GetCursorPos();
    for (const auto& item : items) {
        const ImVec2 ts = ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, item.label.c_str());
        const float w = ts.x + unit * 1.2F;
        x -= w;
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y + (band - buttonH) * 0.5F));
        if (ImGui::InvisibleButton(item.id, ImVec2(w, buttonH))) intent = Intent::of(item.kind);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->PushClipRectFullScreen();
        draw->AddRect(a, b, ink, unit * 0.3F, 0, 1.5F);
        draw->AddText(ctx.theme.chrome, unit, ImVec2(a.x + unit * 0.6F, a.y + (b.y - a.y - ts.y) * 0.5F), ink,
                      item.label.c_str());
        draw->PopClipRect();
        ctx.map.record(item.id, a, b);
        left = x;
        x -= unit * 0.4F;
    }
    ImGui::SetCursorPos(cursor);
    return intent;
}

} // namespace

Intent View::draw(const ViewContext& ctx) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("###kiosk", nullptr, flags);
    // A screen just shown: keyboard focus restarts at its first button (the last screen's focused
    // button is gone, and arrow keys would search from where it was).
    if (ImGui::GetFrameCount() != lastFrame_ + 1) {
        // The previous screen may have left keyboard focus in one of its inner areas.
        ImGui::FocusWindow(ImGui::GetCurrentWindow());
        ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
    }
    lastFrame_ = ImGui::GetFrameCount();

    // The top band: the place's name, so a visitor knows where they are.
    const float unit = ctx.theme.unit;
    const float band = ctx.theme.bandHeight();
    const ImVec2 origin = ImGui::GetWindowPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen(); // the band runs edge to edge, through the window's padding
    draw->AddRectFilled(origin, ImVec2(origin.x + viewport->WorkSize.x, origin.y + band), colour::Band);
    draw->PopClipRect();
    float buttonsLeft = 0;
    Intent chrome = bandButtons(ctx, origin, viewport->WorkSize.x, band, buttonsLeft);
    // The place's name, cut where the buttons start (large text leaves little room).
    const char* where = ctx.siteName.empty() ? ctx.t.tr("Public digital space") : ctx.siteName.c_str();
    const ImU32 bandText = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    draw->PushClipRect(origin, ImVec2(buttonsLeft - ctx.theme.baseUnit * 0.5F, origin.y + band), false);
    const float base = ctx.theme.baseUnit;
    draw->AddText(ctx.theme.chrome, base, ImVec2(origin.x + base, origin.y + (band - base) * 0.5F), bandText, where);
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
    dragToScroll(); // a screen taller than the display (large text)
    if (measuring) ImGui::PopClipRect();
    const float height = ImGui::GetCursorPosY() - startY;
    settled_ = !centred() || (!measuring && std::abs(height - contentHeight_) < 1.0F);
    contentHeight_ = height;
    ImGui::End();
    if (measuring) return Intent::none();
    return chrome.kind != Intent::Kind::None ? chrome : intent;
}

} // namespace dps::kiosk::ui
