#include "FacilitatorUnlockView.h"
#include "../Icons.h"
#include "../Keypad.h"
#include "../PageParts.h"

namespace dps::kiosk::ui {
namespace {

constexpr KeypadKeys kKeys{"facilitator.key.", Intent::Kind::FacilitatorPinDigit, Intent::Kind::FacilitatorPinErase,
                           Intent::Kind::FacilitatorPinSubmit};

} // namespace

Intent FacilitatorUnlockView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = ImGui::GetWindowWidth() - 2 * ImGui::GetStyle().WindowPadding.x;
    ImGui::PushFont(titleFont(ctx));
    const bool maintenance = ctx.flow.unlockForMaintenance();
    ImGui::TextUnformatted((std::string(icon::Key) + "  " +
                            (maintenance ? ctx.t.tr("Maintenance (close the kiosk)") : ctx.t.tr("Facilitator mode")))
                               .c_str());
    ImGui::PopFont();
    // The maintenance PIN is asked from facilitator mode: Cancel goes back to its menu.
    const std::vector<Button> buttons{
        {"facilitator.cancel", icon::Close, ctx.t.tr("Cancel"),
         Intent::of(maintenance ? Intent::Kind::BackToFacilitator : Intent::Kind::CloseFacilitator)}};
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    const float bodyH = std::max(th.unit * 4, height - ImGui::GetCursorPosY() - footerHeight(ctx, buttons, width));
    const long locked = ctx.flow.unlockLockedSeconds();
    const bool checking = ctx.flow.unlockChecking();
    std::string status;
    ImU32 ink = colour::Muted;
    if (locked > 0) {
        status = ctx.t.trCount("Too many wrong PINs: facilitator mode is locked for {} more second.",
                               "Too many wrong PINs: facilitator mode is locked for {} more seconds.", locked);
        ink = colour::Accent;
    } else if (checking) {
        status = std::string(icon::Hourglass) + "  " + ctx.t.tr("Checking…");
    } else if (ctx.flow.unlockRefused()) {
        status = ctx.t.trCount("Wrong PIN. {} more try before facilitator mode locks.",
                               "Wrong PIN. {} more tries before facilitator mode locks.", ctx.flow.unlockTriesLeft());
        ink = colour::Accent;
    }
    Intent typed;
    ImGui::BeginChild("###unlock", ImVec2(width, bodyH), false);
    const float column = std::min(width, th.unit * 16);
    centreBlock(column);
    ImGui::BeginGroup();
    wrapped(th.strong, colour::Text,
            maintenance ? ctx.t.tr("Type the administrator PIN, then OK: the kiosk closes.")
                        : ctx.t.tr("Type your facilitator PIN, then OK."),
            column);
    wrapped(th.lead, ink, status.empty() ? " " : status, column);
    maskedField(ctx, ctx.flow.facilitatorPinDigits(), column);
    if (locked > 0 || checking) ImGui::BeginDisabled();
    typed = keypad(ctx, kKeys, ctx.flow.facilitatorPinComplete(), column,
                   bodyH - ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
    if (locked > 0 || checking) ImGui::EndDisabled();
    ImGui::EndGroup();
    ImGui::EndChild();
    ctx.map.note("unlock", locked > 0                 ? "locked"
                           : checking                 ? "checking"
                           : ctx.flow.unlockRefused() ? "refused"
                                                      : "ready");
    ctx.map.note("pin-digits", std::to_string(ctx.flow.facilitatorPinDigits()));
    ctx.map.note("pin-for", maintenance ? "maintenance" : "facilitator");
    const Intent pressed = footer(ctx, buttons, width);
    return pressed.kind != Intent::Kind::None ? pressed : (locked > 0 || checking ? Intent{} : typed);
}

} // namespace dps::kiosk::ui
