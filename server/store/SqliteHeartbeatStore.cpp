#include "server/store/SqliteHeartbeatStore.h"

namespace dps::server {

void SqliteHeartbeatStore::saveLatest(std::string_view terminalId, std::string_view receivedAt,
                                      const protocol::Heartbeat& heartbeat) {
    // A heartbeat without a kiosk state clears the one before: an older agent's news is not today's.
    const auto& k = heartbeat.kiosk;
    db_.with([&](storage::Database& d) {
        auto st = d.prepare(R"sql(
INSERT INTO heartbeats (terminal_id, received_at, agent_version, uptime_seconds, free_disk_bytes, outbox,
                        dead_letters, last_error, kiosk_state, kiosk_minutes_left, kiosk_help_asked_minutes,
                        kiosk_free_use_stopped)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, agent_version = excluded.agent_version,
  uptime_seconds = excluded.uptime_seconds, free_disk_bytes = excluded.free_disk_bytes, outbox = excluded.outbox,
  dead_letters = excluded.dead_letters, last_error = excluded.last_error, kiosk_state = excluded.kiosk_state,
  kiosk_minutes_left = excluded.kiosk_minutes_left, kiosk_help_asked_minutes = excluded.kiosk_help_asked_minutes,
  kiosk_free_use_stopped = excluded.kiosk_free_use_stopped)sql");
        st.bind(1, terminalId)
            .bind(2, receivedAt)
            .bind(3, std::string_view(heartbeat.agentVersion))
            .bind(4, heartbeat.uptimeSeconds)
            .bind(5, heartbeat.freeDiskBytes)
            .bind(6, heartbeat.outbox)
            .bind(7, heartbeat.deadLetters)
            .bind(8, std::string_view(heartbeat.lastError));
        const auto number = [&](int index, const std::optional<std::int64_t>& v) {
            if (v)
                st.bind(index, *v);
            else
                st.bindNull(index);
        };
        if (k) {
            st.bind(9, std::string_view(k->state));
            st.bind(12, std::int64_t{k->freeUseStopped ? 1 : 0});
        } else {
            st.bindNull(9).bindNull(12);
        }
        number(10, k ? k->minutesLeft : std::nullopt);
        number(11, k ? k->helpAskedMinutes : std::nullopt);
        st.run();
    });
}

} // namespace dps::server
