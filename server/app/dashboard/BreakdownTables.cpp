#include "BreakdownTables.h"

#include "../UsageStats.h"
#include "Presentation.h"
#include "dps/i18n/Catalog.h"
#include "dps/log/Log.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

namespace dps::server {
namespace {

// A period's tables are about a megabyte for 500 DPS; reports of many years stay within this.
constexpr std::size_t kMaxPeriods = 8;

bool isEquipmentOutcome(const std::string& group, const std::string& code) {
    if (group != "eid_checks") return false;
    const auto& e = equipmentOutcomes();
    return std::find(e.begin(), e.end(), code) != e.end();
}

} // namespace

const std::vector<BreakdownGroup>& breakdownGroups() {
    static const std::vector<BreakdownGroup> groups = {
        {"by_language", i18n::N_("Languages")},
        {"by_purpose", i18n::N_("Purposes of guided sessions")},
        {"by_audience", i18n::N_("Audiences reached (with consent)")},
        {"came_for", i18n::N_("What free-use visitors came for")},
        {"helped", i18n::N_("Satisfaction: did this help?")},
        {"autonomy", i18n::N_("Autonomy in guided sessions")},
        {"referral", i18n::N_("Referred to")},
        {"length", i18n::N_("Length of visits")},
        {"eid_checks", i18n::N_("e-ID check outcomes")},
        {"pin_tests", i18n::N_("PIN tests")},
        {"equipment_problems", i18n::N_("Equipment problems reported")},
    };
    return groups;
}

const std::vector<std::string>& equipmentOutcomes() {
    // docs/eid-check.md: the outcomes whose remedy is the terminal's (plug the reader in, restart
    // pcscd, set the clock, try another reader).
    static const std::vector<std::string> codes = {"reader_missing", "card_read_error", "service_unavailable",
                                                   "clock_wrong"};
    return codes;
}

std::string settledMonth(const std::string& today, int delayDays) {
    using namespace std::chrono;
    if (today.size() != 10 || today[4] != '-' || today[7] != '-')
        throw std::invalid_argument("not a date (YYYY-MM-DD): " + today);
    const year_month_day date{year{std::stoi(today.substr(0, 4))},
                              month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                              day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
    if (!date.ok()) throw std::invalid_argument("not a date: " + today);
    // A month is over from the first day of the next: the last month over delayDays days ago is
    // the one before the month of (today - delayDays).
    const year_month_day cutoff{sys_days{date} - days{delayDays}};
    const year_month settled = year_month{cutoff.year(), cutoff.month()} - months{1};
    return fmt::format("{:04}-{:02}", static_cast<int>(settled.year()), static_cast<unsigned>(settled.month()));
}

std::optional<BreakdownPeriod> breakdownPeriod(int year, const std::string& settled) {
    const int settledYear = std::stoi(settled.substr(0, 4));
    if (year > settledYear) return std::nullopt;
    return BreakdownPeriod{fmt::format("{:04}-01", year),
                           year == settledYear ? settled : fmt::format("{:04}-12", year)};
}

BreakdownTables::Figures BreakdownTables::read(storage::Database& db, const BreakdownPeriod& period) {
    Figures f;
    f.period = period;
    auto list = db.prepare("SELECT id, municipality FROM dps ORDER BY municipality, id");
    while (list.step())
        f.dps.emplace_back(list.integer(0), list.text(1));
    UsageStats stats(db);
    for (const auto& g : breakdownGroups()) {
        auto& sums = f.sums[g.group];
        for (const auto& [id, metrics] : stats.sumsPerDps(Scope{}, period.from, period.to, std::string(g.group) + "."))
            sums[id] = group(metrics, g.group);
    }
    return f;
}

BreakdownTables::BreakdownTables(const Figures& figures, int k) : period_(figures.period) {
    // Areas: 0 the region, then its municipalities, then the DPS (a parent before its children).
    AreaBreakdowns tree;
    tree.areas.push_back({-1, {}});
    for (const auto& [id, municipality] : figures.dps)
        if (municipalityArea_.emplace(municipality, tree.areas.size()).second) tree.areas.push_back({0, {}});
    for (const auto& [id, municipality] : figures.dps) {
        dpsArea_[id] = tree.areas.size();
        tree.areas.push_back({static_cast<int>(municipalityArea_.at(municipality)), {}});
    }
    for (const auto& g : breakdownGroups()) {
        const std::string name = g.group;
        const auto in = figures.sums.find(name);
        static const std::map<std::int64_t, std::map<std::string, std::int64_t>> none;
        const auto& sums = in == figures.sums.end() ? none : in->second;
        // The closed list whole (zeros too: "0 everywhere but one" would make a cell its own
        // total), then any code a newer kiosk sent, for every area alike.
        std::vector<std::string> codes = knownCodes(name);
        std::set<std::string> extra;
        for (const auto& [id, counts] : sums)
            for (const auto& [code, n] : counts)
                if (std::find(codes.begin(), codes.end(), code) == codes.end()) extra.insert(code);
        codes.insert(codes.end(), extra.begin(), extra.end());

        AreaBreakdowns t = tree;
        for (const auto& c : codes)
            if (!isEquipmentOutcome(name, c)) t.codes.push_back(c);
        // Every area's sum of a code, for the codes shown as they are.
        std::vector<std::map<std::string, std::int64_t>> areaSums(t.areas.size());
        for (const auto& [id, municipality] : figures.dps) {
            const std::size_t a = dpsArea_.at(id);
            const auto counts = sums.find(id);
            for (const auto& c : t.codes) {
                std::int64_t n = 0;
                if (counts != sums.end())
                    if (const auto it = counts->second.find(c); it != counts->second.end()) n = it->second;
                t.areas[a].counts.push_back(n);
            }
            if (counts == sums.end()) continue;
            for (const auto& [c, n] : counts->second)
                if (isEquipmentOutcome(name, c))
                    for (std::size_t x : {a, municipalityArea_.at(municipality), std::size_t{0}})
                        areaSums[x][c] += n;
        }
        if (figures.dps.empty()) t.areas[0].counts.assign(t.codes.size(), 0);
        const auto shown = protectAreas(t, k);

        auto& kept = groups_[name];
        kept.codes = codes;
        for (std::size_t a = 0; a < t.areas.size(); ++a) {
            kept.withheld.push_back(shown[a].withheld);
            std::size_t next = 0;
            for (const auto& c : codes) {
                if (!isEquipmentOutcome(name, c)) {
                    const ShownCell& cell = shown[a].cells[next++];
                    kept.shown.push_back(cell.shown);
                    kept.values.push_back(cell.value);
                    continue;
                }
                const auto it = areaSums[a].find(c);
                kept.shown.push_back(shown[a].withheld ? Shown::Hidden : Shown::Value);
                kept.values.push_back(shown[a].withheld || it == areaSums[a].end() ? 0 : it->second);
            }
        }
    }
}

std::optional<ProtectedBreakdown> BreakdownTables::find(const std::string& group, const Scope& scope) const {
    const auto g = groups_.find(group);
    if (g == groups_.end()) return std::nullopt;
    std::size_t area = 0;
    if (scope.dpsId) {
        const auto it = dpsArea_.find(*scope.dpsId);
        if (it == dpsArea_.end()) return std::nullopt;
        area = it->second;
    } else if (scope.municipality) {
        const auto it = municipalityArea_.find(*scope.municipality);
        if (it == municipalityArea_.end()) return std::nullopt;
        area = it->second;
    }
    const Group& kept = g->second;
    ProtectedBreakdown out;
    out.withheld = kept.withheld.at(area);
    for (std::size_t c = 0; c < kept.codes.size(); ++c) {
        const std::size_t at = area * kept.codes.size() + c;
        out.cells.push_back({kept.codes[c], kept.shown[at], kept.values[at]});
    }
    return out;
}

std::shared_ptr<const BreakdownTables> BreakdownCache::get(ServerDb& db, const BreakdownPeriod& period, int k) {
    const std::string slot = period.from + ".." + period.to + " k=" + std::to_string(k);
    std::promise<std::shared_ptr<const BreakdownTables>> promise;
    std::shared_future<std::shared_ptr<const BreakdownTables>> tables;
    std::optional<BreakdownTables::Figures> figures;
    double readMs = 0;
    db.with([&](storage::Database& sdb) {
        // What the tables depend on: the period's months (changed by this process's ingest, or by
        // another process: data_version), and which DPS there are in which municipality.
        std::string version = std::to_string(db.usageStamps().stamp(period.from, period.to));
        auto dataVersion = sdb.prepare("PRAGMA data_version");
        if (dataVersion.step()) version += "/" + std::to_string(dataVersion.integer(0));
        auto list = sdb.prepare("SELECT id, municipality FROM dps ORDER BY id");
        while (list.step())
            version += "/" + std::to_string(list.integer(0)) + ":" + list.text(1);

        std::lock_guard lock(mutex_);
        const auto it = entries_.find(slot);
        if (it != entries_.end() && it->second.version == version) {
            it->second.used = ++uses_;
            tables = it->second.tables;
            return;
        }
        if (it == entries_.end() && entries_.size() >= kMaxPeriods)
            entries_.erase(std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
                return a.second.used < b.second.used;
            }));
        tables = promise.get_future().share();
        entries_[slot] = Entry{version, ++uses_, tables};
        try {
            const auto t0 = std::chrono::steady_clock::now();
            figures = BreakdownTables::read(sdb, period);
            readMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        } catch (...) {
            promise.set_exception(std::current_exception());
            entries_.erase(slot);
        }
    });
    if (figures) {
        // Outside ServerDb's lock: ingest and other pages go on meanwhile. (A failure is kept
        // like a result: the same figures would fail the same way.)
        try {
            const auto t0 = std::chrono::steady_clock::now();
            auto made = std::make_shared<const BreakdownTables>(*figures, k);
            log::info("breakdowns of {}..{} for {} DPS: read in {:.0f} ms, protected in {:.0f} ms", period.from,
                      period.to, figures->dps.size(), readMs,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            promise.set_value(std::move(made));
        } catch (...) {
            promise.set_exception(std::current_exception());
        }
    }
    return tables.get();
}

} // namespace dps::server
