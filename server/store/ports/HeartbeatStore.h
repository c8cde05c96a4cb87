#pragma once
// Where the latest heartbeat of each terminal is kept. The services see the storage through small
// interfaces like this one, one per concern (heartbeats, terminals, usage, staff, inventories), so
// that a service depends on what it needs only and a second database (PostgreSQL, issue 24) can
// be added one concern at a time; the SQLite implementations are in server/store, chosen by
// server/cli.
#include "dps/protocol/HeartbeatJson.h"

#include <string_view>

namespace dps::server {

class HeartbeatStore {
public:
    virtual ~HeartbeatStore() = default;
    // Keeps heartbeat as the terminal's latest, received at receivedAt (ISO 8601 UTC), in place of
    // the one before.
    virtual void saveLatest(std::string_view terminalId, std::string_view receivedAt,
                            const protocol::Heartbeat& heartbeat) = 0;
};

} // namespace dps::server
