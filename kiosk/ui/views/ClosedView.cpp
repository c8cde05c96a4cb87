#include "kiosk/ui/views/ClosedView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageParts.h"

#include <fmt/core.h>

namespace dps::kiosk::ui {
namespace {

std::string hhmm(std::chrono::minutes m) { return fmt::format("{}:{:02}", m.count() / 60, m.count() % 60); }

} // namespace

Intent ClosedView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    centredText(th.tileIcon, icon::Lock, colour::Muted, width);
    // Nobody has chosen a language yet: it is said in each one offered, as Welcome does.
    for (const auto& language : ctx.flow.settings().languages) {
        const i18n::Translator t(ctx.catalog, language);
        centredText(language == ctx.flow.language() ? titleFont(ctx) : th.strong,
                    t.tr("The public digital space is closed."), colour::Text, width * 0.9F);
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
    centredText(th.body, ctx.t.tr("Opening hours:"), colour::Muted, width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
    const auto& hours = ctx.flow.settings().hours;
    const float column = std::min(width * 0.9F, th.unit * 22);
    for (unsigned d = 0; d < 7; ++d) {
        std::string periods;
        for (const auto& p : hours.day(d))
            periods += (periods.empty() ? "" : ",  ") + hhmm(p.from) + " – " + hhmm(p.to);
        if (periods.empty()) periods = ctx.t.tr("closed");
        centreBlock(column);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddText(th.strong, th.strong->FontSize, at, colour::Text, ctx.t.tr(weekdayName(d)));
        draw->AddText(th.body, th.unit, ImVec2(at.x + column * 0.4F, at.y), colour::Text, periods.c_str());
        ImGui::Dummy(ImVec2(column, th.unit * 1.25F));
    }
    return {};
}

std::string ClosedView::spokenText(const ViewContext& ctx) const {
    std::vector<std::string> parts{ctx.t.tr("The public digital space is closed."), ctx.t.tr("Opening hours:")};
    const auto& hours = ctx.flow.settings().hours;
    for (unsigned d = 0; d < 7; ++d) {
        std::string periods;
        for (const auto& p : hours.day(d))
            periods += (periods.empty() ? "" : ", ") + hhmm(p.from) + " – " + hhmm(p.to);
        parts.push_back(std::string(ctx.t.tr(weekdayName(d))) + ": " +
                        (periods.empty() ? ctx.t.tr("closed") : periods));
    }
    return sentences(parts);
}

} // namespace dps::kiosk::ui
