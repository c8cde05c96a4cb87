#include "server/core/ExportRange.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace dps::server {
namespace {

constexpr int kFirstYear = 2000, kLastYear = 2999;

// Months since year 0, for YYYY-MM from kFirstYear to kLastYear; nullopt for anything else.
std::optional<int> monthIndex(std::string_view m) {
    if (m.size() != 7 || m[4] != '-') return std::nullopt;
    int year = 0, month = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4) continue;
        if (m[i] < '0' || m[i] > '9') return std::nullopt;
        (i < 4 ? year : month) = (i < 4 ? year : month) * 10 + (m[i] - '0');
    }
    if (year < kFirstYear || year > kLastYear || month < 1 || month > 12) return std::nullopt;
    return year * 12 + month - 1;
}

std::string monthText(int index) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
    return text;
}

ExportRangeProblem notAMonth(const char* which) { return {ExportRangeProblem::Kind::NotAMonth, which, "", "", 0}; }

} // namespace

std::variant<ExportMonths, ExportRangeProblem> exportMonths(std::string_view from, std::string_view to,
                                                            std::string_view thisMonth) {
    // Read as written, from first: with both wrong, the first one is named.
    const std::optional<int> given = from.empty() ? std::nullopt : monthIndex(from);
    if (!from.empty() && !given) return notAMonth("from");
    const std::optional<int> end = monthIndex(to.empty() ? thisMonth : to);
    if (!end) return notAMonth("to");
    const std::optional<int> start = given ? given : std::optional(std::max(*end - 11, kFirstYear * 12));
    if (*start > *end)
        return ExportRangeProblem{ExportRangeProblem::Kind::FromAfterTo, "", monthText(*start), monthText(*end), 0};
    const int months = *end - *start + 1;
    if (months > kMaxExportMonths)
        return ExportRangeProblem{ExportRangeProblem::Kind::TooLong, "", monthText(*start), monthText(*end), months};
    return ExportMonths{monthText(*start), monthText(*end)};
}

} // namespace dps::server
