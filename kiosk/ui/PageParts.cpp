#include "PageParts.h"

#include "Icons.h"

#include <cfloat>

namespace dps::kiosk::ui {

bool largeText(const ViewContext& ctx) { return ctx.theme.unit > ctx.theme.baseUnit * 1.2F; }

ImFont* titleFont(const ViewContext& ctx) { return largeText(ctx) ? ctx.theme.strong : ctx.theme.heading; }

float buttonWidth(const ViewContext& ctx, const Button& b, float available) {
    const float textW = ImGui::GetFont()->CalcTextSizeA(ctx.theme.unit, FLT_MAX, 0, b.label.c_str()).x;
    return std::min(available, std::max(ctx.theme.unit * 7, textW + ctx.theme.unit * 3.2F));
}

Intent buttonRows(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float x = 0;
    for (const auto& b : buttons) {
        const float w = buttonWidth(ctx, b, width);
        if (x > 0 && x + w <= width)
            ImGui::SameLine();
        else
            x = 0;
        if (bigButton(ctx.map, b.id, b.icon, b.label.c_str(), ImVec2(w, ctx.theme.touchTarget()), b.look))
            intent = b.intent;
        x += w + gap;
    }
    return intent;
}

int rowsFor(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    int rows = buttons.empty() ? 0 : 1;
    float x = 0;
    for (const auto& b : buttons) {
        const float w = buttonWidth(ctx, b, width);
        if (x > 0 && x + w > width) {
            ++rows;
            x = 0;
        }
        x += w + gap;
    }
    return rows;
}

float footerHeight(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    return static_cast<float>(rowsFor(ctx, buttons, width)) * (ctx.theme.touchTarget() + spacing) + spacing;
}

Intent footer(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    ImGui::SetCursorPosY(
        std::max(ImGui::GetCursorPosY(), height - footerHeight(ctx, buttons, width) + ImGui::GetStyle().ItemSpacing.y));
    return buttonRows(ctx, buttons, width);
}

void wrapped(ImFont* font, ImU32 ink, const std::string& text, float width) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink));
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

std::optional<std::size_t> chipRows(const ViewContext& ctx, const std::vector<Chip>& chips, float width) {
    std::optional<std::size_t> pressed;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float h = ctx.theme.touchTarget() * 0.9F;
    float x = 0;
    for (std::size_t i = 0; i < chips.size(); ++i) {
        const Chip& c = chips[i];
        const std::string label = std::string(c.on ? icon::Check : icon::CircleOpen) + "  " + c.label;
        const float textW = ImGui::GetFont()->CalcTextSizeA(ctx.theme.unit, FLT_MAX, 0, label.c_str()).x;
        const float w = std::min(width, textW + ctx.theme.unit * 2.0F);
        if (x > 0 && x + w <= width)
            ImGui::SameLine();
        else
            x = 0;
        if (!c.enabled) ImGui::BeginDisabled();
        if (bigButton(ctx.map, c.id.c_str(), nullptr, label.c_str(), ImVec2(w, h),
                      c.on ? ButtonLook::ChosenChoice : ButtonLook::Choice))
            pressed = i;
        if (!c.enabled) ImGui::EndDisabled();
        x += w + gap;
    }
    return pressed;
}

} // namespace dps::kiosk::ui
