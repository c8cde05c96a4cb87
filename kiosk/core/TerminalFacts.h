#pragma once
#include "kiosk/core/Speech.h"
#include "kiosk/core/eid/Outcome.h"
#include "kiosk/core/visit/Retention.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// What the terminal status panel shows a facilitator, gathered by the app when the panel opens.
struct TerminalFacts {
    std::string kioskVersion;
    std::string contentVersion; // a short fingerprint of the tutorials' ids and versions
    int tutorialsLoaded = 0;
    std::vector<std::string> tutorialsSkipped; // each with its reason
    std::string cardReader;                    // its name as pcscd gives it, when there is one
    std::optional<eid::Outcome> cardVerdict;   // what the e-ID check says of it now (card_missing…)
    std::optional<std::uint64_t> freeDiskBytes;
    std::uint64_t databaseBytes = 0;       // kiosk.db with its WAL
    bool visitLogFailing = false;          // the last write to it failed (a full disk): visits go unrecorded
    std::optional<SpeechStatus> readAloud; // nullopt: this program has no speech service
    std::string lastAgentSync;             // ISO UTC time from the agent's status file, or "never"
    // Which rule deletes old visits, and how far the Region is: the panel says it in words.
    RetentionPolicy retention;
    bool agentReport = false; // dps-agent's status file was read
    // The oldest visit the Region has not received (after-report): its local date.
    std::optional<std::chrono::year_month_day> oldestNotReceived;
};

} // namespace dps::kiosk
