#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace dps::i18n {

// A language the kiosk can offer: its code (the catalogue folder's name) and its own name,
// shown on the Welcome screen so each visitor recognises theirs.
struct LanguageInfo {
    std::string_view code;
    std::string_view endonym;
    bool rightToLeft = false;
};

// The languages a visitor may pick: FR, NL and EN today, and those Brussels visitors often speak,
// ready for the day their catalogues are written.
std::span<const LanguageInfo> knownLanguages();
std::optional<LanguageInfo> findLanguage(std::string_view code);

} // namespace dps::i18n
