#pragma once
// POST /api/v1/heartbeat: how a terminal is (agent version, uptime, disk, queue, last error);
// the latest one per terminal is kept, with when it arrived, for terminal health.
#include "dps/core/Clock.h"
#include "server/services/ApiError.h"
#include "server/services/TerminalAuth.h"
#include "server/store/ports/HeartbeatStore.h"

#include <optional>
#include <string_view>

namespace dps::server {

class HeartbeatService {
public:
    HeartbeatService(HeartbeatStore& store, const Clock& clock) : store_(store), clock_(clock) {}
    // Nothing when stored; 400/422 for a bad body.
    [[nodiscard]] std::optional<ApiError> record(const Terminal& terminal, std::string_view body);

private:
    HeartbeatStore& store_;
    const Clock& clock_;
};

} // namespace dps::server
