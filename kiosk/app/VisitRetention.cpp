#include "kiosk/app/VisitRetention.h"

#include "dps/core/Clock.h"
#include "dps/log/Log.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/storage/StorageError.h"

#include <string>

namespace dps::kiosk {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::optional<AgentReport> readAgentReport(const std::filesystem::path& statusFile) {
    const auto status = protocol::readAgentStatus(statusFile);
    if (!status) return std::nullopt;
    AgentReport report;
    if (!status->acknowledgedThrough.empty()) {
        report.receivedThrough = parseIsoDate(status->acknowledgedThrough);
        if (!report.receivedThrough)
            log::warning("{}: acknowledged_through \"{}\" is not a date: no visit is deleted on its account",
                         statusFile.string(), status->acknowledgedThrough);
    }
    return report;
}

namespace {

std::string receivedThroughText(const std::optional<AgentReport>& report) {
    return report && report->receivedThrough ? isoDate(*report->receivedThrough) : std::string();
}

} // namespace

void applyRetention(SqliteVisitLog& visits, const KioskSettings& settings, year_month_day today) {
    const RetentionPolicy policy = settings.retentionPolicy();
    try {
        if (policy.rule == RetentionRule::ByAge) {
            const auto through = deletableThrough(policy, today, std::nullopt);
            const int n = through ? visits.purgeThrough(isoDate(*through)) : 0;
            log::info("retention (by-age): {} visit(s) {} days old or more deleted, whether the regional server "
                      "had them or not",
                      n, policy.days);
            return;
        }
        const auto report = readAgentReport(settings.agentStatus);
        const auto through = deletableThrough(policy, today, report);
        const int n = through ? visits.purgeThrough(isoDate(*through)) : 0;
        if (!report)
            log::info("retention (after-report): nothing deleted: no report from dps-agent ({}), so every visit is "
                      "kept until the regional server has it",
                      settings.agentStatus.string());
        else if (!report->receivedThrough)
            log::info("retention (after-report): nothing deleted: the regional server has no complete day yet");
        else
            log::info("retention (after-report): {} visit(s) deleted: the regional server has every day through {}, "
                      "and visits stay {} days at least",
                      n, isoDate(*report->receivedThrough), policy.days);
        // Visits past their age that wait for the server: the agent is missing, offline or stuck.
        const auto oldest = visits.oldestDateAfter(receivedThroughText(report));
        const std::string aged = isoDate(year_month_day{sys_days(today) - days(policy.days)});
        if (oldest && *oldest <= aged)
            log::warning("retention: visits of {} to {} are {} days old or more and kept: the regional server does "
                         "not have them yet (dps-agent status says why; storage.retention = \"by-age\" would delete "
                         "them unsent)",
                         *oldest, aged, policy.days);
    } catch (const storage::StorageError& e) {
        log::error("retention: old visits could not be deleted: {}", e.what());
    }
}

void addRetentionFacts(TerminalFacts& facts, const KioskSettings& settings, SqliteVisitLog* visits) {
    facts.retention = settings.retentionPolicy();
    const auto report = readAgentReport(settings.agentStatus);
    facts.agentReport = report.has_value();
    if (facts.retention.rule != RetentionRule::AfterReport || !visits) return;
    try {
        if (const auto oldest = visits->oldestDateAfter(receivedThroughText(report)))
            facts.oldestNotReceived = parseIsoDate(*oldest);
    } catch (const storage::StorageError& e) {
        log::warning("terminal status: the visit log could not be read: {}", e.what());
    }
}

} // namespace dps::kiosk
