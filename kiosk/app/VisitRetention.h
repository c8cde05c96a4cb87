#pragma once
// The visit log's retention at start, and what the facilitator's Terminal status says of it
// (docs/visit-log.md, "Retention"). The rule is core/visit/Retention.h; reading dps-agent's
// status file and deleting are here.
#include "kiosk/adapters/store/SqliteVisitLog.h"
#include "kiosk/app/KioskSettings.h"
#include "kiosk/core/TerminalFacts.h"
#include "kiosk/core/visit/Retention.h"

#include <chrono>
#include <filesystem>
#include <optional>

namespace dps::kiosk {

// What dps-agent's status file says for retention; nullopt when there is no such file or it does
// not read. A date that is not one is logged and counts as nothing acknowledged.
std::optional<AgentReport> readAgentReport(const std::filesystem::path& statusFile);

// Deletes what the configured rule allows today, and logs how many, by which rule, and what
// waits for the regional server past its age. A storage failure is logged; the kiosk starts.
void applyRetention(SqliteVisitLog& visits, const KioskSettings& settings, std::chrono::year_month_day today);

// The Terminal status's facts: the rule, whether the agent reported, and (after-report) the
// oldest visit the Region has not received. visits may be null (no visit log to read).
void addRetentionFacts(TerminalFacts& facts, const KioskSettings& settings, SqliteVisitLog* visits);

} // namespace dps::kiosk
