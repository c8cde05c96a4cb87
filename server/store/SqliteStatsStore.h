#pragma once
// StatsStore on server.db: usage_months, dps, municipalities, terminals, heartbeats, inventories
// and inventory_changes, read under ServerDb's lock (one connection: nothing is written while a
// page reads).
#include "server/store/ServerDb.h"
#include "server/store/ports/StatsStore.h"

namespace dps::server {

class SqliteStatsStore : public StatsStore {
public:
    explicit SqliteStatsStore(ServerDb& db) : db_(db) {}
    void read(const std::function<void(StatsReader&)>& work) override;
    // On a read-only connection of their own (ServerDb::openReader) inside one read transaction.
    std::unique_ptr<DpsMonthlyExport> dpsMonthlyExport(const Scope& scope) override;
    std::unique_ptr<MunicipalityMonthlyExport> municipalityMonthlyExport(const Scope& scope) override;

private:
    ServerDb& db_;
};

// The reads on a connection the caller holds (ServerDb::with), for the bench fills and tests that
// already hold it.
class SqliteStatsReader : public StatsReader {
public:
    SqliteStatsReader(storage::Database& db, UsageMonthStamps& stamps) : db_(db), stamps_(stamps) {}

    std::int64_t dataVersion() override;
    std::string breakdownVersion(const std::string& from, const std::string& to) override;
    std::vector<DpsIdentity> dpsByName(const Scope& scope) override;
    std::vector<DpsIdentity> dpsByMunicipality() override;
    std::optional<DpsAddress> dpsAddress(std::int64_t dpsId) override;
    std::vector<MunicipalityEntry> municipalities(const Scope& scope) override;
    std::vector<MonthMetricSum> modeSumsPerMonth(const Scope& scope, const std::string& from,
                                                 const std::string& to) override;
    std::vector<DpsMetricSum> visitsAndMinutesPerDps(const Scope& scope, const std::string& from, const std::string& to,
                                                     const std::string& month) override;
    std::vector<DpsMetricSum> prefixSumsPerDps(const Scope& scope, const std::string& from, const std::string& to,
                                               const std::string& prefix) override;
    std::vector<MonthMetricSum> prefixSumsPerMonth(const Scope& scope, const std::string& from, const std::string& to,
                                                   const std::string& prefix) override;
    std::vector<DpsTerminalCount> activeTerminalsPerDps(const Scope& scope, const std::string& silentBefore) override;
    std::vector<TerminalHealth> terminals(const Scope& scope) override;
    void eachParkTerminal(const Scope& scope, const std::function<void(ParkTerminal&)>& row) override;
    std::vector<EquipmentChange> parkChanges(const Scope& scope, std::int64_t limit) override;

private:
    storage::Database& db_;
    UsageMonthStamps& stamps_;
};

} // namespace dps::server
