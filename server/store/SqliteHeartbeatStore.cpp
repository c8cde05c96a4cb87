#include "server/store/SqliteHeartbeatStore.h"

namespace dps::server {

void SqliteHeartbeatStore::saveLatest(std::string_view terminalId, std::string_view receivedAt,
                                      const protocol::Heartbeat& heartbeat) {
    db_.with([&](storage::Database& d) {
        d.prepare(R"sql(
INSERT INTO heartbeats (terminal_id, received_at, agent_version, uptime_seconds, free_disk_bytes, outbox,
                        dead_letters, last_error)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, agent_version = excluded.agent_version,
  uptime_seconds = excluded.uptime_seconds, free_disk_bytes = excluded.free_disk_bytes, outbox = excluded.outbox,
  dead_letters = excluded.dead_letters, last_error = excluded.last_error)sql")
            .bind(1, terminalId)
            .bind(2, receivedAt)
            .bind(3, std::string_view(heartbeat.agentVersion))
            .bind(4, heartbeat.uptimeSeconds)
            .bind(5, heartbeat.freeDiskBytes)
            .bind(6, heartbeat.outbox)
            .bind(7, heartbeat.deadLetters)
            .bind(8, std::string_view(heartbeat.lastError))
            .run();
    });
}

} // namespace dps::server
