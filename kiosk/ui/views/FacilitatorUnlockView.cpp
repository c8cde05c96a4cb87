#include "kiosk/ui/views/FacilitatorUnlockView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Keypad.h"
#include "kiosk/ui/PageFrame.h"

#include <algorithm>
#include <string>

namespace dps::kiosk::ui {
namespace {

const KeypadKeys kKeys{"facilitator.key.", [](char d) -> Intent { return intent::FacilitatorPinDigit{d}; },
                       intent::FacilitatorPinErase{}, intent::FacilitatorPinSubmit{}};

} // namespace

Intent FacilitatorUnlockView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const FacilitatorFlow& facilitator = ctx.flow.facilitator();
    const bool maintenance = facilitator.forMaintenance();
    // The administrator's PIN closes the kiosk, or checks the wipe after one not verified.
    const bool wipeCheck = maintenance && facilitator.adminAction() == AdminAction::CheckWipe;
    const long locked = facilitator.lockedSeconds();
    const bool checking = facilitator.checking();
    std::string status;
    ImU32 ink = colour::Muted;
    if (locked > 0) {
        status = ctx.t.trCount("Too many wrong PINs: facilitator mode is locked for {} more second.",
                               "Too many wrong PINs: facilitator mode is locked for {} more seconds.", locked);
        ink = colour::Accent;
    } else if (checking) {
        status = std::string(icon::Hourglass) + "  " + ctx.t.tr("Checking…");
    } else if (facilitator.refused()) {
        status = ctx.t.trCount("Wrong PIN. {} more try before facilitator mode locks.",
                               "Wrong PIN. {} more tries before facilitator mode locks.", facilitator.triesLeft());
        ink = colour::Accent;
    }
    Intent typed;
    // The maintenance PIN is asked from facilitator mode: Cancel goes back to its menu. The body is
    // the keypad: it is not dragged.
    PageFrame page(ctx, "###unlock",
                   std::string(icon::Key) + "  " +
                       (wipeCheck     ? ctx.t.tr("Check the wipe (administrator)")
                        : maintenance ? ctx.t.tr("Maintenance (close the kiosk)")
                                      : ctx.t.tr("Facilitator mode")),
                   {{"facilitator.cancel", icon::Close, ctx.t.tr("Cancel"),
                     maintenance ? Intent{intent::BackToFacilitator{}} : Intent{intent::CloseFacilitator{}}}},
                   {.dragScrolls = false});
    const float width = page.width();
    const float bodyH = page.bodyHeight();
    const float column = std::min(width, th.unit * 16);
    // The texts get a wider column than the keypad: "Wrong PIN…" then fits on one line at 100 %
    // and the keypad keeps its room.
    const float textColumn = std::min(width, th.unit * 28);
    centredText(th.strong,
                wipeCheck     ? ctx.t.tr("Type the administrator PIN, then OK: an empty session starts and is erased, "
                                             "and free use comes back if its wipe is verified.")
                : maintenance ? ctx.t.tr("Type the administrator PIN, then OK: the kiosk closes.")
                              : ctx.t.tr("Type your facilitator PIN, then OK."),
                colour::Text, textColumn);
    // As high as "Wrong PIN…" whatever the status says now: the keypad must not shrink and move
    // under the finger when that message appears. While locked the keypad is disabled, so the
    // longer lock message may push it.
    const std::string wrongPin = ctx.t.trCount("Wrong PIN. {} more try before facilitator mode locks.",
                                               "Wrong PIN. {} more tries before facilitator mode locks.", 4);
    const float statusHeight = std::max(centredTextHeight(th.lead, wrongPin.c_str(), textColumn),
                                        centredTextHeight(th.lead, status.c_str(), textColumn));
    const float statusTop = ImGui::GetCursorPosY();
    centredText(th.lead, status.empty() ? " " : status.c_str(), ink, textColumn);
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), statusTop + statusHeight + ImGui::GetStyle().ItemSpacing.y));
    centreBlock(column);
    ImGui::BeginGroup();
    maskedField(ctx, facilitator.pinDigits(), column);
    if (locked > 0 || checking) ImGui::BeginDisabled();
    typed = keypad(ctx, kKeys, facilitator.pinComplete(), column,
                   bodyH - ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
    if (locked > 0 || checking) ImGui::EndDisabled();
    ImGui::EndGroup();
    page.endBody();
    ctx.map.note("unlock", locked > 0 ? "locked" : checking ? "checking" : facilitator.refused() ? "refused" : "ready");
    ctx.map.note("pin-digits", std::to_string(facilitator.pinDigits()));
    ctx.map.note("pin-for", wipeCheck ? "wipe-check" : maintenance ? "maintenance" : "facilitator");
    return page.finish(locked > 0 || checking ? Intent{} : typed);
}

} // namespace dps::kiosk::ui
