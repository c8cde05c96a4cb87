#include "server/services/UsageStats.h"

#include "server/store/ScopeSql.h"

#include <fmt/core.h>

#include <stdexcept>

namespace dps::server {
namespace {

int monthIndex(const std::string& month) {
    if (month.size() != 7 || month[4] != '-') throw std::invalid_argument("not a month (YYYY-MM): " + month);
    return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1;
}

} // namespace

std::string addMonths(const std::string& month, int delta) {
    const int i = monthIndex(month) + delta;
    return fmt::format("{:04}-{:02}", i / 12, i % 12 + 1);
}

std::vector<std::string> monthRange(const std::string& from, const std::string& to) {
    std::vector<std::string> out;
    for (int i = monthIndex(from), end = monthIndex(to); i <= end; ++i)
        out.push_back(fmt::format("{:04}-{:02}", i / 12, i % 12 + 1));
    return out;
}

std::vector<MonthFigures> UsageStats::months(const Scope& scope, const std::string& from, const std::string& to) {
    std::vector<MonthFigures> out;
    std::map<std::string, std::size_t> at;
    for (const auto& m : monthRange(from, to)) {
        at[m] = out.size();
        out.push_back(MonthFigures{m, 0, 0, 0, 0, 0});
    }
    // The metric list lets usage_months_month serve the region's query: a few rows per DPS and
    // month instead of every counter.
    auto st = db_.prepare(fmt::format(R"sql(
SELECT month, metric, sum(value) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric IN ('visits', 'minutes', 'by_mode.free', 'by_mode.guided_individual',
  'by_mode.guided_group', 'group_participants') AND {}
GROUP BY month, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to));
    while (st.step()) {
        auto& m = out[at.at(st.text(0))];
        const std::string metric = st.text(1);
        const std::int64_t v = st.integer(2);
        if (metric == "visits") m.visits = v;
        if (metric == "minutes") m.minutes = v;
        if (metric == "by_mode.free") m.free = v;
        if (metric == "by_mode.guided_individual" || metric == "by_mode.guided_group") m.guided += v;
        if (metric == "group_participants") m.groupParticipants = v;
    }
    return out;
}

std::vector<DpsFigures> UsageStats::perDps(const Scope& scope, const std::string& from, const std::string& to,
                                           const std::string& month, const std::string& silentBefore) {
    std::vector<DpsFigures> out;
    std::map<std::int64_t, std::size_t> at;
    auto list = db_.prepare(
        fmt::format("SELECT id, name, municipality FROM dps d WHERE {} ORDER BY name", inScope(scope, "d.id")));
    bindScope(list, scope);
    while (list.step()) {
        at[list.integer(0)] = out.size();
        out.push_back(DpsFigures{list.integer(0), list.text(1), list.text(2), 0, 0, 0, 0, 0, 0});
    }
    // One grouped pass over the terminals, not a subquery per DPS.
    auto terminals = db_.prepare(fmt::format(R"sql(
SELECT t.dps_id, count(*), sum({} < ?2)
FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.id
WHERE t.state = 'active' AND {} GROUP BY t.dps_id)sql",
                                             kTerminalLastSeenSql, inScope(scope, "t.dps_id")));
    bindScope(terminals, scope);
    terminals.bind(2, std::string_view(silentBefore));
    while (terminals.step()) {
        const auto it = at.find(terminals.integer(0));
        if (it == at.end()) continue;
        out[it->second].terminals = static_cast<int>(terminals.integer(1));
        out[it->second].silentTerminals = static_cast<int>(terminals.integer(2));
    }
    auto st = db_.prepare(fmt::format(R"sql(
SELECT dps_id, metric, sum(value), sum(CASE WHEN month = ?4 THEN value ELSE 0 END) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric IN ('visits', 'minutes') AND {}
GROUP BY dps_id, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to)).bind(4, std::string_view(month));
    while (st.step()) {
        const auto it = at.find(st.integer(0));
        if (it == at.end()) continue;
        auto& d = out[it->second];
        if (st.text(1) == "visits") {
            d.visits = st.integer(2);
            d.monthVisits = st.integer(3);
        } else {
            d.minutes = st.integer(2);
            d.monthMinutes = st.integer(3);
        }
    }
    return out;
}

std::vector<MunicipalityFigures> UsageStats::perMunicipality(const Scope& scope, const std::vector<DpsFigures>& dps) {
    std::map<std::string, MunicipalityFigures> by;
    auto names = db_.prepare(fmt::format(R"sql(
SELECT d.municipality, coalesce(m.name_fr, d.municipality), coalesce(m.name_nl, d.municipality), count(*)
FROM dps d LEFT JOIN municipalities m ON m.name_en = d.municipality
WHERE {} GROUP BY d.municipality)sql",
                                         inScope(scope, "d.id")));
    bindScope(names, scope);
    while (names.step())
        by[names.text(0)] = MunicipalityFigures{
            names.text(0), names.text(1), names.text(2), 0, 0, 0, 0, static_cast<int>(names.integer(3))};
    for (const auto& d : dps) {
        auto& m = by[d.municipality];
        m.visits += d.visits;
        m.minutes += d.minutes;
        m.monthVisits += d.monthVisits;
        m.monthMinutes += d.monthMinutes;
    }
    std::vector<MunicipalityFigures> out;
    for (auto& [name, m] : by)
        out.push_back(std::move(m));
    return out;
}

std::map<std::int64_t, MetricSums> UsageStats::sumsPerDps(const Scope& scope, const std::string& from,
                                                          const std::string& to, const std::string& prefix) {
    std::map<std::int64_t, MetricSums> out;
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
        out[st.integer(0)][st.text(1)] = st.integer(2);
    return out;
}

std::vector<std::pair<std::string, MetricSums>> UsageStats::sumsPerMonth(const Scope& scope, const std::string& from,
                                                                         const std::string& to,
                                                                         const std::string& prefix) {
    std::vector<std::pair<std::string, MetricSums>> out;
    std::map<std::string, std::size_t> at;
    for (const auto& m : monthRange(from, to)) {
        at[m] = out.size();
        out.emplace_back(m, MetricSums{});
    }
    auto st = db_.prepare(fmt::format(R"sql(
SELECT month, metric, sum(value) FROM usage_months
WHERE month BETWEEN ?2 AND ?3 AND metric >= ?4 AND metric < ?4 || char(1114111) AND {}
GROUP BY month, metric)sql",
                                      inScope(scope)));
    bindScope(st, scope);
    st.bind(2, std::string_view(from)).bind(3, std::string_view(to)).bind(4, std::string_view(prefix));
    while (st.step())
        out[at.at(st.text(0))].second[st.text(1)] = st.integer(2);
    return out;
}

std::vector<TerminalHealth> UsageStats::terminals(const Scope& scope, const std::string& silentBefore) {
    std::vector<TerminalHealth> out;
    auto st = db_.prepare(fmt::format(R"sql(
SELECT t.id, t.state, coalesce(h.agent_version, t.agent_version, ''), {},
  coalesce(h.last_error, ''), t.dps_id, d.name, h.free_disk_bytes, h.outbox, h.dead_letters
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
        t.silent = t.state == "active" && t.lastSeen < silentBefore;
        out.push_back(std::move(t));
    }
    return out;
}

std::map<std::string, std::int64_t> group(const MetricSums& sums, const std::string& name) {
    std::map<std::string, std::int64_t> out;
    const std::string prefix = name + ".";
    for (auto it = sums.lower_bound(prefix); it != sums.end() && it->first.starts_with(prefix); ++it)
        out[it->first.substr(prefix.size())] = it->second;
    return out;
}

} // namespace dps::server
