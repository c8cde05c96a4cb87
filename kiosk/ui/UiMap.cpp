#include "UiMap.h"

#include <cmath>
#include <cstdio>
#include <fmt/core.h>
#include <fstream>

namespace dps::kiosk::ui {

void UiMap::beginFrame(std::string_view screen, std::string_view language) {
    if (!enabled()) return;
    current_ = fmt::format("screen {}\nlanguage {}\n", screen, language);
}

void UiMap::record(std::string_view id, ImVec2 min, ImVec2 max) {
    if (!enabled()) return;
    current_ += fmt::format("button {} {} {} {} {}\n", id, std::lround(min.x), std::lround(min.y), std::lround(max.x),
                            std::lround(max.y));
}

void UiMap::note(std::string_view key, std::string_view value) {
    if (!enabled()) return;
    current_ += fmt::format("state {} {}\n", key, value);
}

void UiMap::endFrame() {
    if (!enabled() || current_ == written_) return;
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
