#include "kiosk/ui/views/GuidedSetupView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageFrame.h"
#include "kiosk/ui/views/CatalogueView.h"

#include <algorithm>
#include <fmt/core.h>

namespace dps::kiosk::ui {
namespace {

// Group sizes a facilitator picks in one tap.
constexpr int kQuickGroupSizes[] = {2, 4, 6, 8, 10, 12};

void section(const ViewContext& ctx, const char* title) {
    ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.3F));
    wrapped(ctx.theme.strong, colour::Text, ctx.t.tr(title));
}

} // namespace

Intent GuidedSetupView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const GuidedSession& plan = ctx.flow.facilitator().plan();
    const GuidedVisit& f = plan.facts;
    Intent intent;
    const bool ready = consentProblem(f).empty();
    PageFrame page(ctx, "###setup", ctx.t.tr("New guided session"),
                   {{"setup.back", icon::Back, ctx.t.tr("Back"), Intent{intent::BackToFacilitator{}}},
                    {"setup.start", icon::Play, ctx.t.tr("Start the session"), Intent{intent::StartSession{}},
                     ready ? ButtonLook::Primary : ButtonLook::Choice}});
    const float w = page.bodyWidth();

    // The lessons first, by theme and easiest first (the catalogue's order): with people waiting,
    // they are what the facilitator came to choose.
    section(ctx, i18n::N_("Lessons, in the order you choose them"));
    for (const auto& theme : ctx.flow.tutorial().themes()) {
        std::vector<const Tutorial*> shown;
        for (const auto& t : ctx.flow.tutorial().tutorials()) {
            if (t.theme == theme) shown.push_back(&t);
        }
        std::stable_sort(shown.begin(), shown.end(),
                         [](const Tutorial* a, const Tutorial* b) { return a->level < b->level; });
        wrapped(th.body, colour::Muted, ctx.t.tr(themeLabel(theme)), w);
        std::vector<Chip> chips;
        for (const Tutorial* t : shown) {
            const auto it = std::find(plan.tutorials.begin(), plan.tutorials.end(), t->id);
            const bool on = it != plan.tutorials.end();
            const std::string title = ctx.text(t->title);
            chips.push_back({"setup.tutorial." + t->id,
                             on ? fmt::format("{}. {}", it - plan.tutorials.begin() + 1, title) : title, on});
        }
        if (const auto i = chipRows(ctx, chips, w)) intent = intent::ToggleSessionTutorial{shown[*i]->id};
    }
    if (plan.tutorials.empty())
        wrapped(th.body, colour::Muted, ctx.t.tr("None chosen: the session starts on the Home screen."), w);

    section(ctx, i18n::N_("Who takes part?"));
    if (const auto i = chipRows(
            ctx,
            {{"setup.individual", ctx.t.tr("One person"), !f.group}, {"setup.group", ctx.t.tr("A group"), f.group}}, w))
        intent = intent::SetSessionGroup{*i != 0};
    if (f.group) {
        // The usual sizes in one tap; − and + for the others, with the size, on a line of their own
        // (beside the chips they ran off the screen at 200 %).
        std::vector<Chip> sizes;
        for (const int n : kQuickGroupSizes)
            sizes.push_back({"setup.size." + std::to_string(n), std::to_string(n), f.groupSize == n});
        if (const auto i = chipRows(ctx, sizes, w)) intent = intent::SetGroupSize{kQuickGroupSizes[*i]};
        const ImVec2 small(th.touchTarget(), th.touchTarget() * 0.9F);
        if (bigButton(ctx.map, "setup.fewer", icon::Minus, "", small, ButtonLook::Choice))
            intent = intent::GroupSizeLess{};
        ImGui::SameLine();
        const std::string size = ctx.t.trCount("{} participant", "{} participants", f.groupSize);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(size.c_str());
        ImGui::SameLine();
        if (bigButton(ctx.map, "setup.more", icon::Plus, "", small, ButtonLook::Choice))
            intent = intent::GroupSizeMore{};
        ctx.map.note("group-size", std::to_string(f.groupSize));
    }

    section(ctx, i18n::N_("What for? (one or several)"));
    std::vector<Chip> purposes;
    for (const Purpose p : allPurposes())
        purposes.push_back({"setup.purpose." + std::string(code(p)), ctx.t.tr(label(p)), f.purposes.count(p) > 0});
    if (const auto i = chipRows(ctx, purposes, w)) intent = intent::TogglePurpose{allPurposes()[*i]};

    section(ctx, i18n::N_("Priority audiences (optional)"));
    if (chipRows(ctx,
                 {{"setup.consent", ctx.t.tr("The participants agree to say which groups they belong to"), f.consent}},
                 w))
        intent = intent::ToggleConsent{};
    std::vector<Chip> audiences;
    for (const Audience a : allAudiences())
        audiences.push_back(
            {"setup.audience." + std::string(code(a)), ctx.t.tr(label(a)), f.audiences.count(a) > 0, f.consent});
    if (const auto i = chipRows(ctx, audiences, w)) intent = intent::ToggleAudience{allAudiences()[*i]};
    wrapped(th.body, colour::Muted,
            ctx.t.tr("Only with their agreement. Nothing that names anyone is recorded: no name, no address."), w);
    page.endBody();
    ctx.map.note("tutorials", std::to_string(plan.tutorials.size()));
    return page.finish(intent);
}

} // namespace dps::kiosk::ui
