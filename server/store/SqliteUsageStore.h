#pragma once
// UsageStore on server.db's usage_days, usage_months and idempotent_answers tables; the months a
// committed batch changed are noted in ServerDb's usage stamps, which the dashboard reads.
#include "server/store/ServerDb.h"
#include "server/store/ports/UsageStore.h"

namespace dps::server {

class SqliteUsageStore : public UsageStore {
public:
    explicit SqliteUsageStore(ServerDb& db) : db_(db) {}
    std::optional<StoredAnswer> keptAnswer(const Terminal& terminal, std::string_view route,
                                           const std::string& key) override;
    void inTransaction(const std::function<bool(UsageBatchWriter&)>& write) override;
    void forgetAnswersOlderThan(std::chrono::days age) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
