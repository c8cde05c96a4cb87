#include "kiosk/ui/views/WelcomeView.h"
#include "dps/i18n/Languages.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>

namespace dps::kiosk::ui {

Intent WelcomeView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;

    // "Welcome" in every offered language, since the visitor has not chosen yet.
    std::string greeting;
    for (const auto& lang : ctx.flow.settings().languages) {
        if (!greeting.empty()) greeting += "  ·  ";
        greeting += ctx.catalog.translate(lang, "Welcome");
    }
    centredText(th.heading, greeting.c_str(), colour::Text, width * 0.9F);
    centredText(th.body, ctx.t.tr("Choose your language, then press Start."), colour::Muted, width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));

    const auto& languages = ctx.flow.settings().languages;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float n = static_cast<float>(languages.size());
    const float fit = (width - (n - 1) * gap) / n;
    const ImVec2 choice(std::min(th.unit * 9.0F, fit), th.touchTarget() * 1.2F);
    const float row = static_cast<float>(languages.size()) * choice.x + static_cast<float>(languages.size() - 1) * gap;
    centreBlock(row);
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const auto& code = languages[i];
        const auto info = i18n::findLanguage(code);
        const std::string name(info ? info->endonym : code);
        const bool chosen = code == ctx.flow.language();
        const std::string id = "welcome.language." + code;
        if (i > 0) ImGui::SameLine();
        if (bigButton(ctx.map, id.c_str(), chosen ? icon::Check : nullptr, name.c_str(), choice,
                      chosen ? ButtonLook::ChosenChoice : ButtonLook::Choice, nullptr,
                      {.role = SpokenRole::Choice, .chosen = chosen})) {
            intent = intent::ChooseLanguage{code};
        }
    }
    ImGui::Dummy(ImVec2(0, th.unit));

    const ImVec2 start(std::min(th.unit * 12.0F, width * 0.9F), th.touchTarget() * 1.5F);
    centreBlock(start.x);
    if (bigButton(ctx.map, "welcome.start", icon::Play, ctx.t.tr("Start"), start, ButtonLook::Primary, th.heading)) {
        intent = intent::StartVisit{};
    }
    return intent;
}

std::string WelcomeView::spokenText(const ViewContext& ctx) const {
    std::vector<std::string> parts{ctx.t.tr("Welcome"), ctx.t.tr("Choose your language, then press Start.")};
    for (const auto& code : ctx.flow.settings().languages) {
        const auto info = i18n::findLanguage(code);
        parts.emplace_back(info ? info->endonym : code);
    }
    parts.emplace_back(ctx.t.tr("Start"));
    return sentences(parts);
}

} // namespace dps::kiosk::ui
