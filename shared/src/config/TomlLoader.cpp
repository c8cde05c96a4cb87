// Reads a TOML file against a SchemaBase: every problem is collected with its line, so an
// administrator fixes the whole file in one go.
#include "dps/config/Schema.h"
#include "dps/core/Suggest.h"

#include <fmt/core.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace dps::config {
namespace {

const char* kindName(Kind k) {
    switch (k) {
    case Kind::Boolean: return "true or false";
    case Kind::Integer: return "a whole number";
    case Kind::Number: return "a number";
    case Kind::String: return "a string in quotes";
    case Kind::Path: return "a path in quotes";
    case Kind::StringList: return "a list of strings, like [\"a\", \"b\"]";
    }
    return "?";
}

const char* tomlTypeName(toml::node_type t) {
    switch (t) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date or time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

std::string formatNumber(double v) {
    return v == std::floor(v) ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{}", v);
}

class Loader {
public:
    Loader(const std::vector<Entry>& entries, const std::filesystem::path& file, void* target)
        : entries_(entries), file_(file), target_(target) {}

    void walk(const toml::table& table, const std::string& prefix) {
        for (auto&& [k, node] : table) {
            const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
            const int line = static_cast<int>(k.source().begin.line);
            if (const Entry* entry = find(key)) {
                apply(*entry, node, line);
            } else if (node.is_table() && isSection(key)) {
                walk(*node.as_table(), key);
            } else {
                unknown(key, line);
            }
        }
    }

    std::vector<ConfigProblem> problems;
    std::vector<ConfigProblem> notes;

private:
    const Entry* find(const std::string& key) const {
        for (const auto& e : entries_) {
            if (e.key == key) return &e;
        }
        return nullptr;
    }

    bool isSection(const std::string& key) const {
        return std::any_of(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.key.rfind(key + ".", 0) == 0; });
    }

    void report(int line, std::string message) { problems.push_back({file_, line, std::move(message)}); }

    void unknown(const std::string& key, int line) {
        std::vector<std::string> keys;
        for (const auto& e : entries_)
            if (!e.retired) keys.push_back(e.key); // never suggest what is no longer read
        const auto best = closestMatch(key, keys);
        report(line, best ? fmt::format("unknown key '{}' (did you mean '{}'?)", key, *best)
                          : fmt::format("unknown key '{}'", key));
    }

    void wrongType(const Entry& e, const toml::node& node, int line) {
        report(line, fmt::format("'{}' must be {}, not {}", e.key, kindName(e.kind), tomlTypeName(node.type())));
    }

    bool inRange(const Entry& e, double v, int line) {
        if ((e.min && v < *e.min) || (e.max && v > *e.max)) {
            report(line, fmt::format("'{}' = {} is out of range: it must be between {} and {}", e.key, formatNumber(v),
                                     formatNumber(e.min.value_or(v)), formatNumber(e.max.value_or(v))));
            return false;
        }
        return true;
    }

    bool allowed(const Entry& e, const std::string& v, int line) {
        if (e.choices.empty() || std::find(e.choices.begin(), e.choices.end(), v) != e.choices.end()) return true;
        std::string list;
        for (const auto& c : e.choices)
            list += (list.empty() ? "" : ", ") + c;
        report(line, fmt::format("'{}' has the value \"{}\", which is not one of: {}", e.key, v, list));
        return false;
    }

    // A retired key of the right kind is no problem: the file still works, and the note says what
    // to write instead.
    void retire(const Entry& e, const toml::node& node, int line) {
        std::optional<Value> v;
        switch (e.kind) {
        case Kind::Boolean:
            if (node.is_boolean()) v = *node.value<bool>();
            break;
        case Kind::Integer:
            if (node.is_integer()) v = *node.value<std::int64_t>();
            break;
        case Kind::Number:
            if (node.is_number()) v = *node.value<double>();
            break;
        case Kind::String:
        case Kind::Path:
            if (node.is_string()) v = *node.value<std::string>();
            break;
        case Kind::StringList:
            if (const toml::array* array = node.as_array(); array && array->is_homogeneous(toml::node_type::string)) {
                std::vector<std::string> items;
                for (const auto& item : *array)
                    items.push_back(*item.value<std::string>());
                v = std::move(items);
            }
            break;
        }
        if (!v) return wrongType(e, node, line);
        notes.push_back({file_, line, e.retired(*v)});
    }

    void apply(const Entry& e, const toml::node& node, int line) {
        if (e.retired) return retire(e, node, line);
        switch (e.kind) {
        case Kind::Boolean:
            if (!node.is_boolean()) return wrongType(e, node, line);
            return e.assign(target_, *node.value<bool>());
        case Kind::Integer:
            if (!node.is_integer()) return wrongType(e, node, line);
            if (inRange(e, static_cast<double>(*node.value<std::int64_t>()), line))
                e.assign(target_, *node.value<std::int64_t>());
            return;
        case Kind::Number:
            if (!node.is_number()) return wrongType(e, node, line);
            if (inRange(e, *node.value<double>(), line)) e.assign(target_, *node.value<double>());
            return;
        case Kind::String:
            if (!node.is_string()) return wrongType(e, node, line);
            if (!allowed(e, *node.value<std::string>(), line)) return;
            if (e.check) {
                if (const std::string problem = e.check(*node.value<std::string>()); !problem.empty()) {
                    return report(line, fmt::format("'{}' = \"{}\": {}", e.key, *node.value<std::string>(), problem));
                }
            }
            e.assign(target_, *node.value<std::string>());
            return;
        case Kind::Path: {
            if (!node.is_string()) return wrongType(e, node, line);
            std::filesystem::path p = *node.value<std::string>();
            if (!p.empty() && p.is_relative()) p = file_.parent_path() / p;
            return e.assign(target_, p.lexically_normal().string());
        }
        case Kind::StringList: {
            const toml::array* array = node.as_array();
            if (!array) return wrongType(e, node, line);
            std::vector<std::string> values;
            bool ok = true;
            for (const auto& item : *array) {
                const int itemLine = static_cast<int>(item.source().begin.line);
                if (!item.is_string()) {
                    report(itemLine,
                           fmt::format("'{}' must hold only strings, not {}", e.key, tomlTypeName(item.type())));
                    ok = false;
                } else if (allowed(e, *item.value<std::string>(), itemLine)) {
                    values.push_back(*item.value<std::string>());
                } else {
                    ok = false;
                }
            }
            if (ok && e.min && static_cast<double>(values.size()) < *e.min) {
                report(line, fmt::format("'{}' must list at least {}", e.key, formatNumber(*e.min)));
                ok = false;
            }
            if (ok) e.assign(target_, std::move(values));
            return;
        }
        }
    }

    const std::vector<Entry>& entries_;
    std::filesystem::path file_;
    void* target_;
};

} // namespace

void SchemaBase::applyText(void* target, std::string_view text, const std::filesystem::path& file,
                           std::vector<ConfigProblem>* notes) const {
    toml::table table;
    try {
        table = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        throw ConfigError({{file, static_cast<int>(e.source().begin.line), std::string(e.description())}});
    }
    Loader loader(entries(), file, target);
    loader.walk(table, "");
    // toml++ iterates keys in name order; an editor wants them in file order.
    std::stable_sort(loader.problems.begin(), loader.problems.end(),
                     [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
    if (!loader.problems.empty()) throw ConfigError(std::move(loader.problems));
    if (notes) {
        std::stable_sort(loader.notes.begin(), loader.notes.end(),
                         [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
        notes->insert(notes->end(), loader.notes.begin(), loader.notes.end());
    }
}

void SchemaBase::applyFile(void* target, const std::filesystem::path& file, std::vector<ConfigProblem>* notes) const {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ConfigError({{file, 0, fmt::format("cannot read the configuration file: {}", std::strerror(errno))}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    applyText(target, text.str(), file, notes);
}

} // namespace dps::config
