#include "dps/i18n/Catalog.h"

#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>
#include <fmt/core.h>
#include <fmt/format.h>

#include <stdexcept>

namespace dps::i18n {

std::filesystem::path Catalog::fileFor(const std::filesystem::path& localeDir, std::string_view language,
                                       std::string_view domain) {
    return localeDir / language / "LC_MESSAGES" / (std::string(domain) + ".mo");
}

Catalog::Catalog(const std::filesystem::path& localeDir, std::string domain, const std::vector<std::string>& languages)
    : domain_(std::move(domain)) {
    boost::locale::generator gen;
    gen.categories(boost::locale::message_facet);
    gen.add_messages_path(localeDir.string());
    gen.add_messages_domain(domain_);
    for (const auto& lang : languages) {
        const auto file = fileFor(localeDir, lang, domain_);
        if (!std::filesystem::is_regular_file(file)) {
            throw std::runtime_error(
                fmt::format("{}: no translation catalogue for language '{}'", file.string(), lang));
        }
        // Boost.Locale parses the catalogue itself, so no system locale needs to be installed.
        locales_.emplace(lang, gen(lang + ".UTF-8"));
    }
}

bool Catalog::has(std::string_view language) const { return locales_.find(language) != locales_.end(); }

std::string Catalog::translate(std::string_view language, const char* msgid) const {
    const auto it = locales_.find(language);
    if (it == locales_.end()) return msgid;
    return boost::locale::translate(msgid).str(it->second, domain_);
}

std::string Catalog::translatePlural(std::string_view language, const char* singular, const char* plural,
                                     long n) const {
    const auto it = locales_.find(language);
    if (it == locales_.end()) return n == 1 ? singular : plural;
    return boost::locale::translate(singular, plural, n).str(it->second, domain_);
}

const char* Translator::tr(const char* msgid) const {
    auto [it, inserted] = cache_.try_emplace(msgid);
    if (inserted) it->second = catalog_->translate(language_, msgid);
    return it->second.c_str();
}

std::string Translator::trn(const char* singular, const char* plural, long n) const {
    return catalog_->translatePlural(language_, singular, plural, n);
}

std::string Translator::trWith(const char* msgid, std::string_view value) const {
    try {
        return fmt::format(fmt::runtime(tr(msgid)), value);
    } catch (const fmt::format_error&) {
        return fmt::format(fmt::runtime(msgid), value);
    }
}

} // namespace dps::i18n

namespace dps::i18n {

std::string Translator::trCount(const char* singular, const char* plural, long n) const {
    try {
        return fmt::format(fmt::runtime(trn(singular, plural, n)), n);
    } catch (const fmt::format_error&) {
        return fmt::format(fmt::runtime(n == 1 ? singular : plural), n);
    }
}

} // namespace dps::i18n
