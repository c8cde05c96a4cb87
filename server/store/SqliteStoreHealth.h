#pragma once
// StoreHealth on server.db: a trivial query on the shared connection, so a ping also waits for
// its lock as a request would.
#include "server/store/ServerDb.h"
#include "server/store/ports/StoreHealth.h"

namespace dps::server {

class SqliteStoreHealth : public StoreHealth {
public:
    explicit SqliteStoreHealth(ServerDb& db) : db_(db) {}
    void ping() override;

private:
    ServerDb& db_;
};

} // namespace dps::server
