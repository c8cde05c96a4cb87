#include "kiosk/ui/views/HomeView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>
#include <vector>

namespace dps::kiosk::ui {
namespace {

struct TileLook {
    const char* id;
    const char* icon;
    const char* label;
    Intent intent;
};

TileLook lookOf(Feature f) {
    switch (f) {
    case Feature::Learn: return {"home.learn", icon::Learn, i18n::N_("Learn"), intent::OpenCatalogue{}};
    case Feature::EidCheck: return {"home.eid", icon::IdCard, i18n::N_("Check my e-ID card"), intent::OpenEidCheck{}};
    case Feature::FreeUse: return {"home.free-use", icon::Globe, i18n::N_("Use the internet"), intent::OpenFreeUse{}};
    case Feature::Finish: return {"home.finish", icon::SignOut, i18n::N_("End my visit"), intent::AskFinishVisit{}};
    }
    return {};
}

} // namespace

Intent HomeView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    const bool asking = ctx.flow.visit().confirmingFinish();
    if (asking) ImGui::BeginDisabled();
    centredText(th.heading, ctx.t.tr("What would you like to do?"), colour::Text, width * 0.9F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));

    // The tiles side by side, or in centred rows when they do not fit (large text): every tile
    // stays on the page, reached by scrolling it.
    const auto& features = ctx.flow.homeTiles();
    const ImVec2 size(std::min(th.unit * 10.0F, width), th.unit * 8.0F);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const auto inRow = static_cast<std::size_t>(perRow(width, size.x, gap));
    std::vector<const char*> labels;
    for (const Feature f : features)
        labels.push_back(ctx.t.tr(lookOf(f).label));
    ImFont* font = tileFont(th, labels, size);
    for (std::size_t i = 0; i < features.size(); ++i) {
        const TileLook look = lookOf(features[i]);
        if (i % inRow == 0)
            centreBlock(static_cast<float>(std::min(inRow, features.size() - i)) * (size.x + gap) - gap);
        else
            ImGui::SameLine();
        if (tile(ctx.map, th, look.id, look.icon, labels[i], size, font)) intent = look.intent;
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
    centredText(th.body, ctx.t.tr("Take your time. A facilitator can help you at any moment."), colour::Muted,
                width * 0.8F);
    if (asking) {
        ImGui::EndDisabled();
        // Finish is a tile among the others: a tap by mistake must not end the visit.
        intent = askOverScreen(
            ctx, {ctx.t.tr("End your visit now?"),
                  ctx.t.tr("Then the screen goes back to the start, ready for the next person."),
                  {"home.finish-no", icon::Back, ctx.t.tr("No, go on"), intent::CancelFinish{}, ButtonLook::Primary},
                  {"home.finish-yes", icon::SignOut, ctx.t.tr("Yes, end it"), intent::FinishVisit{}}});
    }
    return intent;
}

std::string HomeView::spokenText(const ViewContext& ctx) const {
    if (ctx.flow.visit().confirmingFinish()) {
        return sentences({ctx.t.tr("End your visit now?"),
                          ctx.t.tr("Then the screen goes back to the start, ready for the next person."),
                          ctx.t.tr("No, go on"), ctx.t.tr("Yes, end it")});
    }
    std::vector<std::string> parts{ctx.t.tr("What would you like to do?")};
    for (const Feature f : ctx.flow.homeTiles())
        parts.emplace_back(ctx.t.tr(lookOf(f).label));
    parts.emplace_back(ctx.t.tr("Take your time. A facilitator can help you at any moment."));
    return sentences(parts);
}

} // namespace dps::kiosk::ui
