#include "FacilitatorView.h"
#include "../Icons.h"
#include "../PageParts.h"

#include <fmt/core.h>
#include <vector>

namespace dps::kiosk::ui {

Intent FacilitatorView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = ImGui::GetWindowWidth();
    Intent intent;
    centredText(titleFont(ctx), ctx.t.tr("Facilitator mode"), colour::Text, width * 0.9F);
    const std::string hello = ctx.t.trWith("Hello, {}.", ctx.flow.facilitatorName());
    centredText(th.body, hello.c_str(), colour::Muted, width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    struct Entry {
        const char* id;
        const char* icon;
        const char* label;
        Intent::Kind kind;
        bool enabled;
    };
    std::vector<Entry> entries{
        {"facilitator.session", icon::Users, ctx.t.tr("Start a guided session"), Intent::Kind::OpenGuidedSetup,
         !ctx.flow.session()},
        {"facilitator.status", icon::Wrench, ctx.t.tr("Terminal status"), Intent::Kind::OpenTerminalStatus, true},
        {"facilitator.settings", icon::Cog, ctx.t.tr("Settings"), Intent::Kind::OpenFacilitatorSettings, true}};
    if (ctx.flow.closedNow()) {
        entries.push_back(
            {"facilitator.open", icon::Unlock, ctx.t.tr("Open until tonight"), Intent::Kind::OpenOutsideHours, true});
    }
    entries.push_back({"facilitator.maintenance", icon::SignOut, ctx.t.tr("Maintenance (close the kiosk)"),
                       Intent::Kind::OpenMaintenance, true});
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = largeText(ctx) ? 2 : static_cast<int>(entries.size());
    const ImVec2 size(std::min(th.unit * 10.0F, (width * 0.92F - gap * static_cast<float>(perRow - 1)) / perRow),
                      th.unit * 7.0F);
    std::vector<const char*> labels;
    for (const auto& entry : entries)
        labels.push_back(entry.label);
    ImFont* font = tileFont(th, labels, size);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i % static_cast<std::size_t>(perRow) == 0)
            centreBlock(size.x * static_cast<float>(std::min<std::size_t>(perRow, entries.size() - i)) +
                        gap * static_cast<float>(std::min<std::size_t>(perRow, entries.size() - i) - 1));
        else
            ImGui::SameLine();
        if (!entries[i].enabled) ImGui::BeginDisabled();
        if (tile(ctx.map, th, entries[i].id, entries[i].icon, entries[i].label, size, font))
            intent = Intent::of(entries[i].kind);
        if (!entries[i].enabled) ImGui::EndDisabled();
    }
    if (ctx.flow.session())
        centredText(th.body, ctx.t.tr("A guided session is under way: end it from the top band."), colour::Muted,
                    width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    const ImVec2 close(th.unit * 14, th.touchTarget());
    centreBlock(close.x);
    if (bigButton(ctx.map, "facilitator.close", icon::Lock, ctx.t.tr("Close facilitator mode"), close,
                  ButtonLook::Choice))
        intent = Intent::of(Intent::Kind::CloseFacilitator);
    return intent;
}

} // namespace dps::kiosk::ui
