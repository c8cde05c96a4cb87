#include "server/core/CsvField.h"

namespace dps::server {
namespace {

bool startsLikeAFormula(std::string_view value) {
    return !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
}

} // namespace

void appendCsvField(std::string& out, std::string_view value) {
    const bool formula = startsLikeAFormula(value);
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (formula) out += '\'';
        out += value;
        return;
    }
    out += '"';
    if (formula) out += '\'';
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

} // namespace dps::server
