// Small-cell protection (server/core/SmallCells) against its adversary: someone who reads every
// area's protected breakdown, knows how the areas nest and each DPS's total. One area alone is
// checked by brute force (every count the cells could have); trees of areas by GLPK's exact
// integer bounds (tests/support/CellAdversary). The attack on the former per-table protection is
// kept as a test of its own: the adversary must find what it found.
#include "server/core/SmallCells.h"
#include "CellAdversary.h"
#include "server/dashboard/BreakdownTables.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

namespace dps::server {
namespace {

using test::PublishedBreakdown;

// One area: the region alone.
ProtectedBreakdown protectOne(const std::vector<std::pair<std::string, std::int64_t>>& counts, int k) {
    AreaBreakdowns t;
    t.areas.push_back({-1, {}});
    for (const auto& [code, n] : counts) {
        t.codes.push_back(code);
        t.areas[0].counts.push_back(n);
    }
    return protectAreas(t, k).at(0);
}

// Every count each cell of one area can have, given what is shown and the true sum (brute force).
std::vector<std::set<std::int64_t>> possibleValues(const ProtectedBreakdown& b, std::int64_t sum, int k) {
    const std::size_t n = b.cells.size();
    std::vector<std::set<std::int64_t>> possible(n);
    std::vector<std::int64_t> value(n);
    std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t i, std::int64_t left) {
        if (i == n) {
            if (left == 0)
                for (std::size_t j = 0; j < n; ++j)
                    possible[j].insert(value[j]);
            return;
        }
        const ShownCell& c = b.cells[i];
        std::int64_t lo = 0, hi = left;
        if (c.shown == Shown::Value) lo = hi = c.value;
        if (c.shown == Shown::LessThanK && !b.withheld) lo = 1, hi = std::min<std::int64_t>(k - 1, left);
        if (c.shown == Shown::Hidden && !b.withheld) lo = k;
        for (std::int64_t v = lo; v <= hi && v <= left; ++v) {
            value[i] = v;
            walk(i + 1, left - v);
        }
    };
    walk(0, sum);
    return possible;
}

void expectNoSmallCellCanBeTold(const std::vector<std::pair<std::string, std::int64_t>>& counts, int k) {
    const ProtectedBreakdown b = protectOne(counts, k);
    std::int64_t sum = 0;
    for (const auto& [code, n] : counts)
        sum += n;
    const auto possible = possibleValues(b, sum, k);
    std::string shown;
    for (const auto& c : b.cells)
        shown += c.code + "=" +
                 (c.shown == Shown::Value       ? std::to_string(c.value)
                  : c.shown == Shown::LessThanK ? "<k"
                                                : "-") +
                 " ";
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const std::int64_t n = counts[i].second;
        if (n >= 1 && n < k) {
            EXPECT_NE(b.cells[i].shown, Shown::Value) << "a small cell is shown: " << shown;
            EXPECT_GE(possible[i].size(), 2u) << counts[i].first << " can be told from " << shown << "(k=" << k << ")";
        }
        EXPECT_TRUE(possible[i].count(n)) << "the truth must stay possible: " << shown;
    }
}

// A random tree: the region, `municipalities` under it, 1 to maxDps DPS under each (a
// municipality of one DPS included), counts mostly small.
AreaBreakdowns randomTree(std::mt19937& rng, int municipalities, int maxDps, int codes, int k) {
    AreaBreakdowns t;
    for (int c = 0; c < codes; ++c)
        t.codes.push_back("c" + std::to_string(c));
    t.areas.push_back({-1, {}});
    for (int m = 0; m < municipalities; ++m) {
        const int parent = static_cast<int>(t.areas.size());
        t.areas.push_back({0, {}});
        const int dps = 1 + static_cast<int>(rng() % maxDps);
        for (int d = 0; d < dps; ++d) {
            AreaBreakdowns::Area a{parent, {}};
            for (int c = 0; c < codes; ++c) {
                const int roll = static_cast<int>(rng() % 10);
                a.counts.push_back(roll < 3   ? 0
                                   : roll < 7 ? 1 + static_cast<int>(rng() % (k - 1))
                                              : k + static_cast<int>(rng() % 12));
            }
            t.areas.push_back(std::move(a));
        }
    }
    return t;
}

std::string areaName(int i) { return "a" + std::to_string(i); }

// Every area's true counts (the DPS's summed up), by area index: the codes, then the sums.
std::vector<std::vector<std::int64_t>> trueCounts(const AreaBreakdowns& t) {
    std::vector<std::vector<std::int64_t>> out(t.areas.size(),
                                               std::vector<std::int64_t>(t.codes.size() + t.sums.size(), 0));
    std::vector<bool> hasChildren(t.areas.size(), false);
    for (const auto& a : t.areas)
        if (a.parent >= 0) hasChildren[a.parent] = true;
    for (std::size_t i = 0; i < t.areas.size(); ++i) {
        if (hasChildren[i]) continue;
        for (int a = static_cast<int>(i); a >= 0; a = t.areas[a].parent)
            for (std::size_t c = 0; c < t.codes.size(); ++c)
                out[a][c] += t.areas[i].counts[c];
    }
    for (auto& area : out)
        for (std::size_t s = 0; s < t.sums.size(); ++s)
            for (const int c : t.sums[s].of)
                area[t.codes.size() + s] += area[c];
    return out;
}

// One period: the tree is protected for one period at a time.
constexpr const char* kPeriod = "2025-01..2025-12";

// What an account that sees `visible` areas reads of the protected tree.
PublishedBreakdown publish(const AreaBreakdowns& t, const std::vector<ProtectedBreakdown>& shown,
                           const std::vector<int>& visible, int k) {
    PublishedBreakdown p;
    p.k = k;
    std::vector<bool> hasChildren(t.areas.size(), false);
    for (const auto& a : t.areas)
        if (a.parent >= 0) hasChildren[a.parent] = true;
    const auto truth = trueCounts(t);
    std::map<std::string, std::int64_t> totals;
    for (std::size_t i = 0; i < t.areas.size(); ++i) {
        if (hasChildren[i]) continue;
        for (int a = static_cast<int>(i); a >= 0; a = t.areas[a].parent)
            p.areas[areaName(a)].push_back(areaName(static_cast<int>(i)));
        // Every DPS's total is given, even to an account that sees one DPS: a stronger adversary.
        for (std::size_t c = 0; c < t.codes.size(); ++c)
            totals[areaName(static_cast<int>(i))] += truth[i][c];
    }
    p.total = [totals](const std::string& dps, const std::string&, const std::string&) { return totals.at(dps); };
    for (const auto& sum : t.sums)
        for (const int c : sum.of)
            p.sums[sum.code].push_back(t.codes[c]);
    for (const int a : visible) {
        if (shown[a].withheld) {
            p.withheld.emplace(areaName(a), kPeriod);
            continue;
        }
        for (const auto& c : shown[a].cells) {
            PublishedBreakdown::Cell cell;
            cell.kind = c.shown == Shown::Value       ? PublishedBreakdown::Kind::Value
                        : c.shown == Shown::LessThanK ? PublishedBreakdown::Kind::Small
                                                      : PublishedBreakdown::Kind::Hidden;
            cell.value = c.value;
            p.cells.emplace(PublishedBreakdown::Key{areaName(a), kPeriod, c.code}, cell);
        }
    }
    return p;
}

// Every small count of the visible areas keeps two possible values; every shown figure is true;
// every hidden one is k or more. Returns how many small cells were checked.
int expectProtected(const AreaBreakdowns& t, const std::vector<ProtectedBreakdown>& shown,
                    const std::vector<int>& visible, int k, const std::string& context) {
    const auto truth = trueCounts(t);
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < t.areas.size(); ++i)
        index[areaName(static_cast<int>(i))] = static_cast<int>(i);
    std::map<std::string, int> code;
    for (std::size_t c = 0; c < t.codes.size(); ++c)
        code[t.codes[c]] = static_cast<int>(c);
    for (std::size_t c = 0; c < t.sums.size(); ++c)
        code[t.sums[c].code] = static_cast<int>(t.codes.size() + c);
    for (const int a : visible) {
        if (shown[a].withheld) continue;
        for (std::size_t c = 0; c < t.codes.size() + t.sums.size(); ++c) {
            const auto& cell = shown[a].cells[c];
            const std::int64_t n = truth[a][c];
            if (cell.shown == Shown::Value) {
                EXPECT_EQ(cell.value, n) << context;
            }
            if (cell.shown == Shown::LessThanK) {
                EXPECT_TRUE(n >= 1 && n < k) << context;
            }
            if (cell.shown == Shown::Hidden) {
                EXPECT_GE(n, k) << context;
            }
            EXPECT_FALSE(cell.shown == Shown::Value && n >= 1 && n < k) << "a small count shown: " << context;
        }
    }
    int checked = 0;
    for (const auto& r : test::attack(publish(t, shown, visible, k), true)) {
        const std::int64_t n = truth[index.at(r.area)][code.at(r.code)];
        EXPECT_TRUE(n >= r.range.min && (r.range.unbounded || n <= r.range.max))
            << context << ": the truth " << n << " of " << r.area << "/" << r.code << " is outside [" << r.range.min
            << ", " << r.range.max << "]";
        if (n >= 1 && n < k) {
            ++checked;
            EXPECT_FALSE(r.range.single()) << context << ": " << r.area << "/" << r.code << " = " << n
                                           << " is worked out from the published cells";
        }
    }
    return checked;
}

} // namespace

TEST(SmallCells, LargeCellsAreShownAsTheyAre) {
    const auto b = protectOne({{"fr", 40}, {"nl", 25}, {"en", 0}}, 5);
    EXPECT_FALSE(b.withheld);
    for (const auto& c : b.cells)
        EXPECT_EQ(c.shown, Shown::Value);
    EXPECT_EQ(b.cells[1].value, 25);
}

TEST(SmallCells, KBelowThreeIsRefused) {
    // "<2" would say 1.
    EXPECT_THROW(protectOne({{"fr", 1}, {"nl", 9}}, 2), std::invalid_argument);
}

TEST(SmallCellsAdversary, ASingleSmallCellIsNotLeftToTheSubtraction) {
    // 3 seniors among 50: "<5" alone would be 50 - 47 = 3.
    const std::vector<std::pair<std::string, std::int64_t>> counts{{"job_seekers", 30}, {"seniors", 3}, {"women", 17}};
    const auto b = protectOne(counts, 5);
    EXPECT_EQ(b.cells[1].shown, Shown::LessThanK);
    EXPECT_EQ(b.cells[2].shown, Shown::Hidden) << "the smallest large cell goes with it";
    EXPECT_EQ(b.cells[2].value, 0) << "a hidden value travels nowhere";
    EXPECT_EQ(b.cells[0].shown, Shown::Value);
    expectNoSmallCellCanBeTold(counts, 5);
}

TEST(SmallCellsAdversary, TwoOnesOrTwoFoursAreNotLeftToTheSum) {
    expectNoSmallCellCanBeTold({{"fr", 1}, {"nl", 1}, {"en", 20}}, 5); // 1 + 1: both pinned without more
    expectNoSmallCellCanBeTold({{"fr", 4}, {"nl", 4}, {"en", 20}}, 5); // 4 + 4 = 8: both 4
}

TEST(SmallCellsAdversary, TooFewVisitsWithholdTheWholeBreakdown) {
    const std::vector<std::pair<std::string, std::int64_t>> counts{{"fr", 1}, {"nl", 1}, {"en", 0}};
    const auto b = protectOne(counts, 5);
    EXPECT_TRUE(b.withheld);
    for (const auto& c : b.cells)
        EXPECT_EQ(c.shown, Shown::Hidden) << "zeros too: a 0 would tell the others are at least 1";
    expectNoSmallCellCanBeTold(counts, 5);
}

TEST(SmallCellsAdversary, RandomBreakdownsOfOneAreaNeverGiveASmallCellAway) {
    std::mt19937 rng(20261201);
    int withheld = 0, protectedSome = 0;
    for (int round = 0; round < 3000; ++round) {
        const int k = round % 2 ? 5 : 3;
        const int n = 2 + static_cast<int>(rng() % 4);
        std::vector<std::pair<std::string, std::int64_t>> counts;
        for (int i = 0; i < n; ++i) {
            // Mostly small counts: the hard cases.
            const int roll = static_cast<int>(rng() % 10);
            counts.emplace_back("c" + std::to_string(i), roll < 3   ? 0
                                                         : roll < 8 ? 1 + static_cast<int>(rng() % (k - 1))
                                                                    : k + static_cast<int>(rng() % 8));
        }
        const auto b = protectOne(counts, k);
        withheld += b.withheld;
        protectedSome += !b.withheld && std::any_of(b.cells.begin(), b.cells.end(),
                                                    [](const ShownCell& c) { return c.shown != Shown::Value; });
        expectNoSmallCellCanBeTold(counts, k);
        if (HasFailure()) return;
    }
    // The random cases really exercised both ways out.
    EXPECT_GT(withheld, 100);
    EXPECT_GT(protectedSome, 300);
}

// The attack on the former protection, each table on its own (before issue 16): DPS A (French 6,
// Dutch 10, English 3) and DPS B (French 40, Dutch 5) are the two DPS of one municipality. These
// are the cells the former dps-server published for the three annual reports of that year
// (/report?year=Y&dps=A, &dps=B, &municipality=M), as it served them.
TEST(SmallCellsAttack, PerTableProtectionLetsTheMunicipalityMinusANeighbourPinACell) {
    PublishedBreakdown p;
    p.k = 5;
    p.areas = {{"A", {"A"}}, {"B", {"B"}}, {"M", {"A", "B"}}};
    p.total = [](const std::string& dps, const std::string&, const std::string&) { return dps == "A" ? 19 : 45; };
    using K = PublishedBreakdown::Kind;
    const auto read = [&](const std::string& area, const std::string& code, K kind, std::int64_t v = 0) {
        p.cells.emplace(PublishedBreakdown::Key{area, kPeriod, code}, PublishedBreakdown::Cell{kind, v});
    };
    read("A", "fr", K::Hidden), read("A", "nl", K::Value, 10), read("A", "en", K::Small);
    read("B", "fr", K::Value, 40), read("B", "nl", K::Value, 5), read("B", "en", K::Value, 0);
    read("M", "fr", K::Value, 46), read("M", "nl", K::Hidden), read("M", "en", K::Small);
    bool pinned = false;
    for (const auto& r : test::attack(p, true))
        if (r.area == "A" && r.code == "en") {
            // M's French 46 minus B's 40 is A's 6, and A's 19 - 6 - 10 leaves 3.
            EXPECT_EQ(r.range.min, 3);
            EXPECT_EQ(r.range.max, 3);
            pinned = r.range.single();
        }
    EXPECT_TRUE(pinned) << "the adversary must find what the former pages gave away";

    // The same counts protected together: nothing small can be told, on any of the three.
    AreaBreakdowns t;
    t.codes = {"fr", "nl", "en"};
    t.areas = {{-1, {}}, {0, {}}, {1, {6, 10, 3}}, {1, {40, 5, 0}}};
    const auto shown = protectAreas(t, 5);
    EXPECT_GT(expectProtected(t, shown, {0, 1, 2, 3}, 5, "A and B together"), 0);
}

// The same attack in time, on one DPS's page: the former DPS page showed the rolling twelve
// months beside the reports' calendar years. 6 French, 3 Dutch, 10 English in August 2025, then
// 40 French and 5 English in March 2026; the cells are what the former protectBreakdown gave for
// each of the three tables (run on the former server/core/SmallCells.cpp).
TEST(SmallCellsAttack, PerTableProtectionLetsARollingYearMinusACalendarYearPinACell) {
    PublishedBreakdown p;
    p.k = 5;
    p.areas = {{"A", {"A"}}};
    p.total = [](const std::string&, const std::string& from, const std::string& to) -> std::int64_t {
        return (from <= "2025-08" && "2025-08" <= to ? 19 : 0) + (from <= "2026-03" && "2026-03" <= to ? 45 : 0);
    };
    using K = PublishedBreakdown::Kind;
    const auto read = [&](const std::string& period, const std::string& code, K kind, std::int64_t v = 0) {
        p.cells.emplace(PublishedBreakdown::Key{"A", period, code}, PublishedBreakdown::Cell{kind, v});
    };
    read("2025-01..2025-12", "fr", K::Hidden), read("2025-01..2025-12", "nl", K::Small);
    read("2025-01..2025-12", "en", K::Value, 10);
    read("2026-01..2026-12", "fr", K::Value, 40), read("2026-01..2026-12", "nl", K::Value, 0);
    read("2026-01..2026-12", "en", K::Value, 5);
    read("2025-06..2026-05", "fr", K::Value, 46), read("2025-06..2026-05", "nl", K::Small);
    read("2025-06..2026-05", "en", K::Hidden);
    bool pinned = false;
    for (const auto& r : test::attack(p, true))
        if (r.period == "2025-01..2025-12" && r.code == "nl") {
            // The rolling year's French 46 minus 2026's 40 is 2025's 6, and 19 - 6 - 10 leaves 3.
            EXPECT_EQ(r.range.min, 3);
            EXPECT_EQ(r.range.max, 3);
            pinned = r.range.single();
        }
    EXPECT_TRUE(pinned) << "the adversary must subtract one period from another";
}

TEST(SmallCellsTree, AMunicipalityOfOneDpsIsShownAsItsDps) {
    AreaBreakdowns t;
    t.codes = {"fr", "nl", "en"};
    t.areas = {{-1, {}}, {0, {}}, {1, {30, 2, 9}}, {0, {}}, {3, {50, 40, 7}}, {3, {12, 30, 0}}};
    const auto shown = protectAreas(t, 5);
    ASSERT_EQ(shown.size(), t.areas.size());
    EXPECT_EQ(shown[1].withheld, shown[2].withheld);
    for (std::size_t c = 0; c < t.codes.size(); ++c) {
        EXPECT_EQ(shown[1].cells[c].shown, shown[2].cells[c].shown) << t.codes[c];
        EXPECT_EQ(shown[1].cells[c].value, shown[2].cells[c].value) << t.codes[c];
    }
    EXPECT_EQ(shown[2].cells[1].shown, Shown::LessThanK);
    expectProtected(t, shown, {0, 1, 2, 3, 4, 5}, 5, "one DPS in a municipality");
}

TEST(SmallCellsTree, TheRegionSeesEveryAreaAndADpsAccountItsOwnAndNoSmallCellIsTold) {
    int checked = 0, hidden = 0, withheldRows = 0;
    for (const std::uint32_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
        std::mt19937 rng(seed);
        for (int round = 0; round < 12; ++round) {
            const int k = round % 3 == 0 ? 3 : 5;
            const auto t = randomTree(rng, 1 + static_cast<int>(rng() % 3), 3, 3 + static_cast<int>(rng() % 2), k);
            const auto shown = protectAreas(t, k);
            std::vector<int> all(t.areas.size());
            for (std::size_t i = 0; i < all.size(); ++i)
                all[i] = static_cast<int>(i);
            const std::string context = "seed " + std::to_string(seed) + " round " + std::to_string(round);
            checked += expectProtected(t, shown, all, k, context + " (region)");
            for (std::size_t i = 1; i < t.areas.size(); ++i)
                if (t.areas[i].counts.size() == t.codes.size())
                    expectProtected(t, shown, {static_cast<int>(i)}, k, context + " (its DPS " + areaName(i) + ")");
            for (const auto& b : shown) {
                withheldRows += b.withheld;
                for (const auto& c : b.cells)
                    hidden += !b.withheld && c.shown == Shown::Hidden;
            }
            if (HasFailure()) return;
        }
    }
    // The random trees really needed cells hidden across areas, and rows withheld.
    EXPECT_GT(checked, 500);
    EXPECT_GT(hidden, 200);
    EXPECT_GT(withheldRows, 5);
}

// Tutorials as BreakdownTables gives them: per tutorial its completed and its left, its started
// their sum, and each level's started and completed the sums of its tutorials' (when there are
// two levels or more).
void addTutorialSums(AreaBreakdowns& t, const std::vector<int>& levels) {
    std::map<int, std::vector<int>> started, completed;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const int c = static_cast<int>(t.codes.size());
        const std::string id = "t" + std::to_string(i);
        t.codes.push_back(id + ".completed");
        t.codes.push_back(id + ".left");
        t.sums.push_back({id + ".started", {c, c + 1}});
        started[levels[i]].insert(started[levels[i]].end(), {c, c + 1});
        completed[levels[i]].push_back(c);
    }
    for (const auto& [level, codes] : started) {
        if (started.size() < 2) break; // one level's figures would be the codes' total
        t.sums.push_back({"level-" + std::to_string(level) + ".started", codes});
        t.sums.push_back({"level-" + std::to_string(level) + ".completed", completed.at(level)});
    }
}

TEST(SmallCellsSums, ASumOfEveryCodeIsRefused) {
    // It would be the codes' total, which the protection takes as known: nothing could hide it.
    AreaBreakdowns t;
    t.codes = {"a.completed", "a.left"};
    t.areas = {{-1, {1, 0}}};
    t.sums = {{"a.started", {0, 1}}};
    EXPECT_THROW(protectAreas(t, 5), std::invalid_argument);
    t.sums = {{"twice", {0, 0}}};
    EXPECT_THROW(protectAreas(t, 5), std::invalid_argument);
}

// Protecting the counts alone, and publishing their sums as they are (as a page that adds up the
// protected table would): tutorial a was completed 3 times and left 20 times, b completed 30 and
// left 2. The two small counts protect each other (a.completed + 1, b.left - 1 changes no shown
// count), so nothing is hidden; but a's started, 23, minus its left, 20, is 3.
TEST(SmallCellsAttack, CountsProtectedWithoutTheirSumsLetAStartedPinACell) {
    AreaBreakdowns t;
    t.codes = {"a.completed", "a.left", "b.completed", "b.left"};
    t.areas = {{-1, {3, 20, 30, 2}}};
    const auto alone = protectAreas(t, 5);
    ASSERT_EQ(alone[0].cells[0].shown, Shown::LessThanK);
    ASSERT_EQ(alone[0].cells[1].shown, Shown::Value) << "the counts alone hide nothing";
    PublishedBreakdown p;
    p.k = 5;
    p.areas = {{"A", {"A"}}};
    p.total = [](const std::string&, const std::string&, const std::string&) { return 55; };
    p.sums = {{"a.started", {"a.completed", "a.left"}}, {"b.started", {"b.completed", "b.left"}}};
    using K = PublishedBreakdown::Kind;
    for (const auto& c : alone[0].cells)
        p.cells.emplace(PublishedBreakdown::Key{"A", kPeriod, c.code},
                        PublishedBreakdown::Cell{c.shown == Shown::Value ? K::Value : K::Small, c.value});
    p.cells.emplace(PublishedBreakdown::Key{"A", kPeriod, "a.started"}, PublishedBreakdown::Cell{K::Value, 23});
    p.cells.emplace(PublishedBreakdown::Key{"A", kPeriod, "b.started"}, PublishedBreakdown::Cell{K::Value, 32});
    bool pinned = false;
    for (const auto& r : test::attack(p, true))
        if (r.code == "a.completed") {
            EXPECT_EQ(r.range.min, 3);
            pinned = r.range.single();
        }
    EXPECT_TRUE(pinned) << "the adversary must subtract a count from its sum";

    // The sums protected with the counts: a's left or its started is hidden with its completed.
    t.sums = {{"a.started", {0, 1}}, {"b.started", {2, 3}}};
    const auto together = protectAreas(t, 5);
    EXPECT_GT(expectProtected(t, together, {0}, 5, "with the sums"), 0);
}

TEST(SmallCellsSums, ATutorialOpenedOnceAtADpsIsNotShownAndNothingTellsIt) {
    // The region, a municipality of two DPS and one of one; tutorials of levels 1, 1, 2 and 3.
    AreaBreakdowns t;
    addTutorialSums(t, {1, 1, 2, 3});
    t.areas = {{-1, {}},
               {0, {}},
               {1, {1, 0, 12, 3, 20, 6, 0, 0}}, // t0 completed once
               {1, {9, 2, 30, 4, 15, 5, 2, 1}},
               {0, {}},
               {4, {0, 0, 25, 9, 40, 10, 8, 7}}};
    const auto shown = protectAreas(t, 5);
    EXPECT_NE(shown[2].cells[0].shown, Shown::Value);
    EXPECT_NE(shown[2].cells[t.codes.size()].shown, Shown::Value) << "t0.started is 1 too";
    EXPECT_GT(expectProtected(t, shown, {0, 1, 2, 3, 4, 5}, 5, "the region"), 0);
    EXPECT_GT(expectProtected(t, shown, {2}, 5, "its DPS"), 0);
}

TEST(SmallCellsSums, RandomTreesOfTutorialsNeverGiveASmallCountAway) {
    int checked = 0, hidden = 0, withheldRows = 0, sumsChecked = 0;
    for (const std::uint32_t seed : {21u, 22u, 23u, 24u, 25u, 26u}) {
        std::mt19937 rng(seed);
        for (int round = 0; round < 8; ++round) {
            const int k = round % 4 == 0 ? 3 : 5;
            std::vector<int> levels;
            const int tutorials = 2 + static_cast<int>(rng() % 4);
            for (int i = 0; i < tutorials; ++i)
                levels.push_back(1 + static_cast<int>(rng() % 3));
            AreaBreakdowns t = randomTree(rng, 1 + static_cast<int>(rng() % 3), 3, 2 * tutorials, k);
            t.codes.clear();
            addTutorialSums(t, levels);
            const auto shown = protectAreas(t, k);
            std::vector<int> all(t.areas.size());
            for (std::size_t i = 0; i < all.size(); ++i)
                all[i] = static_cast<int>(i);
            const std::string context = "seed " + std::to_string(seed) + " round " + std::to_string(round);
            checked += expectProtected(t, shown, all, k, context + " (region)");
            for (std::size_t i = 1; i < t.areas.size(); ++i)
                if (!t.areas[i].counts.empty())
                    expectProtected(t, shown, {static_cast<int>(i)}, k, context + " (its DPS " + areaName(i) + ")");
            const auto truth = trueCounts(t);
            for (std::size_t a = 0; a < shown.size(); ++a) {
                withheldRows += shown[a].withheld;
                for (std::size_t c = 0; c < shown[a].cells.size(); ++c) {
                    hidden += !shown[a].withheld && shown[a].cells[c].shown == Shown::Hidden;
                    sumsChecked += c >= t.codes.size() && truth[a][c] >= 1 && truth[a][c] < k;
                }
            }
            if (HasFailure()) return;
        }
    }
    EXPECT_GT(checked, 300);
    EXPECT_GT(sumsChecked, 100) << "small sums (a started, a level) among them";
    EXPECT_GT(hidden, 100);
    EXPECT_GT(withheldRows, 5);
}

TEST(BreakdownPeriods, AMonthJoinsTheBreakdownsDelayDaysAfterItEnds) {
    // February 2026 ends on the 28th: with 7 days, it is in from 7 March on.
    EXPECT_EQ(settledMonth("2026-03-06", 7), "2026-01");
    EXPECT_EQ(settledMonth("2026-03-07", 7), "2026-01");
    EXPECT_EQ(settledMonth("2026-03-08", 7), "2026-02");
    EXPECT_EQ(settledMonth("2026-03-01", 0), "2026-02");
    EXPECT_EQ(settledMonth("2026-01-05", 7), "2025-11");
    EXPECT_EQ(settledMonth("2024-03-08", 7), "2024-02"); // a leap year's 29 February
    EXPECT_EQ(settledMonth("2024-03-07", 7), "2024-01");
    EXPECT_THROW(settledMonth("2026-02-30", 7), std::invalid_argument);

    // Calendar years, the settled one up to its settled month; none after it.
    EXPECT_EQ(breakdownPeriod(2025, "2026-02")->from, "2025-01");
    EXPECT_EQ(breakdownPeriod(2025, "2026-02")->to, "2025-12");
    EXPECT_EQ(breakdownPeriod(2026, "2026-02")->to, "2026-02");
    EXPECT_FALSE(breakdownPeriod(2026, "2025-11").has_value());
    EXPECT_TRUE(breakdownPeriod(2025, "2025-12")->wholeYear());
    EXPECT_FALSE(breakdownPeriod(2026, "2026-02")->wholeYear());
}

// Issue 20: the free-use sessions with the e-ID in the browser (or a USB stick) and those without
// are breakdowns like the others: a DPS where two sessions used the e-ID shows "<5", and the
// cells that could give it away are not shown exactly, in the DPS's and in its municipality's rows.
TEST(FreeUseBreakdowns, AFewSessionsWithTheEidAreASmallCellProtectedAsAnyOther) {
    BreakdownTables::Figures f;
    f.period = BreakdownPeriod{"2026-01", "2026-10"};
    f.dps = {{1, "Ixelles"}, {2, "Ixelles"}, {3, "Jette"}};
    f.sums[kFreeUseEidGroup] = {{1, {{"used", 2}, {"not_used", 40}}},
                                {2, {{"used", 12}, {"not_used", 30}}},
                                {3, {{"used", 9}, {"not_used", 50}}}};
    f.sums[kFreeUseUsbGroup] = {{1, {{"used", 0}, {"not_used", 42}}},
                                {2, {{"used", 6}, {"not_used", 36}}},
                                {3, {{"used", 7}, {"not_used", 52}}}};
    const BreakdownTables tables(f, 5);
    const auto dps1 = tables.find(kFreeUseEidGroup, Scope{1, std::nullopt});
    ASSERT_TRUE(dps1);
    ASSERT_FALSE(dps1->withheld);
    ASSERT_EQ(dps1->cells.size(), 2u);
    EXPECT_EQ(dps1->cells[0].code, "used");
    EXPECT_EQ(dps1->cells[0].shown, Shown::LessThanK);
    EXPECT_NE(dps1->cells[1].shown, Shown::Value) << "40 shown and the sessions known would give 2";
    const auto region = tables.find(kFreeUseEidGroup, Scope{});
    ASSERT_TRUE(region);
    EXPECT_EQ(region->cells[0].shown, Shown::Value);
    EXPECT_EQ(region->cells[0].value, 23);
    const auto usb = tables.find(kFreeUseUsbGroup, Scope{1, std::nullopt});
    ASSERT_TRUE(usb);
    EXPECT_EQ(usb->cells[0].shown, Shown::Value) << "0 is shown: no session used a stick";
    EXPECT_EQ(usb->cells[0].value, 0);
}

} // namespace dps::server
