#pragma once
// HeartbeatStore on server.db's heartbeats table (one row per terminal).
#include "server/store/ServerDb.h"
#include "server/store/ports/HeartbeatStore.h"

namespace dps::server {

class SqliteHeartbeatStore : public HeartbeatStore {
public:
    explicit SqliteHeartbeatStore(ServerDb& db) : db_(db) {}
    void saveLatest(std::string_view terminalId, std::string_view receivedAt,
                    const protocol::Heartbeat& heartbeat) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
