#include "agent/cli/AgentSettings.h"

namespace dps::agent {
namespace {

config::Schema<AgentSettings> makeSchema() {
    using S = AgentSettings;
    config::Schema<S> s("dps-agent");
    s.path("storage.database", &S::database, "/var/lib/dps-agent/agent.db",
           "The agent's own database: outbox, dead letters, the terminal's credential (kept with mode 0600).");
    s.path("storage.kiosk_database", &S::kioskDatabase, "/var/lib/dps-kiosk/kiosk.db",
           "The kiosk's visit log, read only (the kiosk's storage.database).");
    s.path("storage.status_file", &S::statusFile, "/var/lib/dps-agent/status.json",
           "Written after every sync for the kiosk (its storage.agent_status): the last day the server has every "
           "day up to, and the last successful sync. Readable by all; no secret, no count.");
    s.path("server.ca_file", &S::caFile, "",
           "CA certificates (PEM) the server's certificate must chain to; empty: the system's (ca-certificates).");
    s.boolean("server.insecure", &S::insecure, false,
              "Allow plain HTTP to a server on another machine (a closed test network only; logged as a warning). "
              "Plain HTTP to this machine (127.0.0.1, localhost) is always allowed.");
    s.integer("server.connect_timeout_seconds", &S::connectTimeoutSeconds, 10, 1, 300,
              "Seconds to wait for a connection to the server.");
    s.integer("server.timeout_seconds", &S::timeoutSeconds, 60, 1, 3600,
              "Seconds a whole request may take, answer included, before it is abandoned and retried.");
    s.integer("sync.interval_seconds", &S::syncIntervalSeconds, 300, 1, 86400,
              "Seconds between two usage syncs (spread by sync.jitter).");
    s.number("sync.jitter", &S::jitter, 0.2, 0.0, 0.9,
             "Spread of every interval: 0.2 waits between 80% and 120% of it, so terminals do not call together.");
    s.integer("sync.start_delay_seconds", &S::startDelaySeconds, 60, 0, 3600,
              "The first sync after start waits a random time up to this (terminals switched on at opening time).");
    s.number(
        "sync.backoff_base_seconds", &S::backoffBaseSeconds, 5.0, 0.01, 3600.0,
        "After a failed send, the next try waits a random time up to base x 2^(failures-1) seconds (full jitter).");
    s.number("sync.backoff_cap_seconds", &S::backoffCapSeconds, 900.0, 0.1, 86400.0,
             "The longest wait between two tries; a Retry-After from the server is honoured even when longer.");
    s.integer("sync.batch_records", &S::batchRecords, 200, 1, 400, "Day records per request at most.");
    s.integer("sync.outbox_limit", &S::outboxLimit, 2000, 10, 1000000,
              "Queued records at most; past it no new day is queued (the oldest stay, the rest wait in kiosk.db).");
    s.integer("sync.lookback_days", &S::lookbackDays, 14, 1, 90,
              "Days this recent are recomputed at every sync, even once acknowledged (an equipment repair noted "
              "late).");
    s.integer("heartbeat.interval_seconds", &S::heartbeatIntervalSeconds, 900, 1, 86400,
              "Seconds between two heartbeats (version, uptime, free disk, queue, last error).");
    s.integer("inventory.interval_seconds", &S::inventoryIntervalSeconds, 21600, 1, 604800,
              "Seconds between two looks at the equipment; the inventory is sent when it changed.");
    s.integer("inventory.resend_days", &S::inventoryResendDays, 7, 1, 90,
              "Days after which the inventory is sent again even if nothing changed (the server knows the "
              "terminal is still there).");
    s.string("glpi.url", &S::glpiUrl, "",
             "Forward the GLPI part of each new inventory to this GLPI server too (its native inventory "
             "endpoint, e.g. https://glpi.example.brussels/front/inventory.php); empty: no forwarding.");
    s.string("glpi.user", &S::glpiUser, "", "HTTP user for the GLPI server, when it asks for one.");
    s.string("glpi.password", &S::glpiPassword, "",
             "HTTP password for the GLPI server (keep agent.toml readable by root and the agent only then).");
    s.string("log.level", &S::logLevel, "info", "How much the agent logs.", {"error", "warning", "info", "debug"});
    return s;
}

} // namespace

const config::Schema<AgentSettings>& agentSchema() {
    static const config::Schema<AgentSettings> schema = makeSchema();
    return schema;
}

} // namespace dps::agent
