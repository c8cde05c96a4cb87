// Small-cell protection against an adversary who sees the protected breakdown and knows its sum
// (the visits total is shown as it is): for every small cell, at least two values stay possible.
#include "core/SmallCells.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

namespace dps::server {
namespace {

// Every count each cell can have, given what is shown and the true sum (brute force).
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
        if (c.shown == Shown::LessThanK) lo = 1, hi = std::min<std::int64_t>(k - 1, left);
        if (c.shown == Shown::Hidden && !b.withheld) lo = k;
        for (std::int64_t v = lo; v <= hi && v <= left; ++v) {
            value[i] = v;
            walk(i + 1, left - v);
        }
    };
    walk(0, sum);
    return possible;
}

std::int64_t sumOf(const std::vector<Cell>& cells) {
    std::int64_t s = 0;
    for (const Cell& c : cells)
        s += c.count;
    return s;
}

void expectNoSmallCellCanBeTold(const std::vector<Cell>& cells, int k) {
    const ProtectedBreakdown b = protectBreakdown(cells, k);
    const auto possible = possibleValues(b, sumOf(cells), k);
    std::string shown;
    for (const auto& c : b.cells)
        shown += c.code + "=" +
                 (c.shown == Shown::Value       ? std::to_string(c.value)
                  : c.shown == Shown::LessThanK ? "<k"
                                                : "-") +
                 " ";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const bool small = cells[i].count >= 1 && cells[i].count < k;
        if (small) {
            EXPECT_NE(b.cells[i].shown, Shown::Value) << "a small cell is shown: " << shown;
            EXPECT_GE(possible[i].size(), 2u) << cells[i].code << " can be told from " << shown << "(k=" << k << ")";
        }
        EXPECT_TRUE(possible[i].count(cells[i].count)) << "the truth must stay possible: " << shown;
    }
}

} // namespace

TEST(SmallCells, LargeCellsAreShownAsTheyAre) {
    const auto b = protectBreakdown({{"fr", 40}, {"nl", 25}, {"en", 0}}, 5);
    EXPECT_FALSE(b.withheld);
    for (const auto& c : b.cells)
        EXPECT_EQ(c.shown, Shown::Value);
    EXPECT_EQ(b.cells[1].value, 25);
}

TEST(SmallCellsAdversary, ASingleSmallCellIsNotLeftToTheSubtraction) {
    // 3 seniors among 50: "<5" alone would be 50 - 47 = 3.
    const std::vector<Cell> cells{{"job_seekers", 30}, {"seniors", 3}, {"women", 17}};
    const auto b = protectBreakdown(cells, 5);
    EXPECT_EQ(b.cells[1].shown, Shown::LessThanK);
    EXPECT_EQ(b.cells[2].shown, Shown::Hidden) << "the smallest large cell goes with it";
    EXPECT_EQ(b.cells[2].value, 0) << "a hidden value travels nowhere";
    EXPECT_EQ(b.cells[0].shown, Shown::Value);
    expectNoSmallCellCanBeTold(cells, 5);
}

TEST(SmallCellsAdversary, TwoOnesOrTwoFoursAreNotLeftToTheSum) {
    expectNoSmallCellCanBeTold({{"fr", 1}, {"nl", 1}, {"en", 20}}, 5); // 1 + 1: both pinned without more
    expectNoSmallCellCanBeTold({{"fr", 4}, {"nl", 4}, {"en", 20}}, 5); // 4 + 4 = 8: both 4
}

TEST(SmallCellsAdversary, TooFewVisitsWithholdTheWholeBreakdown) {
    const std::vector<Cell> cells{{"fr", 1}, {"nl", 1}, {"en", 0}};
    const auto b = protectBreakdown(cells, 5);
    EXPECT_TRUE(b.withheld);
    for (const auto& c : b.cells)
        EXPECT_EQ(c.shown, Shown::Hidden) << "zeros too: a 0 would tell the others are at least 1";
    expectNoSmallCellCanBeTold(cells, 5);
}

TEST(SmallCellsAdversary, RandomBreakdownsNeverGiveASmallCellAway) {
    std::mt19937 rng(20261201);
    int withheld = 0, protectedSome = 0;
    for (int round = 0; round < 3000; ++round) {
        const int k = round % 2 ? 5 : 3;
        const int n = 2 + static_cast<int>(rng() % 4);
        std::vector<Cell> cells;
        for (int i = 0; i < n; ++i) {
            // Mostly small counts: the hard cases.
            const int roll = static_cast<int>(rng() % 10);
            cells.push_back({"c" + std::to_string(i), roll < 3   ? 0
                                                      : roll < 8 ? 1 + static_cast<int>(rng() % (k - 1))
                                                                 : k + static_cast<int>(rng() % 8)});
        }
        const auto b = protectBreakdown(cells, k);
        withheld += b.withheld;
        protectedSome += !b.withheld && std::any_of(b.cells.begin(), b.cells.end(),
                                                    [](const ShownCell& c) { return c.shown != Shown::Value; });
        expectNoSmallCellCanBeTold(cells, k);
        if (HasFailure()) return;
    }
    // The random cases really exercised both ways out.
    EXPECT_GT(withheld, 100);
    EXPECT_GT(protectedSome, 300);
}

} // namespace dps::server
