#include "kiosk/ui/views/EndQuestionsView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageParts.h"

#include <vector>

namespace dps::kiosk::ui {

Intent EndQuestionsView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    Intent intent;
    const bool cameFor = ctx.flow.endQuestions().question() == EndQuestion::CameFor;
    centredText(titleFont(ctx), cameFor ? ctx.t.tr("What did you come for today?") : ctx.t.tr("Did this help?"),
                colour::Text, width * 0.9F);
    centredText(th.body, ctx.t.tr("You do not have to answer. Nothing about you is kept."), colour::Muted,
                width * 0.8F);
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (cameFor) {
        // Six pictogram tiles, three a row (two with large text).
        const int inRow = largeText(ctx) ? 2 : 3;
        const ImVec2 size(std::min(th.unit * 11, (width * 0.9F - gap * static_cast<float>(inRow - 1)) / inRow),
                          th.unit * 6.6F);
        const auto& purposes = allPurposes();
        std::vector<const char*> labels;
        for (const Purpose p : purposes)
            labels.push_back(ctx.t.tr(label(p)));
        ImFont* font = tileFont(th, labels, size);
        for (std::size_t i = 0; i < purposes.size(); ++i) {
            if (i % static_cast<std::size_t>(inRow) == 0)
                centreBlock(size.x * static_cast<float>(inRow) + gap * static_cast<float>(inRow - 1));
            else
                ImGui::SameLine();
            const std::string id = "question.came-for." + std::string(code(purposes[i]));
            if (tile(ctx.map, th, id.c_str(), icon(purposes[i]), labels[i], size, font))
                intent = intent::AnswerCameFor{purposes[i]};
        }
    } else {
        // Three tiles side by side, or stacked in rows when they do not fit (large text).
        const ImVec2 size(std::min(th.unit * 8, width), th.unit * 6.5F);
        const std::size_t n = allHelped().size();
        const auto inRow = static_cast<std::size_t>(perRow(width, size.x, gap));
        std::vector<const char*> labels;
        for (const Helped h : allHelped())
            labels.push_back(ctx.t.tr(label(h)));
        ImFont* font = tileFont(th, labels, size);
        for (std::size_t i = 0; i < n; ++i) {
            const Helped h = allHelped()[i];
            if (i % inRow == 0)
                centreBlock(static_cast<float>(std::min(inRow, n - i)) * (size.x + gap) - gap);
            else
                ImGui::SameLine();
            const std::string id = "question.helped." + std::string(code(h));
            if (tile(ctx.map, th, id.c_str(), icon(h), labels[i], size, font)) intent = intent::AnswerHelped{h};
        }
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    const ImVec2 skip(th.unit * 9, th.touchTarget());
    centreBlock(skip.x);
    if (bigButton(ctx.map, "question.skip", icon::Next, ctx.t.tr("Skip"), skip, ButtonLook::Choice))
        intent = intent::SkipQuestion{};
    ctx.map.note("question", cameFor ? "came-for" : "helped");
    return intent;
}

std::string EndQuestionsView::spokenText(const ViewContext& ctx) const {
    const bool cameFor = ctx.flow.endQuestions().question() == EndQuestion::CameFor;
    std::vector<std::string> parts{cameFor ? ctx.t.tr("What did you come for today?") : ctx.t.tr("Did this help?")};
    if (cameFor) {
        for (const Purpose p : allPurposes())
            parts.emplace_back(ctx.t.tr(label(p)));
    } else {
        for (const Helped h : allHelped())
            parts.emplace_back(ctx.t.tr(label(h)));
    }
    parts.emplace_back(ctx.t.tr("You do not have to answer. Nothing about you is kept."));
    return sentences(parts);
}

} // namespace dps::kiosk::ui
