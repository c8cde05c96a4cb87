#include "kiosk/core/FlowSettings.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace dps::kiosk {
namespace {

std::optional<long> settingNumber(const std::string& text) {
    long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

} // namespace

std::vector<std::string> applyStoredSettings(FlowSettings& s, const std::vector<std::string>& configured,
                                             const std::vector<std::pair<std::string, std::string>>& stored) {
    std::vector<std::string> ignored;
    for (const auto& [key, value] : stored) {
        bool ok = false;
        if (key == setting::Languages) {
            const auto langs = split(value);
            ok = !langs.empty() && std::all_of(langs.begin(), langs.end(), [&](const std::string& l) {
                return std::find(configured.begin(), configured.end(), l) != configured.end();
            });
            if (ok) s.languages = langs;
        } else if (key == setting::IdleTimeout) {
            const auto n = settingNumber(value);
            ok = n && *n >= kIdleMin.count() && *n <= kIdleMax.count();
            if (ok) s.idleTimeout = std::chrono::seconds(*n);
        } else if (key == setting::StillThere) {
            const auto n = settingNumber(value);
            ok = n && *n >= kStillMin.count() && *n <= kStillMax.count();
            if (ok) s.stillThereCountdown = std::chrono::seconds(*n);
        } else if (key == setting::EndQuestions) {
            ok = value == "true" || value == "false";
            if (ok) s.endQuestions = value == "true";
        }
        if (!ok) ignored.push_back(key);
    }
    return ignored;
}

} // namespace dps::kiosk
