#include "server/services/HeartbeatService.h"

#include "dps/core/Timestamp.h"
#include "dps/protocol/HeartbeatJson.h"

namespace dps::server {

std::optional<ApiError> HeartbeatService::record(const Terminal& terminal, std::string_view body) {
    auto parsed = protocol::parseHeartbeat(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    const auto& h = std::get<protocol::Heartbeat>(parsed);
    const std::string now = toIsoUtc(clock_.wall());
    db_.with([&](storage::Database& d) {
        d.prepare(R"sql(
INSERT INTO heartbeats (terminal_id, received_at, agent_version, uptime_seconds, free_disk_bytes, outbox,
                        dead_letters, last_error)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, agent_version = excluded.agent_version,
  uptime_seconds = excluded.uptime_seconds, free_disk_bytes = excluded.free_disk_bytes, outbox = excluded.outbox,
  dead_letters = excluded.dead_letters, last_error = excluded.last_error)sql")
            .bind(1, std::string_view(terminal.id))
            .bind(2, std::string_view(now))
            .bind(3, std::string_view(h.agentVersion))
            .bind(4, h.uptimeSeconds)
            .bind(5, h.freeDiskBytes)
            .bind(6, h.outbox)
            .bind(7, h.deadLetters)
            .bind(8, std::string_view(h.lastError))
            .run();
    });
    return std::nullopt;
}

} // namespace dps::server
