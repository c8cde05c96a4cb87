#pragma once
// POST /api/v1/enroll: a terminal's agent trades the one-time code staff gave it for its bearer
// token. The token is returned once and only its hash is kept.
#include "dps/core/Clock.h"
#include "server/services/ApiError.h"
#include "server/store/ports/TerminalStore.h"

#include <string>
#include <string_view>

namespace dps::server {

struct Enrolled {
    std::string terminalId;
    std::string token;
};

class EnrollService {
public:
    EnrollService(TerminalStore& terminals, const Clock& clock) : terminals_(terminals), clock_(clock) {}
    // body: {"code": "...", "agent_version": "..."}. 400/422 for a bad body; 401 unknown_code for
    // every code that does not work (unknown, used, expired, or its terminal revoked).
    [[nodiscard]] Result<Enrolled> enroll(std::string_view body);

private:
    TerminalStore& terminals_;
    const Clock& clock_;
};

} // namespace dps::server
