#pragma once
// The list of public digital spaces as staff import it: CSV with a header line
// "name,street,postcode,municipality" (RFC 4180 quoting), one DPS a line.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dps::server {

struct DpsRow {
    std::string name, street, postcode, municipality;
    bool operator==(const DpsRow&) const = default;
};

struct CsvError {
    int line = 0;
    std::string message;
};

[[nodiscard]] std::variant<std::vector<DpsRow>, CsvError> parseDpsCsv(std::string_view text);

} // namespace dps::server
