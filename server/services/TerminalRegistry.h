#pragma once
// The terminals staff manage from the command line (dps-server terminal add/revoke/list): a
// terminal is created for a DPS with a one-time enrollment code, becomes active when its agent
// trades the code for a token, and can be revoked for good.
#include "dps/core/Clock.h"
#include "server/store/ports/TerminalStore.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace dps::server {

struct NewTerminal {
    std::string id;
    std::int64_t dpsId = 0;
    std::string dpsName;
    std::string code; // shown once: server.db keeps only its hash
    WallTime expires;
};

// A request staff made that cannot be done (no such DPS, no such terminal): the message says why.
class AdminError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class TerminalRegistry {
public:
    TerminalRegistry(TerminalStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    // The code expires validFor after now (0 or less: already expired, for tests).
    NewTerminal add(std::int64_t dpsId, std::chrono::seconds validFor);
    void revoke(const std::string& terminalId);
    [[nodiscard]] std::vector<TerminalRow> list();

private:
    TerminalStore& store_;
    const Clock& clock_;
};

} // namespace dps::server
