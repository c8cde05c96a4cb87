#include "dps/config/Schema.h"

#include <algorithm>
#include <fmt/core.h>

namespace dps::config {
namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string render(const Entry& e) {
    switch (e.kind) {
    case Kind::Boolean: return std::get<bool>(e.fallback) ? "true" : "false";
    case Kind::Integer: return std::to_string(std::get<std::int64_t>(e.fallback));
    case Kind::Number: {
        std::string s = fmt::format("{}", std::get<double>(e.fallback));
        return s.find_first_of(".e") == std::string::npos ? s + ".0" : s;
    }
    case Kind::String:
    case Kind::Path: return quoted(std::get<std::string>(e.fallback));
    case Kind::StringList: {
        std::string s = "[";
        for (const auto& v : std::get<std::vector<std::string>>(e.fallback))
            s += (s.size() > 1 ? ", " : "") + quoted(v);
        return s + "]";
    }
    }
    return {};
}

std::string limits(const Entry& e) {
    if (e.min && e.max) return fmt::format(" Allowed: {} to {}.", *e.min, *e.max);
    if (!e.choices.empty()) {
        std::string s = " Allowed: ";
        for (std::size_t i = 0; i < e.choices.size(); ++i)
            s += (i ? ", " : "") + e.choices[i];
        return s + ".";
    }
    return {};
}

} // namespace

std::string SchemaBase::defaultsAsToml() const {
    std::string out = fmt::format("# {} configuration. Every key is optional: the value shown is its default.\n"
                                  "# An unknown key, a wrong type or a value out of range stops {} with file:line.\n",
                                  program_, program_);
    // Grouped by section, in the order each section first appears: a TOML table may be opened
    // only once, and the schema registers keys in the order the code reads them.
    std::vector<std::string> sections;
    const auto sectionOf = [](const std::string& key) {
        const auto dot = key.rfind('.');
        return dot == std::string::npos ? std::string() : key.substr(0, dot);
    };
    for (const auto& e : entries()) {
        if (e.retired) continue; // accepted from older files, never offered
        const std::string s = sectionOf(e.key);
        if (std::find(sections.begin(), sections.end(), s) == sections.end()) sections.push_back(s);
    }
    for (const auto& s : sections) {
        out += s.empty() ? "\n" : "\n[" + s + "]\n";
        for (const auto& e : entries()) {
            if (e.retired || sectionOf(e.key) != s) continue;
            const auto dot = e.key.rfind('.');
            const std::string name = dot == std::string::npos ? e.key : e.key.substr(dot + 1);
            out += "# " + e.doc + limits(e) + "\n" + name + " = " + render(e) + "\n";
        }
    }
    return out;
}

} // namespace dps::config
