#include "kiosk/ui/OutOfOrderScreen.h"

#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>
#include <imgui.h>

namespace dps::kiosk::ui {

OutOfOrderScreen::OutOfOrderScreen(const i18n::Catalog& catalog, std::vector<std::string> languages,
                                   ThemeMaker makeTheme, UiMap& map)
    : catalog_(catalog), languages_(std::move(languages)), theme_(makeTheme()), map_(map) {}

void OutOfOrderScreen::drawFrame() {
    // The full-screen window recipe: the whole viewport, no decoration, nothing saved, no focus
    // to take (there is nothing to press).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("###out-of-order", nullptr, flags);
    map_.beginFrame("out-of-order", "all");
    const float width = ImGui::GetWindowWidth();
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(std::max(top, (vp->Size.y - contentHeight_) * 0.5F));
    const float start = ImGui::GetCursorPosY();
    centredText(theme_.tileIcon, icon::Wrench, colour::Muted, width);
    ImGui::Dummy(ImVec2(0, theme_.unit * 0.6F));
    for (const auto& language : languages_) {
        const i18n::Translator t(catalog_, language);
        centredText(theme_.heading, t.tr("Out of order — please tell a facilitator"), colour::Text, width * 0.9F);
        ImGui::Dummy(ImVec2(0, theme_.unit * 0.5F));
        map_.note("text-" + language, "shown");
    }
    contentHeight_ = ImGui::GetCursorPosY() - start;
    ImGui::End();
    map_.endFrame();
}

} // namespace dps::kiosk::ui
