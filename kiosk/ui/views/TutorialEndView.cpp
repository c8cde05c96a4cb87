#include "kiosk/ui/views/TutorialEndView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

namespace dps::kiosk::ui {

Intent TutorialEndView::drawContent(const ViewContext& ctx) {
    if (!ctx.run) return {};
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    centredText(th.tileIcon, icon::Star, colour::Accent, width);
    const std::string title = std::string(ctx.t.tr("Well done!")) + "  " + ctx.text(ctx.run->tutorial().title);
    centredText(th.heading, title.c_str(), colour::Text, width * 0.9F);
    centredText(th.body, ctx.t.tr("What you learnt:"), colour::Muted, width * 0.8F);
    centredText(th.body, ctx.text(ctx.run->tutorial().learned).c_str(), colour::Text, width * 0.75F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));

    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // In a guided session the way on is the session's own next tutorial, or its end.
    if (const auto& session = ctx.flow.facilitator().session()) {
        const bool last = session->current + 1 >= session->tutorials.size();
        const Tutorial* following = last ? nullptr : ctx.flow.tutorial().byId(session->tutorials[session->current + 1]);
        const std::string label = following ? std::string(ctx.t.tr("Next:")) + " " + ctx.text(following->title)
                                            : std::string(ctx.t.tr("End the session"));
        const ImVec2 size(std::min(width * 0.8F, th.unit * 22), th.touchTarget() * 1.3F);
        centreBlock(size.x);
        if (bigButton(ctx.map, "end.session-next", following ? icon::Play : icon::Flag, label.c_str(), size,
                      ButtonLook::Primary))
            intent = following ? Intent{intent::SessionNext{}} : Intent{intent::EndSession{}};
        return intent;
    }
    const Tutorial* next = ctx.flow.tutorial().suggestion();
    if (next) {
        const std::string label = std::string(ctx.t.tr("Next:")) + " " + ctx.text(next->title);
        const ImVec2 size(std::min(width * 0.8F, th.unit * 22), th.touchTarget() * 1.3F);
        centreBlock(size.x);
        if (bigButton(ctx.map, "end.next", icon::Play, label.c_str(), size, ButtonLook::Primary)) {
            intent = intent::OpenTutorial{next->id};
        }
    }
    const ImVec2 size(th.unit * 10, th.touchTarget() * 1.2F);
    centreBlock(size.x * 2 + gap);
    if (bigButton(ctx.map, "end.catalogue", icon::Learn, ctx.t.tr("Other tutorials"), size, ButtonLook::Choice)) {
        intent = intent::OpenCatalogue{};
    }
    ImGui::SameLine();
    if (bigButton(ctx.map, "end.home", icon::Home, ctx.t.tr("Home"), size, ButtonLook::Choice)) {
        intent = intent::BackToHome{};
    }
    return intent;
}

std::string TutorialEndView::spokenText(const ViewContext& ctx) const {
    if (!ctx.run) return {};
    std::vector<std::string> parts{ctx.t.tr("Well done!"), ctx.plainText(ctx.run->tutorial().title),
                                   ctx.t.tr("What you learnt:"), ctx.plainText(ctx.run->tutorial().learned)};
    if (const auto& session = ctx.flow.facilitator().session()) {
        const bool last = session->current + 1 >= session->tutorials.size();
        const Tutorial* following = last ? nullptr : ctx.flow.tutorial().byId(session->tutorials[session->current + 1]);
        parts.emplace_back(following ? std::string(ctx.t.tr("Next:")) + " " + ctx.plainText(following->title)
                                     : std::string(ctx.t.tr("End the session")));
    } else if (const Tutorial* next = ctx.flow.tutorial().suggestion()) {
        parts.emplace_back(std::string(ctx.t.tr("Next:")) + " " + ctx.plainText(next->title));
    }
    return sentences(parts);
}

} // namespace dps::kiosk::ui
