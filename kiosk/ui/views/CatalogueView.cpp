#include "kiosk/ui/views/CatalogueView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>
#include <cfloat>
#include <fmt/core.h>

namespace dps::kiosk::ui {

const char* themeLabel(const std::string& theme) {
    if (theme == "computer-basics") return i18n::N_("Computer basics");
    if (theme == "online-safety") return i18n::N_("Safety online");
    if (theme == "communication") return i18n::N_("Staying in touch");
    if (theme == "information") return i18n::N_("Finding information");
    if (theme == "public-services") return i18n::N_("Public services");
    if (theme == "work") return i18n::N_("Work");
    return i18n::N_("Other");
}

namespace {

bool card(const ViewContext& ctx, const Tutorial& t, ImVec2 size) {
    const Theme& th = ctx.theme;
    const std::string id = "catalogue.tutorial." + t.id;
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
    draw->AddRectFilled(a, b, hot ? colour::SurfaceHover : colour::Surface, th.unit * 0.4F);
    draw->AddRect(a, b, colour::Outline, th.unit * 0.4F, 0, th.unit * 0.1F);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) {
        ctx.map.note("focus", id);
        draw->AddRect(ImVec2(a.x - 5, a.y - 5), ImVec2(b.x + 5, b.y + 5), colour::Focus, th.unit * 0.5F, 0, 4);
    }
    const float pad = th.unit * 0.6F;
    draw->AddText(th.tileIcon, th.unit * 1.8F, ImVec2(a.x + pad, a.y + pad), colour::Primary,
                  icon::pictogram(t.pictogram));
    if (ctx.flow.tutorial().finishedThisVisit(t.id)) {
        const char* done = icon::Check;
        const ImVec2 ds = th.heading->CalcTextSizeA(th.heading->FontSize, FLT_MAX, 0, done);
        draw->AddCircleFilled(ImVec2(b.x - pad - ds.x * 0.5F, a.y + pad + ds.y * 0.5F), ds.y * 0.7F, colour::Primary);
        draw->AddText(th.heading, th.heading->FontSize, ImVec2(b.x - pad - ds.x, a.y + pad), colour::OnPrimary, done);
    }
    const std::string title = ctx.text(t.title);
    const float wrap = size.x - 2 * pad;
    draw->AddText(th.heading, th.unit * 1.2F, ImVec2(a.x + pad, a.y + pad + th.unit * 2.3F), colour::Text,
                  title.c_str(), nullptr, wrap);
    const std::string meta = fmt::format("{}  ·  {}", ctx.t.trCount("{} minute", "{} minutes", t.minutes),
                                         ctx.t.trCount("level {}", "level {}", t.level));
    draw->AddText(th.body, th.unit, ImVec2(a.x + pad, b.y - pad - th.unit), colour::Muted, meta.c_str());
    ctx.map.record(id, a, b, title);
    return pressed;
}

} // namespace

Intent CatalogueView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;

    // Theme tabs, as wide as their words, wrapped into centred rows.
    const auto& themes = ctx.flow.tutorial().themes();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float room = width;
    std::vector<float> widths;
    for (const auto& theme : themes) {
        const ImVec2 ts = th.body->CalcTextSizeA(th.unit, FLT_MAX, 0, ctx.t.tr(themeLabel(theme)));
        widths.push_back(std::min(room, std::max(th.unit * 5.0F, ts.x + th.unit * 1.6F)));
    }
    for (std::size_t i = 0; i < themes.size();) {
        std::size_t end = i;
        float row = 0;
        while (end < themes.size() && (end == i || row + gap + widths[end] <= room)) {
            row += (end > i ? gap : 0) + widths[end];
            ++end;
        }
        centreBlock(row);
        for (std::size_t k = i; k < end; ++k) {
            if (k > i) ImGui::SameLine();
            const bool chosen = themes[k] == ctx.flow.tutorial().catalogueTheme();
            const std::string id = "catalogue.theme." + themes[k];
            if (bigButton(ctx.map, id.c_str(), nullptr, ctx.t.tr(themeLabel(themes[k])),
                          ImVec2(widths[k], th.touchTarget()), chosen ? ButtonLook::ChosenChoice : ButtonLook::Choice,
                          nullptr, {.role = SpokenRole::Choice, .chosen = chosen})) {
                intent = intent::ChooseTheme{themes[k]};
            }
        }
        i = end;
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));

    // Cards of the chosen theme, easiest first.
    std::vector<const Tutorial*> shown;
    for (const auto& t : ctx.flow.tutorial().tutorials()) {
        if (t.theme == ctx.flow.tutorial().catalogueTheme()) shown.push_back(&t);
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [](const Tutorial* a, const Tutorial* b) { return a->level < b->level; });
    const ImVec2 size(std::min(th.unit * 10.5F, width), th.unit * 8.0F);
    const auto cardsPerRow = static_cast<std::size_t>(perRow(width, size.x, gap));
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i % cardsPerRow == 0) {
            const std::size_t n = std::min(cardsPerRow, shown.size() - i);
            centreBlock(static_cast<float>(n) * (size.x + gap) - gap);
        } else {
            ImGui::SameLine();
        }
        if (card(ctx, *shown[i], size)) intent = intent::OpenTutorial{shown[i]->id};
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    const ImVec2 back(th.unit * 8.0F, th.touchTarget());
    centreBlock(back.x);
    if (bigButton(ctx.map, "catalogue.home", icon::Home, ctx.t.tr("Home"), back, ButtonLook::Choice)) {
        intent = intent::BackToHome{};
    }
    return intent;
}

std::string CatalogueView::spokenText(const ViewContext& ctx) const {
    // The theme shown, then its lessons: what a visitor can choose here.
    std::vector<std::string> parts{ctx.t.tr(themeLabel(ctx.flow.tutorial().catalogueTheme()))};
    for (const auto& t : ctx.flow.tutorial().tutorials()) {
        if (t.theme == ctx.flow.tutorial().catalogueTheme()) parts.push_back(ctx.plainText(t.title));
    }
    return sentences(parts);
}

} // namespace dps::kiosk::ui
