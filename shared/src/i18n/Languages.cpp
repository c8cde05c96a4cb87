#include "dps/i18n/Languages.h"

#include <array>

namespace dps::i18n {
namespace {

constexpr std::array kLanguages{
    LanguageInfo{"fr", "Français"}, LanguageInfo{"nl", "Nederlands"},    LanguageInfo{"en", "English"},
    LanguageInfo{"de", "Deutsch"},  LanguageInfo{"es", "Español"},       LanguageInfo{"pt", "Português"},
    LanguageInfo{"it", "Italiano"}, LanguageInfo{"pl", "Polski"},        LanguageInfo{"ro", "Română"},
    LanguageInfo{"tr", "Türkçe"},   LanguageInfo{"ar", "العربية", true},
};

} // namespace

std::span<const LanguageInfo> knownLanguages() { return kLanguages; }

std::optional<LanguageInfo> findLanguage(std::string_view code) {
    for (const auto& l : kLanguages) {
        if (l.code == code) return l;
    }
    return std::nullopt;
}

} // namespace dps::i18n
