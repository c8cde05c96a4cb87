#include "server/store/SqliteStatsStore.h"

#include "server/store/ScopeSql.h"

#include <fmt/core.h>

#include <memory>
#include <optional>

namespace dps::server {

namespace {

constexpr const char* kMetricList = "('visits', 'minutes', 'by_mode.free', 'by_mode.guided_individual', "
                                    "'by_mode.guided_group', 'group_participants', 'free_use.visits', "
                                    "'free_use.minutes', 'free_use.pages')";

std::unique_ptr<storage::Database> readTransaction(ServerDb& db) {
    auto reader = std::make_unique<storage::Database>(db.openReader());
    reader->exec("BEGIN");
    return reader;
}

class SqliteDpsMonthlyExport : public DpsMonthlyExport {
public:
    SqliteDpsMonthlyExport(ServerDb& server, const Scope& scope) : db_(readTransaction(server)) {
        auto q = db_->prepare(
            fmt::format("SELECT id, name, municipality FROM dps d WHERE {} ORDER BY name", inScope(scope, "d.id")));
        bindScope(q, scope);
        while (q.step())
            dps_.push_back({q.integer(0), q.text(1), q.text(2)});
        perDps_.emplace(db_->prepare(fmt::format(R"sql(
SELECT month, metric, sum(value) FROM usage_months
WHERE dps_id = ?1 AND month BETWEEN ?2 AND ?3 AND metric IN {} GROUP BY month, metric)sql",
                                                 kMetricList)));
    }

    const std::vector<DpsIdentity>& dps() const override { return dps_; }

    std::vector<MonthMetricSum> modeSums(std::int64_t dpsId, const std::string& from, const std::string& to) override {
        std::vector<MonthMetricSum> out;
        perDps_->reset();
        perDps_->bind(1, dpsId).bind(2, std::string_view(from)).bind(3, std::string_view(to));
        while (perDps_->step())
            out.push_back({perDps_->text(0), perDps_->text(1), perDps_->integer(2)});
        return out;
    }

private:
    std::unique_ptr<storage::Database> db_;
    std::vector<DpsIdentity> dps_;
    std::optional<storage::Statement> perDps_;
};

class SqliteMunicipalityMonthlyExport : public MunicipalityMonthlyExport {
public:
    SqliteMunicipalityMonthlyExport(ServerDb& server, const Scope& scope)
        : db_(readTransaction(server)), scope_(scope) {
        // The municipalities of the scope, with their DPS (the dps_count of every month).
        auto q = db_->prepare(
            fmt::format("SELECT municipality, count(*) FROM dps d WHERE {} GROUP BY municipality ORDER BY municipality",
                        inScope(scope, "d.id")));
        bindScope(q, scope);
        while (q.step())
            municipalities_.push_back({q.text(0), "", "", static_cast<int>(q.integer(1))});
        perMonth_.emplace(db_->prepare(fmt::format(R"sql(
SELECT d.municipality, u.metric, sum(u.value) FROM usage_months u JOIN dps d ON d.id = u.dps_id
WHERE u.month = ?2 AND u.metric IN {} AND {} GROUP BY d.municipality, u.metric)sql",
                                                   kMetricList, inScope(scope, "u.dps_id"))));
    }

    const std::vector<MunicipalityEntry>& municipalities() const override { return municipalities_; }

    std::vector<MunicipalityMetricSum> modeSums(const std::string& month) override {
        std::vector<MunicipalityMetricSum> out;
        perMonth_->reset();
        bindScope(*perMonth_, scope_);
        perMonth_->bind(2, std::string_view(month));
        while (perMonth_->step())
            out.push_back({perMonth_->text(0), perMonth_->text(1), perMonth_->integer(2)});
        return out;
    }

private:
    std::unique_ptr<storage::Database> db_;
    Scope scope_;
    std::vector<MunicipalityEntry> municipalities_;
    std::optional<storage::Statement> perMonth_;
};

} // namespace

void SqliteStatsStore::read(const std::function<void(StatsReader&)>& work) {
    db_.with([&](storage::Database& d) {
        SqliteStatsReader reader(d, db_.usageStamps());
        work(reader);
    });
}

std::unique_ptr<DpsMonthlyExport> SqliteStatsStore::dpsMonthlyExport(const Scope& scope) {
    return std::make_unique<SqliteDpsMonthlyExport>(db_, scope);
}

std::unique_ptr<MunicipalityMonthlyExport> SqliteStatsStore::municipalityMonthlyExport(const Scope& scope) {
    return std::make_unique<SqliteMunicipalityMonthlyExport>(db_, scope);
}

std::int64_t SqliteStatsReader::dataVersion() { return db_.totalChanges(); }

std::string SqliteStatsReader::breakdownVersion(const std::string& from, const std::string& to) {
    // The period's months (changed by this process's ingest, or by another process:
    // data_version), and which DPS there are in which municipality.
    std::string version = std::to_string(stamps_.stamp(from, to));
    auto dataVersion = db_.prepare("PRAGMA data_version");
    if (dataVersion.step()) version += "/" + std::to_string(dataVersion.integer(0));
    auto list = db_.prepare("SELECT id, municipality FROM dps ORDER BY id");
    while (list.step())
        version += "/" + std::to_string(list.integer(0)) + ":" + list.text(1);
    return version;
}

std::vector<DpsIdentity> SqliteStatsReader::dpsByName(const Scope& scope) {
    std::vector<DpsIdentity> out;
    auto list = db_.prepare(
        fmt::format("SELECT id, name, municipality FROM dps d WHERE {} ORDER BY name", inScope(scope, "d.id")));
    bindScope(list, scope);
    while (list.step())
        out.push_back(DpsIdentity{list.integer(0), list.text(1), list.text(2)});
    return out;
}

std::vector<DpsIdentity> SqliteStatsReader::dpsByMunicipality() {
    std::vector<DpsIdentity> out;
    auto list = db_.prepare("SELECT id, municipality FROM dps ORDER BY municipality, id");
    while (list.step())
        out.push_back(DpsIdentity{list.integer(0), "", list.text(1)});
    return out;
}

std::optional<DpsAddress> SqliteStatsReader::dpsAddress(std::int64_t dpsId) {
    auto row = db_.prepare("SELECT name, street, postcode, municipality FROM dps WHERE id = ?1");
    row.bind(1, dpsId);
    if (!row.step()) return std::nullopt;
    return DpsAddress{row.text(0), row.text(1), row.text(2), row.text(3)};
}

std::vector<MunicipalityEntry> SqliteStatsReader::municipalities(const Scope& scope) {
    std::vector<MunicipalityEntry> out;
    auto names = db_.prepare(fmt::format(R"sql(
SELECT d.municipality, coalesce(m.name_fr, d.municipality), coalesce(m.name_nl, d.municipality), count(*)
FROM dps d LEFT JOIN municipalities m ON m.name_en = d.municipality
WHERE {} GROUP BY d.municipality)sql",
                                         inScope(scope, "d.id")));
    bindScope(names, scope);
    while (names.step())
        out.push_back(
            MunicipalityEntry{names.text(0), names.text(1), names.text(2), static_cast<int>(names.integer(3))});
    return out;
}

std::vector<MonthMetricSum> SqliteStatsReader::modeSumsPerMonth(const Scope& scope, const std::string& from,
                                                                const std::string& to) {
    std::vector<MonthMetricSum> out;
    // The metric list lets usage_months_month serve the region's query: a few rows per DPS and
    // month instead of every counter.
    auto st = db_.prepare(fmt::format(R"sql(
SELECT month, metric, sum(value) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric IN ('visits', 'minutes', 'by_mode.free', 'by_mode.guided_individual',
  'by_mode.guided_group', 'group_participants', 'free_use.visits', 'free_use.minutes', 'free_use.pages') AND {}
GROUP BY month, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to));
    while (st.step())
        out.push_back(MonthMetricSum{st.text(0), st.text(1), st.integer(2)});
    return out;
}

std::vector<DpsTerminalCount> SqliteStatsReader::activeTerminalsPerDps(const Scope& scope,
                                                                       const std::string& silentBefore) {
    std::vector<DpsTerminalCount> out;
    // One grouped pass over the terminals, not a subquery per DPS.
    auto terminals = db_.prepare(fmt::format(R"sql(
SELECT t.dps_id, count(*), sum({} < ?2)
FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.id
WHERE t.state = 'active' AND {} GROUP BY t.dps_id)sql",
                                             kTerminalLastSeenSql, inScope(scope, "t.dps_id")));
    bindScope(terminals, scope);
    terminals.bind(2, std::string_view(silentBefore));
    while (terminals.step())
        out.push_back(DpsTerminalCount{terminals.integer(0), static_cast<int>(terminals.integer(1)),
                                       static_cast<int>(terminals.integer(2))});
    return out;
}

std::vector<DpsMetricSum> SqliteStatsReader::visitsAndMinutesPerDps(const Scope& scope, const std::string& from,
                                                                    const std::string& to, const std::string& month) {
    std::vector<DpsMetricSum> out;
    auto st = db_.prepare(fmt::format(R"sql(
SELECT dps_id, metric, sum(value), sum(CASE WHEN month = ?4 THEN value ELSE 0 END) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric IN ('visits', 'minutes') AND {}
GROUP BY dps_id, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to)).bind(4, std::string_view(month));
    while (st.step())
        out.push_back(DpsMetricSum{st.integer(0), st.text(1), st.integer(2), st.integer(3)});
    return out;
}

std::vector<DpsMetricSum> SqliteStatsReader::prefixSumsPerDps(const Scope& scope, const std::string& from,
                                                              const std::string& to, const std::string& prefix) {
    std::vector<DpsMetricSum> out;
    // The prefix's metrics one at a time, each found by one step in usage_months_metric (metric,
    // month, dps_id, value), then their rows of from..to only: a range over the metrics alone
    // would read every month of each (five years of tutorials to sum one).
    auto st = db_.prepare(fmt::format(R"sql(
WITH RECURSIVE m(metric) AS (
  SELECT min(metric) FROM usage_months WHERE metric >= ?4 AND metric < ?4 || char(1114111)
  UNION ALL
  SELECT (SELECT min(metric) FROM usage_months WHERE metric > m.metric AND metric < ?4 || char(1114111))
  FROM m WHERE m.metric IS NOT NULL)
SELECT u.dps_id, u.metric, sum(u.value) FROM m JOIN usage_months u ON u.metric = m.metric
WHERE u.month BETWEEN ?2 AND ?3 AND {}
GROUP BY u.metric, u.dps_id)sql",
                                      inScope(scope, "u.dps_id")));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to)).bind(4, std::string_view(prefix));
    while (st.step())
        out.push_back(DpsMetricSum{st.integer(0), st.text(1), st.integer(2), 0});
    return out;
}

std::vector<MonthMetricSum> SqliteStatsReader::prefixSumsPerMonth(const Scope& scope, const std::string& from,
                                                                  const std::string& to, const std::string& prefix) {
    std::vector<MonthMetricSum> out;
    auto st = db_.prepare(fmt::format(R"sql(
SELECT month, metric, sum(value) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric >= ?4 AND metric < ?4 || char(1114111) AND {}
GROUP BY month, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to)).bind(4, std::string_view(prefix));
    while (st.step())
        out.push_back(MonthMetricSum{st.text(0), st.text(1), st.integer(2)});
    return out;
}

std::vector<TerminalHealth> SqliteStatsReader::terminals(const Scope& scope) {
    std::vector<TerminalHealth> out;
    auto st = db_.prepare(fmt::format(R"sql(
SELECT t.id, t.state, coalesce(h.agent_version, t.agent_version, ''), {},
  coalesce(h.last_error, ''), t.dps_id, d.name, h.free_disk_bytes, h.outbox, h.dead_letters,
  h.kiosk_state, h.kiosk_minutes_left, h.kiosk_help_asked_minutes, h.kiosk_free_use_stopped
FROM terminals t JOIN dps d ON d.id = t.dps_id LEFT JOIN heartbeats h ON h.terminal_id = t.id
WHERE t.state IN ('active', 'pending') AND {}
ORDER BY d.name, t.id)sql",
                                      kTerminalLastSeenSql, inScope(scope, "t.dps_id")));
    bindScope(st, scope);
    while (st.step()) {
        TerminalHealth t;
        t.id = st.text(0);
        t.state = st.text(1);
        t.agentVersion = st.text(2);
        t.lastSeen = st.text(3);
        t.lastError = st.text(4);
        t.dpsId = st.integer(5);
        t.dpsName = st.text(6);
        if (!st.isNull(7)) t.freeDiskBytes = st.integer(7);
        if (!st.isNull(8)) t.outbox = st.integer(8);
        if (!st.isNull(9)) t.deadLetters = st.integer(9);
        if (!st.isNull(10)) {
            protocol::KioskState k;
            k.state = st.text(10);
            if (!st.isNull(11)) k.minutesLeft = st.integer(11);
            if (!st.isNull(12)) k.helpAskedMinutes = st.integer(12);
            k.freeUseStopped = !st.isNull(13) && st.integer(13) != 0;
            t.kiosk = std::move(k);
        }
        out.push_back(std::move(t));
    }
    return out;
}

namespace {

// The terminals of the park: not revoked, in scope (on the alias t).
std::string parkCondition(const Scope& scope) { return "t.state <> 'revoked' AND " + inScope(scope, "t.dps_id"); }

} // namespace

void SqliteStatsReader::eachParkTerminal(const Scope& scope, const std::function<void(ParkTerminal&)>& each) {
    auto terminals = db_.prepare(fmt::format(R"sql(
SELECT t.id, t.dps_id, d.name, i.received_at, i.document, {}
FROM terminals t JOIN dps d ON d.id = t.dps_id
  LEFT JOIN inventories i ON i.terminal_id = t.id LEFT JOIN heartbeats h ON h.terminal_id = t.id
WHERE {} ORDER BY d.name, t.id)sql",
                                             kTerminalLastSeenSql, parkCondition(scope)));
    bindScope(terminals, scope);
    while (terminals.step()) {
        ParkTerminal row;
        row.terminalId = terminals.text(0);
        row.dpsId = terminals.integer(1);
        row.dpsName = terminals.text(2);
        row.lastSeenAt = terminals.text(5);
        if (!terminals.isNull(4)) {
            row.inventoryAt = terminals.text(3);
            row.document = terminals.text(4);
        }
        each(row);
    }
}

std::vector<EquipmentChange> SqliteStatsReader::parkChanges(const Scope& scope, std::int64_t limit) {
    std::vector<EquipmentChange> out;
    auto changes = db_.prepare(fmt::format(R"sql(
SELECT c.at, c.terminal_id, d.name, c.change, c.kind, c.item
FROM inventory_changes c JOIN terminals t ON t.id = c.terminal_id JOIN dps d ON d.id = t.dps_id
WHERE {} ORDER BY c.at DESC, c.id LIMIT ?2)sql",
                                           parkCondition(scope)));
    bindScope(changes, scope);
    changes.bind(2, limit);
    while (changes.step())
        out.push_back(
            {changes.text(0), changes.text(1), changes.text(2), changes.text(3), changes.text(4), changes.text(5)});
    return out;
}

} // namespace dps::server
