#include "server/dashboard/PageRenderer.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dps::server {
namespace {

std::string readTemplateFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

PageRenderer::PageRenderer(const std::filesystem::path& webRoot, const std::filesystem::path& localeDir)
    : catalog_(localeDir, "dps-server", {"fr", "nl", "en"}) {
    const auto dir = webRoot / "templates";
    if (!std::filesystem::is_directory(dir))
        throw std::runtime_error(dir.string() + ": no such folder (dashboard.web_root)");
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".mustache") continue;
        std::string text = readTemplateFile(entry.path());
        // Parsed once here so that a broken template stops the server at start, with its name,
        // rather than one page failing later.
        const mustache::mustache parsed(text);
        if (!parsed.is_valid()) throw std::runtime_error(entry.path().string() + ": " + parsed.error_message());
        templates_[entry.path().stem().string()] = std::move(text);
    }
    if (!templates_.contains("layout")) throw std::runtime_error((dir / "layout.mustache").string() + ": missing");
}

std::string PageRenderer::render(const std::string& page, mustache::data data, const std::string& language) const {
    const auto body = templates_.find(page);
    if (body == templates_.end()) throw std::logic_error("no template " + page);
    data.set("tr", mustache::lambda2([this, language](const std::string& text, const mustache::renderer& render) {
                 return render(catalog_.translate(language, text.c_str()), false);
             }));
    data.set("content", mustache::partial([&body] { return body->second; }));
    for (const auto& [name, text] : templates_)
        if (name.starts_with("_")) data.set(name, mustache::partial([&text] { return text; }));
    mustache::mustache layout(templates_.at("layout"));
    std::string html = layout.render(data);
    if (!layout.is_valid()) throw std::runtime_error("template " + page + ": " + layout.error_message());
    return html;
}

} // namespace dps::server
