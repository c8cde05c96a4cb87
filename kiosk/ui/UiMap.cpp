#include "kiosk/ui/UiMap.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/core.h>
#include <fstream>
#include <imgui_internal.h>

namespace dps::kiosk::ui {

void UiMap::beginFrame(std::string_view screen, std::string_view language) {
    windows_.clear();
    focused_.reset();
    if (!enabled()) return;
    current_ = fmt::format("screen {}\nlanguage {}\n", screen, language);
}

int UiMap::windowIndex(ImGuiWindow* window) {
    const auto found = std::find(windows_.begin(), windows_.end(), window);
    if (found != windows_.end()) return static_cast<int>(found - windows_.begin());
    // A child window is named after its parent, which is listed first.
    const int parent =
        window->ParentWindow && (window->Flags & ImGuiWindowFlags_ChildWindow) ? windowIndex(window->ParentWindow) : -1;
    windows_.push_back(window);
    const int index = static_cast<int>(windows_.size()) - 1;
    const ImRect& clip = window->InnerClipRect;
    // Then where the whole area is, shown or not: an area scrolled out of sight is clipped to
    // nothing, and ImGui lays out nothing in it.
    current_ += fmt::format("window {} {} {} {} {} {} {} {} {} {} {} {} {}\n", index, parent, std::lround(clip.Min.x),
                            std::lround(clip.Min.y), std::lround(clip.Max.x), std::lround(clip.Max.y),
                            std::lround(window->Scroll.y), std::lround(window->ScrollMax.y), window->ScrollbarY ? 1 : 0,
                            std::lround(window->Pos.x), std::lround(window->Pos.y),
                            std::lround(window->Pos.x + window->Size.x), std::lround(window->Pos.y + window->Size.y));
    return index;
}

void UiMap::record(std::string_view id, ImVec2 min, ImVec2 max, std::string_view label, const Spoken& spoken) {
    // Only when the rectangle is the last item's: then ImGui knows whether it has the focus.
    const bool lastItem = ImGui::GetCurrentContext() && ImGui::GetItemRectMin().x == min.x &&
                          ImGui::GetItemRectMin().y == min.y && ImGui::GetItemRectMax().x == max.x &&
                          ImGui::GetItemRectMax().y == max.y;
    if (lastItem && ImGui::IsItemFocused())
        focused_ = SpokenControl{std::string(id), std::string(spoken.name.empty() ? label : spoken.name), spoken.role,
                                 spoken.chosen, spoken.waiting};
    if (!enabled()) return;
    int window = -1;
    if (ImGuiWindow* w = ImGui::GetCurrentContext() ? ImGui::GetCurrentWindowRead() : nullptr) window = windowIndex(w);
    std::string text(label);
    std::replace(text.begin(), text.end(), '\n', ' ');
    current_ += fmt::format("button {} {} {} {} {} {}{}{}\n", id, std::lround(min.x), std::lround(min.y),
                            std::lround(max.x), std::lround(max.y), window, text.empty() ? "" : " ", text);
    if (window >= 0 && lastItem && ImGui::IsItemHovered()) note("hovered", id);
}

void UiMap::note(std::string_view key, std::string_view value) {
    if (!enabled()) return;
    current_ += fmt::format("state {} {}\n", key, value);
}

void UiMap::endFrame() {
    if (!enabled()) return;
    ++complete_;
    if (current_ == written_) return;
    if (file_.empty()) {
        written_ = current_;
        return;
    }
    // Written aside then renamed, so a reader never sees half a file.
    const auto tmp = std::filesystem::path(file_.string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << current_;
        if (!out) return;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file_, ec);
    if (!ec) written_ = current_;
}

} // namespace dps::kiosk::ui
