#include "EidCheckView.h"
#include "../../app/EidMessages.h"
#include "../Icons.h"
#include "../Widgets.h"

#include <array>

namespace dps::kiosk::ui {

Intent EidCheckView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    Intent intent;
    ImGui::PushFont(th.heading);
    ImGui::TextUnformatted(ctx.t.tr("Check my e-ID card"));
    ImGui::PopFont();
    const auto& report = ctx.flow.eidReport();
    if (!report) {
        ImGui::TextWrapped("%s", ctx.t.tr("Looking for the card reader…"));
    } else {
        constexpr std::array kSteps{eid::CheckStep::Service,      eid::CheckStep::Reader,  eid::CheckStep::Card,
                                    eid::CheckStep::BelgianEid,   eid::CheckStep::Applet,  eid::CheckStep::Validity,
                                    eid::CheckStep::Certificates, eid::CheckStep::PinTries};
        for (const auto step : kSteps) {
            const eid::StepResult* found = nullptr;
            for (const auto& s : report->steps) {
                if (s.step == step) found = &s;
            }
            const char* mark = !found ? icon::Circle : found->ok ? icon::Check : icon::Warning;
            const ImU32 colour = !found ? colour::Muted : found->ok ? colour::Primary : colour::Accent;
            std::string line = std::string(mark) + "  " + ctx.t.tr(eidStepName(step));
            if (found && found->outcome != eid::Outcome::CardValid &&
                (!found->ok || found->outcome == eid::Outcome::CardExpiringSoon ||
                 found->outcome == eid::Outcome::SigningCertificateAbsentNormal))
                line += std::string(" — ") + ctx.t.tr(eidMessage(found->outcome).what);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
            ImGui::TextUnformatted(line.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
        const EidMessage m = eidMessage(report->verdict);
        const std::string verdict = report->cardWorks() && report->verdict == eid::Outcome::PinTriesUnknown
                                        ? std::string(ctx.t.tr("Your card works."))
                                        : std::string(ctx.t.tr(m.what));
        ImGui::PushFont(th.strong);
        ImGui::TextWrapped("%s", verdict.c_str());
        ImGui::PopFont();
        ImGui::TextWrapped("%s", ctx.t.tr(m.todo));
        ctx.map.note("verdict", eid::outcomeCode(report->verdict));
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    if (bigButton(ctx.map, "eid.home", icon::Home, ctx.t.tr("Home"), ImVec2(th.unit * 8, th.touchTarget()),
                  ButtonLook::Choice)) {
        intent = Intent::of(Intent::Kind::BackToHome);
    }
    return intent;
}

} // namespace dps::kiosk::ui
