#include "server/services/HeartbeatService.h"

#include "dps/core/Timestamp.h"
#include "dps/protocol/HeartbeatJson.h"

namespace dps::server {

std::optional<ApiError> HeartbeatService::record(const Terminal& terminal, std::string_view body) {
    auto parsed = protocol::parseHeartbeat(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    store_.saveLatest(terminal.id, toIsoUtc(clock_.wall()), std::get<protocol::Heartbeat>(parsed));
    return std::nullopt;
}

} // namespace dps::server
