#include "kiosk/core/tutorial/LocalText.h"

#include "kiosk/core/tutorial/Exercise.h"

#include <array>

namespace dps::kiosk {

namespace {
const std::string kEmpty;
}

LocalText::Shown LocalText::in(std::string_view language, std::string_view fallback) const {
    if (const auto it = byLanguage_.find(language); it != byLanguage_.end()) return {&it->second, false};
    if (const auto it = byLanguage_.find(fallback); it != byLanguage_.end()) return {&it->second, true};
    if (!byLanguage_.empty()) return {&byLanguage_.begin()->second, true};
    return {&kEmpty, false};
}

std::string_view exerciseTypeName(const Exercise& e) {
    static constexpr std::array<std::string_view, std::variant_size_v<Exercise>> kNames{
        "click-targets", "double-click", "drag-drop", "scroll", "type-text",
        "special-keys",  "choice",       "spot-scam", "form",   "password"};
    return kNames[e.index()];
}

} // namespace dps::kiosk
