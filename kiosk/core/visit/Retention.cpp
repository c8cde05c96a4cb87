#include "kiosk/core/visit/Retention.h"

#include <algorithm>
#include <cctype>

namespace dps::kiosk {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

std::string_view code(RetentionRule r) {
    switch (r) {
    case RetentionRule::AfterReport: return "after-report";
    case RetentionRule::ByAge: return "by-age";
    }
    return "";
}

std::optional<RetentionRule> retentionRuleFromCode(std::string_view text) {
    for (const RetentionRule r : {RetentionRule::AfterReport, RetentionRule::ByAge})
        if (code(r) == text) return r;
    return std::nullopt;
}

std::optional<year_month_day> deletableThrough(const RetentionPolicy& policy, year_month_day today,
                                               const std::optional<AgentReport>& report) {
    if (!today.ok() || policy.days < 1) return std::nullopt;
    const year_month_day byAge{sys_days(today) - days(policy.days)};
    if (policy.rule == RetentionRule::ByAge) return byAge;
    if (!report || !report->receivedThrough || !report->receivedThrough->ok()) return std::nullopt;
    return std::min(byAge, *report->receivedThrough);
}

std::optional<year_month_day> parseIsoDate(std::string_view s) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    const year_month_day date{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
    if (!date.ok()) return std::nullopt;
    return date;
}

} // namespace dps::kiosk
