#pragma once
// The dashboard's HTML: mustache templates (server/web/templates, kainjow's mustache) filled with
// data the pages build, in the staff member's language. A template's fixed text is written
// {{#tr}}English{{/tr}} and translated from dps-server's catalogue; every {{value}} is
// HTML-escaped by mustache itself, so data (a DPS's name) can never become markup.
#include "dps/i18n/Catalog.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace dps::server {

namespace mustache = kainjow::mustache;

class PageRenderer {
public:
    // Reads every templates/*.mustache of webRoot and the catalogues of localeDir; throws naming
    // the file that is missing or does not parse.
    PageRenderer(const std::filesystem::path& webRoot, const std::filesystem::path& localeDir);

    // The page template `page` inside layout.mustache, as a complete HTML document.
    [[nodiscard]] std::string render(const std::string& page, mustache::data data, const std::string& language) const;
    [[nodiscard]] std::string tr(const std::string& language, const char* msgid) const {
        return catalog_.translate(language, msgid);
    }

private:
    std::map<std::string, std::string> templates_;
    i18n::Catalog catalog_;
};

} // namespace dps::server
