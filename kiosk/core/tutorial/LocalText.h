#pragma once
#include <map>
#include <string>
#include <string_view>

namespace dps::kiosk {

// One text in several languages, as authored ("fr" → "Utiliser la souris").
class LocalText {
public:
    using Map = std::map<std::string, std::string, std::less<>>;
    LocalText() = default;
    explicit LocalText(std::map<std::string, std::string, std::less<>> byLanguage)
        : byLanguage_(std::move(byLanguage)) {}

    struct Shown {
        const std::string* text; // never null when the LocalText is not empty
        bool fallback;           // shown in another language than asked: the view marks it
    };
    // The text in `language`, else in `fallback`, else in any language it has.
    [[nodiscard]] Shown in(std::string_view language, std::string_view fallback) const;
    [[nodiscard]] bool has(std::string_view language) const { return byLanguage_.find(language) != byLanguage_.end(); }
    [[nodiscard]] bool empty() const { return byLanguage_.empty(); }
    [[nodiscard]] const std::map<std::string, std::string, std::less<>>& all() const { return byLanguage_; }

private:
    std::map<std::string, std::string, std::less<>> byLanguage_;
};

} // namespace dps::kiosk
