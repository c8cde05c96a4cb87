#pragma once
#include "eid/Outcome.h"

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
    std::uint64_t databaseBytes = 0; // kiosk.db with its WAL
    std::string lastAgentSync;       // ISO UTC time from the agent's status file, or "never"
};

} // namespace dps::kiosk
