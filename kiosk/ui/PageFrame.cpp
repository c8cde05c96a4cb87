#include "kiosk/ui/PageFrame.h"

#include <algorithm>
#include <utility>

namespace dps::kiosk::ui {

PageFrame::PageFrame(const ViewContext& ctx, const char* bodyId, const std::string& title, std::vector<Button> footer)
    : PageFrame(ctx, bodyId, title, std::move(footer), Look{}) {}

PageFrame::PageFrame(const ViewContext& ctx, const char* bodyId, const std::string& title, std::vector<Button> footer,
                     Look look)
    : ctx_(ctx), footer_(std::move(footer)), look_(look) {
    const ImGuiStyle& style = ImGui::GetStyle();
    width_ = ImGui::GetWindowWidth() - 2 * style.WindowPadding.x;
    ImGui::PushFont(titleFont(ctx));
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    // The body takes what the title and the footer leave, and never less than four lines.
    const float height = ImGui::GetMainViewport()->WorkSize.y - style.WindowPadding.y;
    bodyHeight_ = std::max(ctx.theme.unit * 4, height - ImGui::GetCursorPosY() - footerHeight(ctx, footer_, width_));
    if (look_.side > 0) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(look_.side, 0));
        ImGui::BeginChild(bodyId, ImVec2(width_, bodyHeight_), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
    } else {
        ImGui::BeginChild(bodyId, ImVec2(width_, bodyHeight_), false);
    }
    bodyOpen_ = true;
    bodyWidth_ = width_ - ImGui::GetStyle().ScrollbarSize - 2 * look_.side;
}

PageFrame::~PageFrame() {
    if (bodyOpen_) ImGui::EndChild();
}

void PageFrame::endBody() {
    if (!bodyOpen_) return;
    if (look_.dragScrolls) dragToScroll();
    ImGui::EndChild();
    bodyOpen_ = false;
}

Intent PageFrame::finish(Intent body) {
    endBody();
    const Intent pressed = footer(ctx_, footer_, width_);
    return firstOf(pressed, body);
}

} // namespace dps::kiosk::ui
