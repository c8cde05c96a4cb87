#include "View.h"

#include "Icons.h"
#include "Widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <imgui_internal.h>
#include <vector>

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
        ctx.map.record(item.id, a, b, item.label);
        left = x;
        x -= unit * 0.4F;
    }
    ImGui::SetCursorPos(cursor);
    return intent;
}

// While a guided session runs: where it is, and previous / next / end, in the band so they are
// on every screen of the session, left of the text size and contrast buttons.
Intent sessionButtons(const ViewContext& ctx, ImVec2 origin, float band, float& right) {
    const auto& session = ctx.flow.session();
    if (!session) return {};
    const float unit = ctx.theme.baseUnit;
    const float buttonH = 2.2F * unit * 0.85F;
    const ImU32 ink = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    Intent intent;
    const std::size_t n = session->tutorials.size();
    const std::string where =
        n == 0 ? std::string(ctx.t.tr("Guided session"))
               : fmt::format(fmt::runtime(ctx.t.tr("Guided session · {} of {}")), session->current + 1, n);
    struct Item {
        const char* id;
        std::string label;
        Intent::Kind kind;
    };
    std::vector<Item> items{
        {"session.end", std::string(icon::Flag) + "  " + ctx.t.tr("End session"), Intent::Kind::EndSession}};
    if (n > 0) {
        items.insert(items.begin(), {"session.next", std::string(icon::Next), Intent::Kind::SessionNext});
        items.insert(items.begin(), {"session.previous", std::string(icon::Back), Intent::Kind::SessionPrevious});
    }
    float x = right - unit * 0.4F;
    const ImVec2 cursor = ImGui::GetCursorPos();
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        const ImVec2 ts = ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, it->label.c_str());
        const float w = ts.x + unit * 1.2F;
        x -= w;
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y + (band - buttonH) * 0.5F));
        if (ImGui::InvisibleButton(it->id, ImVec2(w, buttonH))) intent = Intent::of(it->kind);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->PushClipRectFullScreen();
        draw->AddRectFilled(a, b, colour::PrimaryHeld, unit * 0.3F);
        draw->AddRect(a, b, ink, unit * 0.3F, 0, 1.5F);
        draw->AddText(ctx.theme.chrome, unit, ImVec2(a.x + unit * 0.6F, a.y + (b.y - a.y - ts.y) * 0.5F), ink,
                      it->label.c_str());
        draw->PopClipRect();
        ctx.map.record(it->id, a, b, it->label);
        x -= unit * 0.4F;
    }
    const ImVec2 ws = ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, where.c_str());
    x -= ws.x + unit * 0.2F;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen();
    draw->AddText(ctx.theme.chrome, unit, ImVec2(x, origin.y + (band - ws.y) * 0.5F), ink, where.c_str());
    draw->PopClipRect();
    ctx.map.note("session", std::to_string(session->current + 1) + "/" + std::to_string(n));
    right = x;
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
    ctx.map.note("band", std::to_string(static_cast<int>(std::lround(band))));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen(); // the band runs edge to edge, through the window's padding
    draw->AddRectFilled(origin, ImVec2(origin.x + viewport->WorkSize.x, origin.y + band), colour::Band);
    draw->PopClipRect();
    float buttonsLeft = origin.x + viewport->WorkSize.x;
    Intent chrome;
    if (showsBandButtons()) chrome = bandButtons(ctx, origin, viewport->WorkSize.x, band, buttonsLeft);
    // A guided session's controls, just left of those buttons.
    if (const Intent session = sessionButtons(ctx, origin, band, buttonsLeft); session.kind != Intent::Kind::None)
        chrome = session;
    // The place's name, cut where the buttons start (large text leaves little room). Held for two
    // seconds, it opens facilitator mode: findable by staff who know, invisible to visitors.
    std::string where = ctx.siteName.empty() ? ctx.t.tr("Public digital space") : ctx.siteName;
    if (ctx.flow.facilitatorUnlocked())
        where = std::string(icon::Key) + "  " + ctx.flow.facilitatorName() + "  ·  " + where;
    const ImU32 bandText = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    const float base = ctx.theme.baseUnit;
    const float nameRight = buttonsLeft - base * 0.5F;
    draw->PushClipRect(origin, ImVec2(nameRight, origin.y + band), false);
    draw->AddText(ctx.theme.chrome, base, ImVec2(origin.x + base, origin.y + (band - base) * 0.5F), bandText,
                  where.c_str());
    draw->PopClipRect();
    const ImVec2 cursor = ImGui::GetCursorPos();
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("chrome.facilitator",
                           ImVec2(std::max(base, std::min(nameRight - origin.x, base * 14)), band));
    ctx.map.record("chrome.facilitator", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemActive()) {
        const float held = ImGui::GetIO().MouseDownDuration[0];
        // A thin line fills under the name while it is held, so staff know it is coming.
        const float w = (ImGui::GetItemRectMax().x - origin.x) * std::min(1.0F, held / kFacilitatorHold);
        draw->PushClipRectFullScreen();
        draw->AddRectFilled(ImVec2(origin.x, origin.y + band - base * 0.15F), ImVec2(origin.x + w, origin.y + band),
                            bandText);
        draw->PopClipRect();
        if (held >= kFacilitatorHold && !holdFired_) {
            holdFired_ = true;
            chrome = Intent::of(Intent::Kind::OpenFacilitator);
        }
    } else {
        holdFired_ = false;
    }
    ImGui::SetCursorPos(cursor);

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
