#pragma once
#include <filesystem>
#include <locale>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dps::i18n {

// Translations for one gettext domain in several languages at once, read from compiled catalogues
// <localeDir>/<lang>/LC_MESSAGES/<domain>.mo. Unlike glibc's gettext, the language is chosen per
// call, not per process, so a kiosk can switch language per visit and a server per request.
class Catalog {
public:
    // Throws std::runtime_error naming the missing catalogue file.
    Catalog(const std::filesystem::path& localeDir, std::string domain, const std::vector<std::string>& languages);

    // The translation of msgid, or msgid itself when the catalogue has none.
    [[nodiscard]] std::string translate(std::string_view language, const char* msgid) const;
    [[nodiscard]] std::string translatePlural(std::string_view language, const char* singular, const char* plural,
                                              long n) const;
    [[nodiscard]] bool has(std::string_view language) const;
    [[nodiscard]] static std::filesystem::path fileFor(const std::filesystem::path& localeDir,
                                                       std::string_view language, std::string_view domain);

private:
    std::string domain_;
    std::map<std::string, std::locale, std::less<>> locales_;
};

// The strings one screen needs in the visitor's language. Returned pointers stay valid for the
// Translator's life, as Dear ImGui wants them for the frame.
class Translator {
public:
    Translator(const Catalog& catalog, std::string language) : catalog_(&catalog), language_(std::move(language)) {}
    [[nodiscard]] const char* tr(const char* msgid) const;
    [[nodiscard]] std::string trn(const char* singular, const char* plural, long n) const;
    // trn() with its "{}" replaced by n. A catalogue added without a rebuild may have a broken
    // placeholder: then the English text is used rather than failing on screen.
    [[nodiscard]] std::string trCount(const char* singular, const char* plural, long n) const;
    // tr() with its "{}" replaced by value (a date, a name), with the same English fallback.
    [[nodiscard]] std::string trWith(const char* msgid, std::string_view value) const;
    [[nodiscard]] const std::string& language() const { return language_; }

private:
    const Catalog* catalog_;
    std::string language_;
    mutable std::unordered_map<std::string, std::string> cache_;
};

// Marks a string for extraction by xgettext without translating it where it stands.
constexpr const char* N_(const char* msgid) { return msgid; }

} // namespace dps::i18n
