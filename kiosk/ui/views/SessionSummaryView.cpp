#include "kiosk/ui/views/SessionSummaryView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageFrame.h"

#include <fmt/core.h>

namespace dps::kiosk::ui {

Intent SessionSummaryView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const auto& session = ctx.flow.facilitator().session();
    if (!session) return {};
    Intent intent;
    PageFrame page(ctx, "###summary", ctx.t.tr("End of the guided session"),
                   {{"summary.save", icon::Check, ctx.t.tr("Save and finish"), Intent{intent::SaveSession{}},
                     ButtonLook::Primary}});
    const float w = page.bodyWidth();
    const std::string lasted = lastedWords(ctx.t, ctx.flow.facilitator().sessionDuration());
    wrapped(th.lead, colour::Text, std::string(icon::Clock) + "  " + lasted, w);
    ctx.map.note("session-seconds", std::to_string(ctx.flow.facilitator().sessionDuration().count()));
    const auto& done = ctx.flow.tutorial().completed();
    wrapped(th.lead, colour::Text,
            std::string(icon::Check) + "  " +
                ctx.t.trCount("{} tutorial done", "{} tutorials done", static_cast<long>(done.size())),
            w);
    for (const auto& id : done) {
        if (const Tutorial* t = ctx.flow.tutorial().byId(id))
            wrapped(th.body, colour::Muted, "   ·  " + ctx.text(t->title), w);
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    wrapped(th.strong, colour::Text, ctx.t.tr("At the end, the person… (optional)"), w);
    std::vector<Chip> autonomy;
    for (const Autonomy a : allAutonomy())
        autonomy.push_back({"summary.autonomy." + std::string(code(a)), ctx.t.tr(label(a)), session->autonomy == a});
    if (const auto i = chipRows(ctx, autonomy, w)) intent = intent::SetAutonomy{allAutonomy()[*i]};
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    wrapped(th.strong, colour::Text, ctx.t.tr("Referred to (optional)"), w);
    std::vector<Chip> referrals;
    for (const Referral r : allReferrals())
        referrals.push_back({"summary.referral." + std::string(code(r)), ctx.t.tr(label(r)), session->referral == r});
    if (const auto i = chipRows(ctx, referrals, w)) intent = intent::SetReferral{allReferrals()[*i]};
    return page.finish(intent);
}

std::string SessionSummaryView::spokenText(const ViewContext& ctx) const {
    if (!ctx.flow.facilitator().session()) return {};
    std::vector<std::string> parts{ctx.t.tr("End of the guided session")};
    const auto& done = ctx.flow.tutorial().completed();
    parts.push_back(ctx.t.trCount("{} tutorial done", "{} tutorials done", static_cast<long>(done.size())));
    for (const auto& id : done) {
        if (const Tutorial* t = ctx.flow.tutorial().byId(id)) parts.push_back(ctx.plainText(t->title));
    }
    return sentences(parts);
}

} // namespace dps::kiosk::ui
