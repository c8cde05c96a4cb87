#pragma once
// The months of a CSV export (?from=YYYY-MM&to=YYYY-MM): checked before anything is read, so that
// a range cannot make the server build years of rows nobody asked for (issue 17: 0000-01..9999-12
// built 237 MB and held server.db for 14 s) nor write months that do not exist ("0000--6"). Each
// is a month from 2000-01 to 2999-12; from is not after to; at most kMaxExportMonths in all.
// Without to, this month; without from, the twelve months up to to.
#include <string>
#include <string_view>
#include <variant>

namespace dps::server {

inline constexpr int kMaxExportMonths = 120; // ten years: every year a DPS may ask a report of

struct ExportMonths {
    std::string from, to; // YYYY-MM
};

// What is wrong with a query's months, for the dashboard to say in the staff member's language.
struct ExportRangeProblem {
    enum class Kind {
        NotAMonth,   // field is not a month from 2000-01 to 2999-12 written YYYY-MM
        FromAfterTo, // from and to are both months, from after to
        TooLong,     // more than kMaxExportMonths from `from` to `to`: months
    };
    Kind kind = Kind::NotAMonth;
    std::string field; // NotAMonth: "from" or "to", the query's own word
    std::string from, to;
    int months = 0;
};

// The range, or what is wrong with the query ("" = not given).
[[nodiscard]] std::variant<ExportMonths, ExportRangeProblem> exportMonths(std::string_view from, std::string_view to,
                                                                          std::string_view thisMonth);

} // namespace dps::server
