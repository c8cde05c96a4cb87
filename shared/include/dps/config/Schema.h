#pragma once
#include "dps/config/ConfigError.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dps::config {

using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

enum class Kind { Boolean, Integer, Number, String, Path, StringList };

// One configuration key: its type, default, allowed values and the sentence that documents it.
// Declared as a table (as fluent-bit does) so unknown keys, wrong types and out-of-range values
// are found by one loader, and the documented defaults come from the same table.
struct Entry {
    std::string key; // dotted: "visit.idle_timeout_seconds"
    Kind kind = Kind::String;
    Value fallback;
    std::string doc;
    std::optional<double> min, max;   // Integer and Number
    std::vector<std::string> choices; // String and StringList: allowed values, empty = any
    std::function<void(void*, const Value&)> assign;
    // String: what is wrong with a value of the right type ("" when nothing is), for formats the
    // program reads itself (opening hours).
    std::function<std::string(const std::string&)> check = {};
    // A key older versions shipped, still accepted so that an upgraded terminal whose
    // administrator edited the file keeps starting: it sets nothing, is left out of the defaults,
    // and a file that has it gets this note (from its value), what to write instead.
    std::function<std::string(const Value&)> retired = {};
};

class SchemaBase {
public:
    explicit SchemaBase(std::string program) : program_(std::move(program)) {}
    [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
    [[nodiscard]] const std::string& program() const { return program_; }
    // The whole configuration with every key at its default, each with its documentation.
    [[nodiscard]] std::string defaultsAsToml() const;

protected:
    void add(Entry entry);
    void applyDefaults(void* target) const;
    // notes: where a file does something it should no longer do (a retired key), file:line; may be null.
    void applyFile(void* target, const std::filesystem::path& file, std::vector<ConfigProblem>* notes) const;
    void applyText(void* target, std::string_view text, const std::filesystem::path& file,
                   std::vector<ConfigProblem>* notes) const;

private:
    std::string program_;
    std::vector<Entry> entries_;
};

// A typed schema: each key is bound to a member of the program's settings struct T.
template <class T> class Schema : public SchemaBase {
public:
    using SchemaBase::SchemaBase;

    Schema& boolean(std::string key, bool T::*field, bool fallback, std::string doc) {
        add({std::move(key), Kind::Boolean, fallback, std::move(doc), {}, {}, {}, setter<bool>(field)});
        return *this;
    }
    Schema& integer(std::string key, std::int64_t T::*field, std::int64_t fallback, std::int64_t min, std::int64_t max,
                    std::string doc) {
        add({std::move(key),
             Kind::Integer,
             fallback,
             std::move(doc),
             static_cast<double>(min),
             static_cast<double>(max),
             {},
             setter<std::int64_t>(field)});
        return *this;
    }
    Schema& number(std::string key, double T::*field, double fallback, double min, double max, std::string doc) {
        add({std::move(key), Kind::Number, fallback, std::move(doc), min, max, {}, setter<double>(field)});
        return *this;
    }
    Schema& string(std::string key, std::string T::*field, std::string fallback, std::string doc,
                   std::vector<std::string> choices = {}) {
        add({std::move(key),
             Kind::String,
             std::move(fallback),
             std::move(doc),
             {},
             {},
             std::move(choices),
             setter<std::string>(field)});
        return *this;
    }
    // A string in a format the program reads itself: check says what is wrong with a value.
    Schema& checkedString(std::string key, std::string T::*field, std::string fallback, std::string doc,
                          std::function<std::string(const std::string&)> check) {
        add({std::move(key),
             Kind::String,
             std::move(fallback),
             std::move(doc),
             {},
             {},
             {},
             setter<std::string>(field),
             std::move(check)});
        return *this;
    }
    // A relative path in a file is taken relative to that file's folder.
    Schema& path(std::string key, std::filesystem::path T::*field, std::string fallback, std::string doc) {
        add({std::move(key),
             Kind::Path,
             std::move(fallback),
             std::move(doc),
             {},
             {},
             {},
             [field](void* t, const Value& v) { static_cast<T*>(t)->*field = std::get<std::string>(v); }});
        return *this;
    }
    // minItems is kept in Entry::min.
    Schema& stringList(std::string key, std::vector<std::string> T::*field, std::vector<std::string> fallback,
                       std::string doc, std::vector<std::string> choices = {}, std::size_t minItems = 0) {
        add({std::move(key),
             Kind::StringList,
             std::move(fallback),
             std::move(doc),
             minItems ? std::optional<double>(static_cast<double>(minItems)) : std::nullopt,
             {},
             std::move(choices),
             setter<std::vector<std::string>>(field)});
        return *this;
    }

    // A key a former version had (see Entry::retired): accepted when of this kind, sets nothing;
    // note says, from the file's value, what it means now and what to write instead.
    Schema& retired(std::string key, Kind kind, std::function<std::string(const Value&)> note) {
        Entry e{std::move(key), kind, {}, {}, {}, {}, {}, {}};
        e.retired = std::move(note);
        add(std::move(e));
        return *this;
    }

    [[nodiscard]] T defaults() const {
        T t{};
        applyDefaults(&t);
        return t;
    }
    // Throws ConfigError listing every problem as file:line: message. notes (when given) gets
    // what the program accepts but the administrator should change, file:line too.
    [[nodiscard]] T load(const std::filesystem::path& file, std::vector<ConfigProblem>* notes = nullptr) const {
        T t = defaults();
        applyFile(&t, file, notes);
        return t;
    }
    [[nodiscard]] T parse(std::string_view text, const std::filesystem::path& file,
                          std::vector<ConfigProblem>* notes = nullptr) const {
        T t = defaults();
        applyText(&t, text, file, notes);
        return t;
    }

private:
    template <class V, class M> static std::function<void(void*, const Value&)> setter(M T::*field) {
        return [field](void* t, const Value& v) { static_cast<T*>(t)->*field = std::get<V>(v); };
    }
};

} // namespace dps::config
