#pragma once
// JSON from outside (a request body, an answer, a status file) parsed with a depth limit: nested
// arrays and objects cost memory for every level, so 11.5 KB of gzip holding 1.4 million nested
// objects once took 230 MB before any schema check could refuse it (issue 17). The limit stops the
// parser at the first level too deep, whatever the size of the rest.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dps::protocol {

// The inventory's limit, for every message: the deepest one (GLPI's document) needs fewer levels.
inline constexpr std::size_t kMaxJsonDepth = 32;

// Thrown by parseBoundedJson when arrays and objects nest deeper than the limit.
struct JsonTooDeep : std::runtime_error {
    explicit JsonTooDeep(std::size_t maxDepth)
        : std::runtime_error("JSON nested deeper than " + std::to_string(maxDepth) + " levels"), limit(maxDepth) {}
    std::size_t limit;
};

// nlohmann::json::parse(text) (json::exception on text that is not JSON), but JsonTooDeep as soon as
// arrays and objects nest deeper than maxDepth levels (the outermost value is level 1).
// A NUL byte anywhere is a parse error too (refuseNulBytes).
[[nodiscard]] nlohmann::json parseBoundedJson(std::string_view text, std::size_t maxDepth = kMaxJsonDepth);

// nlohmann's lexer takes a NUL byte for the end of the input, even in an iterator range, so
// "{}\0anything" would be read as {} with the rest never seen. JSON text has no raw NUL (RFC 8259:
// control characters are escaped in strings and are not whitespace): json::parse_error at the first.
void refuseNulBytes(std::string_view text);

} // namespace dps::protocol
