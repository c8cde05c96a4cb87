#include "server/services/UsageStats.h"

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
        out.push_back(MonthFigures{m});
    }
    for (const auto& [month, metric, v] : reader_.modeSumsPerMonth(scope, from, to)) {
        auto& m = out[at.at(month)];
        if (metric == "visits") m.visits = v;
        if (metric == "minutes") m.minutes = v;
        if (metric == "by_mode.free") m.free = v;
        if (metric == "by_mode.guided_individual" || metric == "by_mode.guided_group") m.guided += v;
        if (metric == "group_participants") m.groupParticipants = v;
        if (metric == "free_use.visits") m.freeUseVisits = v;
        if (metric == "free_use.minutes") m.freeUseMinutes = v;
        if (metric == "free_use.pages") m.freeUsePages = v;
    }
    return out;
}

std::vector<DpsFigures> UsageStats::perDps(const Scope& scope, const std::string& from, const std::string& to,
                                           const std::string& month, const std::string& silentBefore) {
    std::vector<DpsFigures> out;
    std::map<std::int64_t, std::size_t> at;
    for (auto& d : reader_.dpsByName(scope)) {
        at[d.id] = out.size();
        out.push_back(DpsFigures{d.id, std::move(d.name), std::move(d.municipality), 0, 0, 0, 0, 0, 0});
    }
    for (const auto& c : reader_.activeTerminalsPerDps(scope, silentBefore)) {
        const auto it = at.find(c.dpsId);
        if (it == at.end()) continue;
        out[it->second].terminals = c.active;
        out[it->second].silentTerminals = c.silent;
    }
    for (const auto& s : reader_.visitsAndMinutesPerDps(scope, from, to, month)) {
        const auto it = at.find(s.dpsId);
        if (it == at.end()) continue;
        auto& d = out[it->second];
        if (s.metric == "visits") {
            d.visits = s.sum;
            d.monthVisits = s.monthSum;
        } else {
            d.minutes = s.sum;
            d.monthMinutes = s.monthSum;
        }
    }
    return out;
}

std::vector<MunicipalityFigures> UsageStats::perMunicipality(const Scope& scope, const std::vector<DpsFigures>& dps) {
    std::map<std::string, MunicipalityFigures> by;
    for (auto& m : reader_.municipalities(scope))
        by[m.municipality] =
            MunicipalityFigures{m.municipality, std::move(m.nameFr), std::move(m.nameNl), 0, 0, 0, 0, m.dpsCount};
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
    for (const auto& s : reader_.prefixSumsPerDps(scope, from, to, prefix))
        out[s.dpsId][s.metric] = s.sum;
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
    for (const auto& s : reader_.prefixSumsPerMonth(scope, from, to, prefix))
        out[at.at(s.month)].second[s.metric] = s.sum;
    return out;
}

std::vector<TerminalHealth> UsageStats::terminals(const Scope& scope, const std::string& silentBefore) {
    std::vector<TerminalHealth> out = reader_.terminals(scope);
    for (auto& t : out)
        t.silent = t.state == "active" && t.lastSeen < silentBefore;
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
