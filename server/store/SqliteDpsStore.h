#pragma once
// DpsStore on server.db's dps table.
#include "server/store/ServerDb.h"
#include "server/store/ports/DpsStore.h"

namespace dps::server {

class SqliteDpsStore : public DpsStore {
public:
    explicit SqliteDpsStore(ServerDb& db) : db_(db) {}
    ImportCounts importByName(const std::vector<DpsRow>& rows) override;
    std::vector<DpsEntry> list() override;

private:
    ServerDb& db_;
};

} // namespace dps::server
