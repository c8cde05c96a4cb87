#pragma once
// What the dashboard reads: usage summed per DPS and month (usage_months), the DPS and their
// municipalities, the terminals with their latest heartbeat, and the equipment park (the latest
// inventory of each terminal and what appeared or disappeared). Rows as stored, in domain words;
// the figures made of them (every month present, municipalities summed, silent terminals, the
// park's rows) are the services' (UsageStats, EquipmentReport).
//
// A page reads several of them and shows them side by side, so they are read through one
// StatsReader that sees one state of the data: StatsStore::read runs a page's reads with it,
// nothing written in between.
#include "dps/protocol/HeartbeatJson.h"
#include "server/core/Scope.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dps::server {

// One metric of one month summed over the DPS in scope ("visits", "by_mode.free"…).
struct MonthMetricSum {
    std::string month; // YYYY-MM, a terminal's local month
    std::string metric;
    std::int64_t sum = 0;
};

// One metric of one DPS summed over a range of months, and over one month of it.
struct DpsMetricSum {
    std::int64_t dpsId = 0;
    std::string metric;
    std::int64_t sum = 0, monthSum = 0;
};

struct DpsIdentity {
    std::int64_t id = 0;
    std::string name, municipality; // municipality: the English name, as dps.municipality holds it
};

struct DpsAddress {
    std::string name, street, postcode, municipality;
};

struct DpsTerminalCount {
    std::int64_t dpsId = 0;
    int active = 0, silent = 0; // silent: active and last heard from before the instant asked
};

struct MunicipalityEntry {
    std::string municipality; // English, as dps.municipality holds it
    std::string nameFr, nameNl;
    int dpsCount = 0;
};

// A terminal that is active or pending, with its latest heartbeat when there is one.
struct TerminalHealth {
    std::string id, state, agentVersion, lastSeen, lastError;
    std::int64_t dpsId = 0;
    std::string dpsName;
    std::optional<std::int64_t> freeDiskBytes, outbox, deadLetters;
    bool silent = false; // active, and nothing heard for more than dashboard.silent_days
    // What the kiosk was doing at the latest heartbeat (lastSeen); none from an older agent.
    std::optional<protocol::KioskState> kiosk;
};

// A terminal of the equipment park with its latest inventory document (dps-inventory/1) as kept.
struct ParkTerminal {
    std::string terminalId;
    std::int64_t dpsId = 0;
    std::string dpsName;
    std::optional<std::string> inventoryAt, document; // none when no inventory was received yet
    std::string lastSeenAt;                           // "" when never
};

struct EquipmentChange {
    std::string at, terminalId, dpsName, change, kind, item;
};

class StatsReader {
public:
    virtual ~StatsReader() = default;

    // A number that changes whenever anything is written (by this server): what was read stays
    // good while it is the same.
    virtual std::int64_t dataVersion() = 0;
    // What the breakdowns of the months from..to depend on: those months' usage (written here or
    // by another process) and which DPS there are in which municipality. Equal strings, equal data.
    virtual std::string breakdownVersion(const std::string& from, const std::string& to) = 0;

    // The DPS in scope by name.
    virtual std::vector<DpsIdentity> dpsByName(const Scope& scope) = 0;
    // Every DPS (id and municipality only) by municipality, then id.
    virtual std::vector<DpsIdentity> dpsByMunicipality() = 0;
    virtual std::optional<DpsAddress> dpsAddress(std::int64_t dpsId) = 0;
    // The municipalities of the DPS in scope, with their French and Dutch names and DPS count.
    virtual std::vector<MunicipalityEntry> municipalities(const Scope& scope) = 0;

    // Visits, minutes, the three modes, group participants and the free-use sessions' visits,
    // minutes and pages (free_use.*), per month from..to (months with any).
    virtual std::vector<MonthMetricSum> modeSumsPerMonth(const Scope& scope, const std::string& from,
                                                         const std::string& to) = 0;
    // Visits and minutes per DPS over from..to, and over `month`.
    virtual std::vector<DpsMetricSum> visitsAndMinutesPerDps(const Scope& scope, const std::string& from,
                                                             const std::string& to, const std::string& month) = 0;
    // Every metric starting with prefix, per DPS, over from..to (monthSum unused).
    virtual std::vector<DpsMetricSum> prefixSumsPerDps(const Scope& scope, const std::string& from,
                                                       const std::string& to, const std::string& prefix) = 0;
    // Every metric starting with prefix, per month from..to (months with any).
    virtual std::vector<MonthMetricSum> prefixSumsPerMonth(const Scope& scope, const std::string& from,
                                                           const std::string& to, const std::string& prefix) = 0;

    // Active terminals per DPS in scope, and those last heard from before silentBefore (ISO UTC).
    virtual std::vector<DpsTerminalCount> activeTerminalsPerDps(const Scope& scope,
                                                                const std::string& silentBefore) = 0;
    // Active and pending terminals in scope by DPS name, then id (silent left false).
    virtual std::vector<TerminalHealth> terminals(const Scope& scope) = 0;

    // The terminals in scope that are not revoked, by DPS name then id, each with its latest
    // inventory handed to row in turn (one document in memory at a time, not the region's 2,000).
    virtual void eachParkTerminal(const Scope& scope, const std::function<void(ParkTerminal&)>& row) = 0;
    // The inventory changes of those same terminals, newest first, at most limit.
    virtual std::vector<EquipmentChange> parkChanges(const Scope& scope, std::int64_t limit) = 0;
};

// One metric of one month summed over the DPS of one municipality.
struct MunicipalityMetricSum {
    std::string municipality, metric;
    std::int64_t sum = 0;
};

// A monthly export per DPS being written: its DPS, then each one's months a chunk at a time, all
// as they were when it was opened, read without holding up the server's other reads and writes.
class DpsMonthlyExport {
public:
    virtual ~DpsMonthlyExport() = default;
    // The DPS of the export's scope by name.
    [[nodiscard]] virtual const std::vector<DpsIdentity>& dps() const = 0;
    // Visits, minutes, the three modes and group participants of one DPS per month from..to
    // (months with any).
    virtual std::vector<MonthMetricSum> modeSums(std::int64_t dpsId, const std::string& from,
                                                 const std::string& to) = 0;
};

// A monthly export per municipality being written, as DpsMonthlyExport.
class MunicipalityMonthlyExport {
public:
    virtual ~MunicipalityMonthlyExport() = default;
    // The municipalities of the export's scope by name, with their DPS count (names in English).
    [[nodiscard]] virtual const std::vector<MunicipalityEntry>& municipalities() const = 0;
    // Visits, minutes, the three modes and group participants of one month per municipality.
    virtual std::vector<MunicipalityMetricSum> modeSums(const std::string& month) = 0;
};

class StatsStore {
public:
    virtual ~StatsStore() = default;
    // Runs work with a reader of one state of the data, nothing written meanwhile; what work
    // finds goes out through its captures.
    virtual void read(const std::function<void(StatsReader&)>& work) = 0;
    // An export of the scope's data as it is now, read a chunk at a time for as long as it is kept.
    virtual std::unique_ptr<DpsMonthlyExport> dpsMonthlyExport(const Scope& scope) = 0;
    virtual std::unique_ptr<MunicipalityMonthlyExport> municipalityMonthlyExport(const Scope& scope) = 0;
};

} // namespace dps::server
