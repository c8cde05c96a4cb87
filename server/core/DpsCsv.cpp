#include "server/core/DpsCsv.h"

#include <array>

namespace dps::server {
namespace {

// Splits one record into fields; a quoted field may hold commas, doubled quotes and newlines,
// so the reader advances `pos` itself and counts the lines it crossed.
bool readRecord(std::string_view text, std::size_t& pos, int& line, std::vector<std::string>& fields,
                std::string& error) {
    fields.assign(1, {});
    bool quoted = false;
    while (pos < text.size()) {
        const char c = text[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < text.size() && text[pos] == '"') {
                    fields.back() += '"';
                    ++pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                fields.back() += c;
            }
        } else if (c == '"' && fields.back().empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\r' && pos < text.size() && text[pos] == '\n') {
            continue;
        } else if (c == '\n') {
            return true;
        } else {
            fields.back() += c;
        }
    }
    if (quoted) {
        error = "a quoted field is not closed";
        return false;
    }
    return true;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::variant<std::vector<DpsRow>, CsvError> parseDpsCsv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // a spreadsheet's UTF-8 mark
    constexpr std::array<std::string_view, 4> kHeader = {"name", "street", "postcode", "municipality"};
    std::vector<DpsRow> rows;
    std::vector<std::string> fields;
    std::size_t pos = 0;
    int line = 1;
    bool header = true;
    while (pos < text.size()) {
        const int at = line;
        std::string error;
        if (!readRecord(text, pos, line, fields, error)) return CsvError{at, error};
        ++line;
        if (fields.size() == 1 && trimmed(fields[0]).empty()) continue; // blank line
        if (fields.size() != 4)
            return CsvError{at, "expected 4 fields (name,street,postcode,municipality), found " +
                                    std::to_string(fields.size())};
        for (auto& f : fields)
            f = trimmed(f);
        if (header) {
            header = false;
            for (std::size_t i = 0; i < kHeader.size(); ++i)
                if (fields[i] != kHeader[i])
                    return CsvError{at, "the first line must be the header name,street,postcode,municipality"};
            continue;
        }
        if (fields[0].empty()) return CsvError{at, "the name is empty"};
        rows.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    if (header) return CsvError{1, "the file is empty (expected the header name,street,postcode,municipality)"};
    return rows;
}

} // namespace dps::server
