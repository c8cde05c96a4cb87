#pragma once
// When an old visit may leave the visit log (docs/visit-log.md, "Retention"): the rule the
// configuration chose, today's date, and what dps-agent last said the regional server has. No
// I/O here: the app reads the agent's file and deletes.
#include <chrono>
#include <optional>
#include <string_view>

namespace dps::kiosk {

enum class RetentionRule {
    // A visit is deleted only once the regional server has its day and it is at least the
    // minimum age; with no report from dps-agent nothing is deleted, however old.
    AfterReport,
    // A visit is deleted at the age, whether the server has it or not: a kiosk without
    // dps-agent, only when the configuration says so.
    ByAge,
};
std::string_view code(RetentionRule r); // "after-report", "by-age" (storage.retention)
std::optional<RetentionRule> retentionRuleFromCode(std::string_view code);

struct RetentionPolicy {
    RetentionRule rule = RetentionRule::AfterReport;
    int days = 90; // the minimum age (after-report), the age (by-age)
};

// What dps-agent's status file says, as far as retention goes.
struct AgentReport {
    // The server has every day up to this local date; nullopt: nothing acknowledged yet.
    std::optional<std::chrono::year_month_day> receivedThrough;
};

// The last local date whose visits may be deleted today (that one included), or nullopt for
// none. report: nullopt when there is no report from the agent (none installed, not enrolled,
// removed, or a file that does not read).
std::optional<std::chrono::year_month_day> deletableThrough(const RetentionPolicy& policy,
                                                            std::chrono::year_month_day today,
                                                            const std::optional<AgentReport>& report);

// "2026-11-23" as a date; nullopt for anything else, so a damaged file never names a day.
std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text);

} // namespace dps::kiosk
