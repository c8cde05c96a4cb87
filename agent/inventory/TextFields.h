#pragma once
// Small text helpers shared by the sysfs/procfs collectors: sysfs pads some values with spaces
// (SCSI vendors, NVMe models, ThinkPad battery serials) and procfs writes "key : value" lines.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dps::agent::inventory::text {

inline std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// "model name\t: Intel(R) …" → {"model name", "Intel(R) …"}; nullopt without a separator.
inline std::optional<std::pair<std::string, std::string>> keyValue(std::string_view line, char separator) {
    const auto at = line.find(separator);
    if (at == std::string_view::npos) return std::nullopt;
    return std::pair{trim(line.substr(0, at)), trim(line.substr(at + 1))};
}

} // namespace dps::agent::inventory::text
