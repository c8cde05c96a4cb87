#include "kiosk/ui/views/FacilitatorView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>
#include <fmt/core.h>
#include <vector>

namespace dps::kiosk::ui {
namespace {

// During a guided session: where it is, and the controls that move it (only here, so a
// participant cannot skip a lesson from the visitor's screens).
Intent sessionControls(const ViewContext& ctx, float width) {
    const Theme& th = ctx.theme;
    const GuidedSession& s = *ctx.flow.facilitator().session();
    const std::size_t n = s.tutorials.size();
    std::string where = ctx.t.tr("Guided session");
    if (n > 0) {
        where = fmt::format(fmt::runtime(ctx.t.tr("Guided session · {} of {}")), s.current + 1, n);
        if (const Tutorial* t = ctx.flow.tutorial().byId(s.tutorials[s.current])) where += ": " + ctx.text(t->title);
    }
    centredText(th.strong, where.c_str(), colour::Text, width * 0.9F);
    std::vector<Button> buttons;
    if (n > 0) {
        buttons.push_back(
            {"facilitator.session-previous", icon::Back, ctx.t.tr("Previous lesson"), intent::SessionPrevious{}});
        if (s.current + 1 < n)
            buttons.push_back({"facilitator.session-next", icon::Next, ctx.t.tr("Next lesson"), intent::SessionNext{}});
    }
    buttons.push_back({"facilitator.session-end", icon::Flag, ctx.t.tr("End the session"), intent::EndSession{},
                       ButtonLook::Primary});
    float row = 0;
    for (const auto& b : buttons)
        row += buttonWidth(ctx, b, width) + ImGui::GetStyle().ItemSpacing.x;
    row -= ImGui::GetStyle().ItemSpacing.x;
    if (row < width) centreBlock(row);
    return buttonRows(ctx, buttons, width);
}

// Free use: a session for someone with another limit; while one runs under the menu, more time
// or its end (and the wipe).
Intent freeUseControls(const ViewContext& ctx, float width) {
    // The page's scroll bar takes its share at 200 %: "90 min" ran 11 px under it (NL, 1366x768,
    // the screen walk with free use offered).
    width = std::min(width, contentWidth());
    const Theme& th = ctx.theme;
    std::vector<Button> buttons;
    if (ctx.flow.freeUse().running()) {
        const auto left = ctx.flow.freeUseTimeLeft();
        std::string where = ctx.t.trCount("Free use: {} min left", "Free use: {} min left",
                                          static_cast<long>((left.count() + 59) / 60));
        // The call for help waits until answered (Terminal status's "Help given", or more time, or the end).
        if (ctx.flow.freeUse().helpRequested())
            where += " · " + ctx.t.trCount("Help asked {} min ago", "Help asked {} min ago",
                                           static_cast<long>(ctx.flow.freeUseHelpAskedFor().count() / 60));
        centredText(th.strong, where.c_str(), colour::Text, width * 0.9F);
        buttons = {{"facilitator.free-use-more-15", icon::Plus, ctx.t.tr("15 minutes more"), intent::ExtendFreeUse{15}},
                   {"facilitator.free-use-more-30", icon::Plus, ctx.t.tr("30 minutes more"), intent::ExtendFreeUse{30}},
                   {"facilitator.free-use-end", icon::Trash, ctx.t.tr("End it and erase"), intent::EndFreeUse{},
                    ButtonLook::Primary}};
    } else {
        centredText(th.strong, ctx.t.tr("Internet for someone:"), colour::Text, width * 0.9F);
        for (const int m : {30, 60, 90, 120}) {
            static const char* const ids[] = {"facilitator.free-use-30", "facilitator.free-use-60",
                                              "facilitator.free-use-90", "facilitator.free-use-120"};
            buttons.push_back(
                {ids[m / 30 - 1], icon::Globe, ctx.t.trCount("{} min", "{} min", m), intent::FacilitatorFreeUse{m}});
        }
    }
    float row = 0;
    for (const auto& b : buttons)
        row += buttonWidth(ctx, b, width) + ImGui::GetStyle().ItemSpacing.x;
    row -= ImGui::GetStyle().ItemSpacing.x;
    if (row < width) centreBlock(row);
    return buttonRows(ctx, buttons, width);
}

} // namespace

Intent FacilitatorView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = ImGui::GetWindowWidth();
    Intent intent;
    centredText(titleFont(ctx), ctx.t.tr("Facilitator mode"), colour::Text, width * 0.9F);
    const std::string hello = ctx.t.trWith("Hello, {}.", ctx.flow.facilitator().name());
    centredText(th.body, hello.c_str(), colour::Muted, width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    if (ctx.flow.facilitator().sessionControlsOffered(ctx.flow.screen())) {
        intent = sessionControls(ctx, width - 2 * ImGui::GetStyle().WindowPadding.x);
        ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    }
    struct Entry {
        const char* id;
        const char* icon;
        const char* label;
        Intent intent;
    };
    std::vector<Entry> entries;
    if (!ctx.flow.facilitator().session())
        entries.push_back(
            {"facilitator.session", icon::Users, ctx.t.tr("Start a guided session"), intent::OpenGuidedSetup{}});
    entries.push_back({"facilitator.status", icon::Wrench, ctx.t.tr("Terminal status"), intent::OpenTerminalStatus{}});
    entries.push_back({"facilitator.settings", icon::Cog, ctx.t.tr("Settings"), intent::OpenFacilitatorSettings{}});
    if (ctx.flow.closedNow()) {
        entries.push_back(
            {"facilitator.open", icon::Unlock, ctx.t.tr("Open until tonight"), intent::OpenOutsideHours{}});
    }
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = largeText(ctx) ? 2 : static_cast<int>(entries.size());
    const ImVec2 size(std::min(th.unit * 10.0F, (width * 0.92F - gap * static_cast<float>(perRow - 1)) / perRow),
                      th.unit * (ctx.flow.facilitator().session() ? 5.5F : 7.0F));
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
        if (tile(ctx.map, th, entries[i].id, entries[i].icon, entries[i].label, size, font)) intent = entries[i].intent;
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    if (ctx.flow.freeUseOffered().count() > 0 && ctx.flow.offersFreeUse() && !ctx.flow.facilitator().session()) {
        ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
        if (const Intent pressed = freeUseControls(ctx, width - 2 * ImGui::GetStyle().WindowPadding.x);
            !isNone(pressed))
            intent = pressed;
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    const ImVec2 close(std::min(th.unit * 14, width * 0.9F), th.touchTarget());
    centreBlock(close.x);
    if (bigButton(ctx.map, "facilitator.close", icon::Lock, ctx.t.tr("Close facilitator mode"), close,
                  ButtonLook::Choice))
        intent = intent::CloseFacilitator{};
    // The maintenance exit is the administrator's, not a facilitator's task: apart, below a line,
    // with its own icon, and only on a terminal that has an administrator PIN.
    if (ctx.flow.facilitator().maintenanceExitOffered()) {
        ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float lineW = std::min(th.unit * 20, width * 0.8F);
        const float x0 = ImGui::GetWindowPos().x + (width - lineW) * 0.5F;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x0, at.y), ImVec2(x0 + lineW, at.y), colour::Outline,
                                            th.unit * 0.06F);
        ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
        centredText(th.body, ctx.t.tr("For the administrator:"), colour::Muted, width * 0.8F);
        const Button maintenance{"facilitator.maintenance", icon::PowerOff, ctx.t.tr("Maintenance (close the kiosk)"),
                                 intent::OpenMaintenance{}};
        const float w = buttonWidth(ctx, maintenance, width * 0.9F);
        centreBlock(w);
        if (const Intent pressed = buttonRows(ctx, {maintenance}, w + 1); !isNone(pressed)) intent = pressed;
    }
    return intent;
}

} // namespace dps::kiosk::ui
