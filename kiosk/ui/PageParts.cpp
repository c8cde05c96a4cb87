#include "kiosk/ui/PageParts.h"

#include "kiosk/ui/Icons.h"

#include <algorithm>
#include <cfloat>

namespace dps::kiosk::ui {

Intent askOverScreen(const ViewContext& ctx, const Question& q) {
    const Theme& th = ctx.theme;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // The dimming is a window of its own, under the dialog: drawn in the foreground list it also
    // dimmed the dialog, which took contrast away in contrast mode (issue 18 §16). It takes no
    // input, so it never comes above the dialog. (Not NoBringToFrontOnFocus: such a window is
    // created behind all others, the screen's own included.)
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(IM_COL32(0, 0, 0, 110)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0F);
    ImGui::Begin("###question-dim", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoNav);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    // As wide as 22 lines of text allow, within the screen; as high as its words need.
    const ImVec2 button(th.unit * 9, th.touchTarget());
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::min(vp->Size.x * 0.94F, std::max(th.unit * 22, button.x * 2 + gap + th.unit * 2));
    const float text = width * 0.9F;
    const float height = th.unit * 0.3F + centredTextHeight(th.heading, q.title, text) +
                         centredTextHeight(th.body, q.body, text) + th.unit * 0.3F + button.y +
                         ImGui::GetStyle().ItemSpacing.y * 5 + ImGui::GetStyle().WindowPadding.y * 2;
    const ImVec2 size(width, std::min(height, vp->Size.y * 0.94F));
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - size.x) * 0.5F, vp->Pos.y + (vp->Size.y - size.y) * 0.5F));
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(colour::Surface));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, th.unit * 0.1F);
    ImGui::Begin("###question", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    Intent intent;
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    centredText(th.heading, q.title, colour::Text, text);
    centredText(th.body, q.body, colour::Muted, text);
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    centreBlock(button.x * 2 + gap);
    if (bigButton(ctx.map, q.stay.id, q.stay.icon, q.stay.label.c_str(), button, q.stay.look)) intent = q.stay.intent;
    ImGui::SameLine();
    if (bigButton(ctx.map, q.go.id, q.go.icon, q.go.label.c_str(), button, q.go.look)) intent = q.go.intent;
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    return intent;
}

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
                      c.on ? ButtonLook::ChosenChoice : ButtonLook::Choice, nullptr,
                      {.role = SpokenRole::Choice, .chosen = c.on, .waiting = !c.enabled}))
            pressed = i;
        if (!c.enabled) ImGui::EndDisabled();
        x += w + gap;
    }
    return pressed;
}

} // namespace dps::kiosk::ui
