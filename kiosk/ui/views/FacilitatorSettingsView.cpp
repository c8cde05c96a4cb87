#include "kiosk/ui/views/FacilitatorSettingsView.h"
#include "dps/i18n/Languages.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageFrame.h"

#include <algorithm>

namespace dps::kiosk::ui {
namespace {

// "−  5 minutes  +": a value a facilitator moves in steps.
Intent stepper(const ViewContext& ctx, const char* id, const std::string& value, const Intent& less,
               const Intent& more) {
    const Theme& th = ctx.theme;
    Intent intent;
    const ImVec2 small(th.touchTarget(), th.touchTarget() * 0.9F);
    if (bigButton(ctx.map, (std::string(id) + ".less").c_str(), icon::Minus, "", small, ButtonLook::Choice))
        intent = less;
    ImGui::SameLine();
    const ImVec2 box(th.unit * 7, small.y);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 ts = ImGui::CalcTextSize(value.c_str());
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (box.x - ts.x) * 0.5F, at.y + (box.y - ts.y) * 0.5F),
                                        colour::Text, value.c_str());
    ImGui::Dummy(box);
    ImGui::SameLine();
    if (bigButton(ctx.map, (std::string(id) + ".more").c_str(), icon::Plus, "", small, ButtonLook::Choice))
        intent = more;
    return intent;
}

} // namespace

Intent FacilitatorSettingsView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const FlowSettings& s = ctx.flow.settings();
    Intent intent;
    PageFrame page(ctx, "###settings", ctx.t.tr("Settings of this terminal"),
                   {{"settings.back", icon::Back, ctx.t.tr("Back"), Intent{intent::BackToFacilitator{}}}});
    const float w = page.bodyWidth();

    wrapped(th.strong, colour::Text, ctx.t.tr("Languages offered"), w);
    std::vector<Chip> languages;
    for (const auto& code : ctx.flow.facilitator().configuredLanguages()) {
        const auto info = i18n::findLanguage(code);
        const bool on = std::find(s.languages.begin(), s.languages.end(), code) != s.languages.end();
        languages.push_back({"settings.language." + code, std::string(info ? info->endonym : code), on});
    }
    if (const auto i = chipRows(ctx, languages, w))
        intent = intent::ToggleLanguage{ctx.flow.facilitator().configuredLanguages()[*i]};

    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    wrapped(th.strong, colour::Text, ctx.t.tr("Ask \"Are you still there?\" after"), w);
    const auto idleMin = static_cast<long>(s.idleTimeout.count() / 60);
    if (const Intent i = stepper(ctx, "settings.idle", ctx.t.trCount("{} minute", "{} minutes", idleMin),
                                 intent::IdleTimeoutLess{}, intent::IdleTimeoutMore{});
        !isNone(i))
        intent = i;
    wrapped(th.strong, colour::Text, ctx.t.tr("Then end the visit after"), w);
    const auto still = static_cast<long>(s.stillThereCountdown.count());
    if (const Intent i = stepper(ctx, "settings.still", ctx.t.trCount("{} second", "{} seconds", still),
                                 intent::StillThereLess{}, intent::StillThereMore{});
        !isNone(i))
        intent = i;

    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    wrapped(th.strong, colour::Text, ctx.t.tr("End-of-visit questions"), w);
    if (chipRows(ctx,
                 {{"settings.end-questions", ctx.t.tr("Ask what the visitor came for, and whether it helped"),
                   s.endQuestions}},
                 w))
        intent = intent::ToggleEndQuestions{};
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    wrapped(th.body, colour::Muted,
            ctx.t.tr("Changes apply at once, are kept on this terminal, and are recorded with your name."), w);
    page.endBody();
    ctx.map.note("idle", std::to_string(s.idleTimeout.count()));
    ctx.map.note("end-questions", s.endQuestions ? "on" : "off");
    return page.finish(intent);
}

} // namespace dps::kiosk::ui
