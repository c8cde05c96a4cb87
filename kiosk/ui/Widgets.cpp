#include "kiosk/ui/Widgets.h"
#include "kiosk/ui/KeyboardFocus.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <imgui_internal.h>
#include <utility>

namespace dps::kiosk::ui {
namespace {

struct Looks {
    ImU32 fill, text, border;
};

Looks looksFor(ButtonLook look, bool hovered, bool held) {
    switch (look) {
    case ButtonLook::Primary:
    case ButtonLook::ChosenChoice:
        return {held      ? colour::PrimaryHeld
                : hovered ? colour::PrimaryHover
                          : colour::Primary,
                colour::OnPrimary, colour::Primary};
    case ButtonLook::Choice:
        return {held || hovered ? colour::SurfaceHover : colour::Surface, colour::Text, colour::Outline};
    case ButtonLook::Waiting: return {colour::Background, colour::Muted, colour::Muted};
    }
    return {};
}

bool drawFrame(UiMap& map, const char* id, ImVec2 size, ButtonLook look, ImVec2& min, ImVec2& max, ImU32& text) {
    const bool pressed = ImGui::InvisibleButton(id, size);
    min = ImGui::GetItemRectMin();
    max = ImGui::GetItemRectMax();
    const Looks l = looksFor(look, ImGui::IsItemHovered(), ImGui::IsItemActive());
    const float unit = ImGui::GetFontSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, l.fill, unit * 0.4F);
    draw->AddRect(min, max, l.border, unit * 0.4F, 0, unit * 0.12F);
    focusRing(map, id, min, max, unit);
    text = l.text;
    return pressed;
}

} // namespace

bool bigButton(UiMap& map, const char* id, const char* icon, const char* label, ImVec2 size, ButtonLook look,
               ImFont* font, Spoken spoken) {
    ImVec2 min, max;
    ImU32 text = 0;
    const bool pressed = drawFrame(map, id, size, look, min, max, text);
    if (!font) font = ImGui::GetFont();
    const float fs = font->FontSize;
    const float gap = icon ? fs * 0.5F : 0;
    const ImVec2 iconSize = icon ? font->CalcTextSizeA(fs, FLT_MAX, 0, icon) : ImVec2();
    const ImVec2 labelSize = font->CalcTextSizeA(fs, FLT_MAX, 0, label);
    const float total = iconSize.x + gap + labelSize.x;
    ImVec2 pos((min.x + max.x - total) * 0.5F, (min.y + max.y - labelSize.y) * 0.5F);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (icon) {
        draw->AddText(font, fs, pos, text, icon);
        pos.x += iconSize.x + gap;
    }
    draw->AddText(font, fs, pos, text, label);
    spoken.waiting = spoken.waiting || look == ButtonLook::Waiting;
    map.record(id, min, max, label, spoken);
    return pressed;
}

namespace {
float labelRoom(const Theme& theme, ImVec2 size) {
    const ImVec2 icon = theme.tileIcon->CalcTextSizeA(theme.tileIcon->FontSize, FLT_MAX, 0, "M");
    return size.y * 0.92F - icon.y - theme.unit * 0.5F;
}
} // namespace

ImFont* tileFont(const Theme& theme, std::span<const char* const> labels, ImVec2 size) {
    const float room = labelRoom(theme, size);
    for (const char* label : labels) {
        if (theme.heading->CalcTextSizeA(theme.heading->FontSize, size.x, size.x * 0.9F, label).y > room)
            return theme.strong;
    }
    return theme.heading;
}

bool tile(UiMap& map, const Theme& theme, const char* id, const char* icon, const char* label, ImVec2 size,
          ImFont* font) {
    ImVec2 min, max;
    ImU32 text = 0;
    const bool pressed = drawFrame(map, id, size, ButtonLook::Choice, min, max, text);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float iconPx = theme.tileIcon->FontSize;
    const ImVec2 iconSize = theme.tileIcon->CalcTextSizeA(iconPx, FLT_MAX, 0, icon);
    const ImVec2 labelSize = font->CalcTextSizeA(font->FontSize, size.x, size.x * 0.9F, label);
    const float block = iconSize.y + theme.unit * 0.5F + labelSize.y;
    const float top = (min.y + max.y - block) * 0.5F;
    draw->AddText(theme.tileIcon, iconPx, ImVec2((min.x + max.x - iconSize.x) * 0.5F, top), colour::Primary, icon);
    draw->AddText(font, font->FontSize,
                  ImVec2((min.x + max.x - labelSize.x) * 0.5F, top + iconSize.y + theme.unit * 0.5F), text, label,
                  nullptr, size.x * 0.9F);
    map.record(id, min, max, label);
    return pressed;
}

namespace {

// Calls line(begin, end, y) for each line of text wrapped to width, y from 0; returns the height.
template <class Line> float wrappedLines(ImFont* font, const char* text, float width, Line&& line) {
    const char* end = text + std::strlen(text);
    float y = 0;
    while (text < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0F, text, end, width);
        if (lineEnd == text) ++lineEnd; // a word wider than the line: break it rather than loop
        line(text, lineEnd, y);
        y += font->FontSize * 1.25F;
        text = lineEnd;
        while (text < end && (*text == ' ' || *text == '\n'))
            ++text;
    }
    return y;
}

} // namespace

float contentCentre() {
    return ImGui::GetWindowPos().x +
           (ImGui::GetWindowContentRegionMin().x + ImGui::GetWindowContentRegionMax().x) * 0.5F;
}

float contentWidth() { return ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x; }

int perRow(float width, float block, float gap) { return std::max(1, static_cast<int>((width + gap) / (block + gap))); }

std::string fitted(ImFont* font, float size, const std::string& text, float maxWidth) {
    if (font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= maxWidth) return text;
    static constexpr const char* kEllipsis = "\u2026";
    std::string shown = text;
    while (!shown.empty()) {
        // Drop one whole UTF-8 character from the end.
        std::size_t cut = shown.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
            --cut;
        shown.erase(cut);
        while (!shown.empty() && shown.back() == ' ')
            shown.pop_back();
        if (font->CalcTextSizeA(size, FLT_MAX, 0, (shown + kEllipsis).c_str()).x <= maxWidth) break;
    }
    return shown.empty() ? std::string() : shown + kEllipsis;
}

void centredText(ImFont* font, const char* text, ImU32 colour, float width) {
    const float size = font->FontSize;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float centre = contentCentre();
    width = std::min(width, ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x);
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const float height = wrappedLines(font, text, width, [&](const char* begin, const char* lineEnd, float y) {
        const ImVec2 lineSize = font->CalcTextSizeA(size, FLT_MAX, 0, begin, lineEnd);
        draw->AddText(font, size, ImVec2(centre - lineSize.x * 0.5F, cursor.y + y), colour, begin, lineEnd);
    });
    ImGui::SetCursorScreenPos(ImVec2(centre - width * 0.5F, cursor.y));
    ImGui::Dummy(ImVec2(width, height));
}

float centredTextHeight(ImFont* font, const char* text, float width) {
    return wrappedLines(font, text, width, [](const char*, const char*, float) {});
}

void picture(Images& images, const std::filesystem::path& file, ImVec2 box) {
    const auto& p = images.get(file);
    if (!p.texture || p.size.x <= 0) return;
    const float scale = std::min(box.x / p.size.x, box.y / p.size.y);
    const ImVec2 size(p.size.x * scale, p.size.y * scale);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x + (box.x - size.x) * 0.5F, at.y));
    ImGui::Image(p.texture, size);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size.y + ImGui::GetStyle().ItemSpacing.y));
}

void centreBlock(float width) {
    const float left = ImGui::GetWindowContentRegionMin().x, right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SetCursorPosX(left + std::max(0.0F, (right - left - width) * 0.5F));
}

} // namespace dps::kiosk::ui

namespace dps::kiosk::ui {
namespace {
ImGuiID dragKept = 0;
} // namespace

void keepDrag() {
    if (ImGui::IsItemActive()) dragKept = ImGui::GetItemID();
}

void dragToScroll(float unit) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiID kept = std::exchange(dragKept, 0);
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) || !ImGui::IsMouseDragging(0)) return;
    if (ImGui::IsAnyItemActive()) {
        // Only a button of this page, pressed and then carried up or down; never the drag
        // exercise's items, a text field, or an area that scrolls itself.
        if (unit <= 0 || g.ActiveId == kept || g.ActiveIdWindow != window || ImGui::GetIO().WantTextInput ||
            std::abs(ImGui::GetMouseDragDelta(0).y) < unit * 0.5F)
            return;
        ImGui::ClearActiveID();
    }
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

void scrollIntoView(ImVec2 min, ImVec2 max) {
    ImGui::ScrollToRect(ImGui::GetCurrentWindow(), ImRect(min, max), ImGuiScrollFlags_KeepVisibleEdgeY);
}

} // namespace dps::kiosk::ui
