#pragma once
// The breakdowns the dashboard shows (languages, purposes, audiences…) for one period, for every
// area at once (the region, each municipality, each DPS) and protected together
// (server/core/SmallCells.h): a DPS's page, its reports, its municipality's and the region's read
// the same cells, and no small count can be worked out across them (docs/dashboard.md).
// Periods are calendar years, the current one up to its last settled month, so that no two
// published periods overlap. The tutorials' figures are one more such table (group "tutorials"),
// whose cells are tied by sums: a tutorial started = completed + left, a level = its tutorials.
#include "server/core/Scope.h"
#include "server/core/SmallCells.h"
#include "server/store/ports/StatsStore.h"

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dps::server {

struct BreakdownGroup {
    const char* group; // the metric group: by_language, by_purpose…
    const char* title; // English, marked for translation
};
// The free-use sessions split by what was used in them (issue 20): codes "used" and "not_used",
// read from the days' free_use sums (free_use.visits, free_use.eid, free_use.usb).
inline constexpr const char* kFreeUseEidGroup = "free_use_eid";
inline constexpr const char* kFreeUseUsbGroup = "free_use_usb";
// The protected breakdowns, in display order.
const std::vector<BreakdownGroup>& breakdownGroups();

// The e-ID outcomes that say the terminal's equipment failed (no reader, reader error, card
// service down, wrong clock): a fault to fix, not something about the visitor, so shown as they
// are, per month too.
const std::vector<std::string>& equipmentOutcomes();

// January to `to` (YYYY-MM) of one year.
struct BreakdownPeriod {
    std::string from, to;
    [[nodiscard]] int year() const { return std::stoi(from.substr(0, 4)); }
    [[nodiscard]] bool wholeYear() const { return to.ends_with("-12"); }
};

// The last month the breakdowns count: the last one over for at least delayDays days on `today`
// (YYYY-MM-DD, local), so that the records terminals send late are in before anyone sees it.
std::string settledMonth(const std::string& today, int delayDays);
// A year's period: January to December, or to `settled` in settled's own year; none for a year
// no settled month has reached.
std::optional<BreakdownPeriod> breakdownPeriod(int year, const std::string& settled);

// The group of the tutorials' table, and its cells' codes: per tutorial "ID.started" (the sum of
// the two others), "ID.completed", "ID.left" (started and not completed); per level, when the
// tutorials have two levels or more, "level-L.started" and "level-L.completed" (L = 0: unknown).
inline constexpr const char* kTutorialsGroup = "tutorials";
std::string tutorialCell(const std::string& id, const char* what);
std::string levelCell(int level, const char* what);

class BreakdownTables {
public:
    // The figures of every area for period, read from usage_months.
    struct Figures {
        BreakdownPeriod period;
        std::vector<std::pair<std::int64_t, std::string>> dps; // (id, municipality), every DPS
        std::map<std::string, std::map<std::int64_t, std::map<std::string, std::int64_t>>> sums; // group → DPS → code
    };
    static Figures read(StatsReader& reader, const BreakdownPeriod& period);
    // Every group protected with k; tutorialLevels: the catalogue's tutorials (id → level 1 to 3),
    // listed even at zero, with any other id counted in the period (level 0).
    BreakdownTables(const Figures& figures, int k, const std::map<std::string, int>& tutorialLevels = {});

    struct Tutorial {
        std::string id;
        int level = 0;
    };
    // The tutorials of the table, by level and id, and the levels that have their own figures.
    [[nodiscard]] const std::vector<Tutorial>& tutorials() const { return tutorials_; }
    [[nodiscard]] const std::vector<int>& tutorialLevels() const { return levels_; }

    [[nodiscard]] const BreakdownPeriod& period() const { return period_; }
    // The breakdown of group for an area: a DPS (scope.dpsId), a municipality or, neither given,
    // the region; none for a DPS or municipality these figures do not have.
    [[nodiscard]] std::optional<ProtectedBreakdown> find(const std::string& group, const Scope& scope) const;

private:
    // One group's cells, area by area (0: the region), codes kept once: a period of 500 DPS is
    // some 60,000 cells, kept for as long as the period does not change.
    struct Group {
        std::vector<std::string> codes;
        std::vector<bool> withheld;       // per area
        std::vector<Shown> shown;         // area × code
        std::vector<std::int64_t> values; // area × code, Shown::Value only
    };
    void keep(const std::string& name, const std::vector<std::string>& codes, const AreaBreakdowns& tree, int k,
              const std::map<std::int64_t, std::map<std::string, std::int64_t>>& sums);
    void keepTutorials(const Figures& figures, const AreaBreakdowns& tree, int k,
                       const std::map<std::string, int>& levels);

    BreakdownPeriod period_;
    std::map<std::string, Group> groups_;
    std::vector<Tutorial> tutorials_;
    std::vector<int> levels_;
    std::map<std::int64_t, std::size_t> dpsArea_;
    std::map<std::string, std::size_t> municipalityArea_;
};

// BreakdownTables per period, kept while no month of the period changed (UsageMonthStamps, and
// SQLite's data_version for other processes) and the DPS list is the same. The first page that
// needs a period reads it (in one StatsStore::read) and protects it (outside); pages asking at the
// same time wait for that one.
class BreakdownCache {
public:
    explicit BreakdownCache(std::map<std::string, int> tutorialLevels = {}) : levels_(std::move(tutorialLevels)) {}
    std::shared_ptr<const BreakdownTables> get(StatsStore& stats, const BreakdownPeriod& period, int k);

private:
    const std::map<std::string, int> levels_;
    struct Entry {
        std::string version;
        std::uint64_t used = 0;
        std::shared_future<std::shared_ptr<const BreakdownTables>> tables;
    };
    std::mutex mutex_;
    std::uint64_t uses_ = 0;
    std::map<std::string, Entry> entries_; // period and k → the latest tables
};

} // namespace dps::server
