#include "server/dashboard/BreakdownTables.h"

#include "dps/i18n/Catalog.h"
#include "dps/log/Log.h"
#include "server/dashboard/Presentation.h"
#include "server/services/UsageStats.h"

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
        {kFreeUseEidGroup, i18n::N_("Free use: the e-ID used in the browser")},
        {kFreeUseUsbGroup, i18n::N_("Free use: a USB stick used")},
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

std::string tutorialCell(const std::string& id, const char* what) { return id + "." + what; }
std::string levelCell(int level, const char* what) { return "level-" + std::to_string(level) + "." + what; }

BreakdownTables::Figures BreakdownTables::read(StatsReader& reader, const BreakdownPeriod& period) {
    Figures f;
    f.period = period;
    for (auto& d : reader.dpsByMunicipality())
        f.dps.emplace_back(d.id, std::move(d.municipality));
    UsageStats stats(reader);
    std::vector<std::string> groups{kTutorialsGroup};
    for (const auto& g : breakdownGroups())
        groups.emplace_back(g.group);
    for (const auto& g : groups) {
        if (g == kFreeUseEidGroup || g == kFreeUseUsbGroup) continue;
        auto& sums = f.sums[g];
        for (const auto& [id, metrics] : stats.sumsPerDps(Scope{}, period.from, period.to, g + "."))
            sums[id] = group(metrics, g);
    }
    // The free-use sessions with the e-ID (or a USB stick) and those without: the record sends
    // the sessions and how many used it, each visitor's session is in one of the two.
    for (const auto& [id, metrics] : stats.sumsPerDps(Scope{}, period.from, period.to, "free_use.")) {
        const auto counts = group(metrics, "free_use");
        const auto get = [&counts](const char* code) {
            const auto it = counts.find(code);
            return it == counts.end() ? std::int64_t{0} : it->second;
        };
        const std::int64_t sessions = get("visits");
        for (const auto& [name, used] :
             {std::pair{kFreeUseEidGroup, get("eid")}, std::pair{kFreeUseUsbGroup, get("usb")}}) {
            // No kiosk counts more uses than sessions; a record that did is read as all of them.
            const std::int64_t u = std::min(used, sessions);
            f.sums[name][id] = {{"used", u}, {"not_used", sessions - u}};
        }
    }
    return f;
}

BreakdownTables::BreakdownTables(const Figures& figures, int k, const std::map<std::string, int>& tutorialLevels)
    : period_(figures.period) {
    // Areas: 0 the region, then its municipalities, then the DPS (a parent before its children).
    AreaBreakdowns tree;
    tree.areas.push_back({-1, {}});
    for (const auto& [id, municipality] : figures.dps)
        if (municipalityArea_.emplace(municipality, tree.areas.size()).second) tree.areas.push_back({0, {}});
    for (const auto& [id, municipality] : figures.dps) {
        dpsArea_[id] = tree.areas.size();
        tree.areas.push_back({static_cast<int>(municipalityArea_.at(municipality)), {}});
    }
    static const std::map<std::int64_t, std::map<std::string, std::int64_t>> none;
    for (const auto& g : breakdownGroups()) {
        const std::string name = g.group;
        const auto in = figures.sums.find(name);
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
        keep(name, codes, t, k, sums);
    }
    keepTutorials(figures, tree, k, tutorialLevels);
}

// Protects t (its codes and sums; the DPS' counts read from sums) and keeps every area's cells in
// the order of codes: t's own, and the codes shown as they are (the e-ID equipment outcomes), each
// area's sum of the DPS' counts.
void BreakdownTables::keep(const std::string& name, const std::vector<std::string>& codes, const AreaBreakdowns& tree,
                           int k, const std::map<std::int64_t, std::map<std::string, std::int64_t>>& sums) {
    AreaBreakdowns t = tree;
    std::vector<std::map<std::string, std::int64_t>> areaSums(t.areas.size());
    std::map<std::string, std::size_t> protectedAt;
    for (std::size_t c = 0; c < t.codes.size(); ++c)
        protectedAt[t.codes[c]] = c;
    for (std::size_t s = 0; s < t.sums.size(); ++s)
        protectedAt[t.sums[s].code] = t.codes.size() + s;
    for (const auto& [id, area] : dpsArea_) {
        const auto counts = sums.find(id);
        auto& row = t.areas[area].counts;
        for (const auto& c : t.codes) {
            std::int64_t n = 0;
            if (counts != sums.end())
                if (const auto it = counts->second.find(c); it != counts->second.end()) n = it->second;
            row.push_back(n);
        }
        if (counts == sums.end()) continue;
        for (const auto& [c, n] : counts->second)
            if (!protectedAt.count(c))
                for (std::size_t x : {area, static_cast<std::size_t>(t.areas[area].parent), std::size_t{0}})
                    areaSums[x][c] += n;
    }
    if (dpsArea_.empty()) t.areas[0].counts.assign(t.codes.size(), 0);
    const auto shown = protectAreas(t, k);

    auto& kept = groups_[name];
    kept.codes = codes;
    for (std::size_t a = 0; a < t.areas.size(); ++a) {
        kept.withheld.push_back(shown[a].withheld);
        for (const auto& c : codes) {
            if (const auto at = protectedAt.find(c); at != protectedAt.end()) {
                const ShownCell& cell = shown[a].cells[at->second];
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

void BreakdownTables::keepTutorials(const Figures& figures, const AreaBreakdowns& tree, int k,
                                    const std::map<std::string, int>& levels) {
    const auto in = figures.sums.find(kTutorialsGroup);
    static const std::map<std::int64_t, std::map<std::string, std::int64_t>> none;
    const auto& counted = in == figures.sums.end() ? none : in->second; // DPS → "ID.started"…
    // Every tutorial of the catalogue, zeros too, and any other id counted in the period.
    std::map<std::string, int> ids = levels;
    for (const auto& [dps, metrics] : counted)
        for (const auto& [metric, n] : metrics)
            if (const auto dot = metric.rfind('.'); dot != std::string::npos) ids.emplace(metric.substr(0, dot), 0);
    for (const auto& [id, level] : ids)
        tutorials_.push_back({id, level});
    std::stable_sort(tutorials_.begin(), tutorials_.end(),
                     [](const Tutorial& a, const Tutorial& b) { return a.level < b.level; });
    if (tutorials_.empty()) return;

    // The counted codes: each tutorial's completed and left (started and not completed: left,
    // idle, or the visit cut off). Over them, each tutorial's started and each level's figures.
    AreaBreakdowns t = tree;
    std::map<int, std::vector<int>> started, completed; // level → codes
    for (const auto& tu : tutorials_) {
        const int c = static_cast<int>(t.codes.size());
        t.codes.push_back(tutorialCell(tu.id, "completed"));
        t.codes.push_back(tutorialCell(tu.id, "left"));
        t.sums.push_back({tutorialCell(tu.id, "started"), {c, c + 1}});
        started[tu.level].insert(started[tu.level].end(), {c, c + 1});
        completed[tu.level].push_back(c);
    }
    // One tutorial alone: its started would be the codes' whole total, which the protection takes
    // as known; too little to show anything of.
    const bool alone = tutorials_.size() < 2;
    if (alone) t.sums.clear();
    // One level alone: its figures would be that total too, so there are none.
    if (started.size() >= 2)
        for (const auto& [level, codes] : started) {
            levels_.push_back(level);
            t.sums.push_back({levelCell(level, "started"), codes});
            t.sums.push_back({levelCell(level, "completed"), completed.at(level)});
        }
    // Per DPS: started and completed as counted; a day that says more completions than starts (no
    // kiosk sends one) counts them as its starts.
    std::map<std::int64_t, std::map<std::string, std::int64_t>> sums;
    for (const auto& [dps, metrics] : counted) {
        auto& row = sums[dps];
        const auto get = [&metrics](const std::string& m) {
            const auto it = metrics.find(m);
            return it == metrics.end() ? std::int64_t{0} : it->second;
        };
        for (const auto& tu : tutorials_) {
            const std::int64_t s = get(tutorialCell(tu.id, "started"));
            const std::int64_t c = std::min(get(tutorialCell(tu.id, "completed")), s);
            row[tutorialCell(tu.id, "completed")] = c;
            row[tutorialCell(tu.id, "left")] = s - c;
        }
    }
    std::vector<std::string> codes = t.codes;
    for (const auto& s : t.sums)
        codes.push_back(s.code);
    keep(kTutorialsGroup, codes, t, k, sums);
    if (alone) {
        auto& kept = groups_[kTutorialsGroup];
        kept.withheld.assign(kept.withheld.size(), true);
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

std::shared_ptr<const BreakdownTables> BreakdownCache::get(StatsStore& stats, const BreakdownPeriod& period, int k) {
    const std::string slot = period.from + ".." + period.to + " k=" + std::to_string(k);
    std::promise<std::shared_ptr<const BreakdownTables>> promise;
    std::shared_future<std::shared_ptr<const BreakdownTables>> tables;
    std::optional<BreakdownTables::Figures> figures;
    double readMs = 0;
    stats.read([&](StatsReader& reader) {
        // What the tables depend on: the period's months, and which DPS there are in which
        // municipality.
        const std::string version = reader.breakdownVersion(period.from, period.to);

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
            figures = BreakdownTables::read(reader, period);
            readMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        } catch (...) {
            promise.set_exception(std::current_exception());
            entries_.erase(slot);
        }
    });
    if (figures) {
        // Outside the store's read: ingest and other pages go on meanwhile. (A failure is kept
        // like a result: the same figures would fail the same way.)
        try {
            const auto t0 = std::chrono::steady_clock::now();
            auto made = std::make_shared<const BreakdownTables>(*figures, k, levels_);
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
