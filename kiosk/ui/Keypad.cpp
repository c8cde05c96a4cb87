#include "kiosk/ui/Keypad.h"

#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"

#include <SDL_scancode.h>

namespace dps::kiosk::ui {

void maskedField(const ViewContext& ctx, std::size_t n, float width) {
    const Theme& th = ctx.theme;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, th.unit * 2.2F);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), colour::Surface, th.unit * 0.3F);
    draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), colour::Outline, th.unit * 0.3F, 0, th.unit * 0.1F);
    const float r = th.unit * 0.35F, step = th.unit * 1.2F;
    const float x0 = at.x + (size.x - step * static_cast<float>(std::max<std::size_t>(n, 1))) * 0.5F + step * 0.5F;
    for (std::size_t i = 0; i < n; ++i)
        draw->AddCircleFilled(ImVec2(x0 + step * static_cast<float>(i), at.y + size.y * 0.5F), r, colour::Text);
    ImGui::Dummy(size);
}

Intent keypad(const ViewContext& ctx, const KeypadKeys& keys, bool complete, float width, float height) {
    const Theme& th = ctx.theme;
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float rowH = std::min(th.touchTarget() * 1.05F, (height - 3 * ImGui::GetStyle().ItemSpacing.y) / 4);
    const ImVec2 key((std::min(width, th.unit * 16) - 2 * gap) / 3, std::max(rowH, th.baseUnit * 1.8F));
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    const std::string prefix = keys.idPrefix;
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        if (i == 9) {
            if (bigButton(ctx.map, (prefix + "erase").c_str(), icon::Erase, largeText(ctx) ? "" : ctx.t.tr("Erase"),
                          key, ButtonLook::Choice, nullptr, {.name = ctx.t.tr("Erase")}))
                intent = keys.erase;
        } else if (i == 11) {
            if (!complete) ImGui::BeginDisabled();
            if (bigButton(ctx.map, (prefix + "ok").c_str(), icon::Check, ctx.t.tr("OK"), key,
                          complete ? ButtonLook::Primary : ButtonLook::Choice))
                intent = keys.submit;
            if (!complete) ImGui::EndDisabled();
        } else if (bigButton(ctx.map, (prefix + labels[i]).c_str(), nullptr, labels[i], key, ButtonLook::Choice,
                             titleFont(ctx), {.role = SpokenRole::Key})) {
            intent = keys.digit(labels[i][0]);
        }
    }
    if (ImGui::GetIO().WantTextInput) return intent;
    for (int d = 0; d <= 9; ++d) {
        const int top = d == 0 ? SDL_SCANCODE_0 : SDL_SCANCODE_1 + d - 1;
        const int pad = d == 0 ? SDL_SCANCODE_KP_0 : SDL_SCANCODE_KP_1 + d - 1;
        if (ImGui::IsKeyPressed(top, false) || ImGui::IsKeyPressed(pad, false))
            intent = keys.digit(static_cast<char>('0' + d));
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_BACKSPACE)) intent = keys.erase;
    if ((ImGui::IsKeyPressed(SDL_SCANCODE_RETURN, false) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_ENTER, false)) &&
        complete)
        intent = keys.submit;
    return intent;
}

} // namespace dps::kiosk::ui
