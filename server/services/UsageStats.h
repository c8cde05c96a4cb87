#pragma once
// What the dashboard shows of the terminals' usage, read from usage_months (the days' counters
// summed per DPS and month by ingest): never from usage_days, whose millions of rows a page
// could not read in time. Months are the terminals' local months, YYYY-MM.
#include "server/core/Scope.h"
#include "server/store/ports/StatsStore.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dps::server {

// A metric's counters, summed: "visits", "minutes", "by_mode.free", "tutorials.eid-login.completed"…
using MetricSums = std::map<std::string, std::int64_t>;

struct MonthFigures {
    std::string month;
    std::int64_t visits = 0, minutes = 0, free = 0, guided = 0, groupParticipants = 0;
    // The free-use (browser) sessions of those visits (issue 20): how many, their minutes, pages.
    std::int64_t freeUseVisits = 0, freeUseMinutes = 0, freeUsePages = 0;
};

struct DpsFigures {
    std::int64_t dpsId = 0;
    std::string name, municipality;
    std::int64_t visits = 0, minutes = 0, monthVisits = 0, monthMinutes = 0;
    int terminals = 0, silentTerminals = 0;
};

struct MunicipalityFigures {
    std::string municipality; // as dps.municipality holds it (English name)
    std::string nameFr, nameNl;
    std::int64_t visits = 0, minutes = 0, monthVisits = 0, monthMinutes = 0;
    int dpsCount = 0;
    // Its name in fr, nl or en (the English one, as stored, for any other).
    [[nodiscard]] const std::string& name(const std::string& language) const {
        return language == "fr" ? nameFr : language == "nl" ? nameNl : municipality;
    }
};

// The months from..to inclusive, YYYY-MM.
std::vector<std::string> monthRange(const std::string& from, const std::string& to);
std::string addMonths(const std::string& month, int delta);

class UsageStats {
public:
    // reader: the page's reads of one state of the data (StatsStore::read).
    explicit UsageStats(StatsReader& reader) : reader_(reader) {}

    // Visits, minutes, modes and group participants per month from..to (every month present).
    std::vector<MonthFigures> months(const Scope& scope, const std::string& from, const std::string& to);
    // Per DPS in scope: figures over from..to and over the month `month`, terminals and silent ones.
    std::vector<DpsFigures> perDps(const Scope& scope, const std::string& from, const std::string& to,
                                   const std::string& month, const std::string& silentBefore);
    // The municipalities of scope with the sums of perDps' rows (read once for both tables).
    std::vector<MunicipalityFigures> perMunicipality(const Scope& scope, const std::vector<DpsFigures>& dps);
    // Every metric with the prefix summed over from..to, per DPS in scope (those with any).
    std::map<std::int64_t, MetricSums> sumsPerDps(const Scope& scope, const std::string& from, const std::string& to,
                                                  const std::string& prefix);
    // One metric per month from..to (every month present, 0 when none).
    std::vector<std::pair<std::string, MetricSums>> sumsPerMonth(const Scope& scope, const std::string& from,
                                                                 const std::string& to, const std::string& prefix);
    // Active and pending terminals in scope with their latest heartbeat; silentBefore is an
    // ISO UTC instant: last seen earlier than it (or never) is silent.
    std::vector<TerminalHealth> terminals(const Scope& scope, const std::string& silentBefore);

private:
    StatsReader& reader_;
};

// The codes of one group of a MetricSums ("by_purpose" → {"learning": 4, …}).
std::map<std::string, std::int64_t> group(const MetricSums& sums, const std::string& name);

} // namespace dps::server
