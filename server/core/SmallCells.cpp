#include "SmallCells.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace dps::server {
namespace {

constexpr std::int64_t kImpossible = std::numeric_limits<std::int64_t>::max() / 4;
// A hidden cell costs its area's weight (how many DPS it covers: the region's cells are read by
// everyone) times this, plus its value, so that among equals the smallest is hidden.
constexpr std::int64_t kCellCost = 1000;

std::int64_t plus(std::int64_t a, std::int64_t b) { return a >= kImpossible || b >= kImpossible ? kImpossible : a + b; }

enum class State : std::uint8_t { Exact, Small, Hidden };

// What it takes to move two cells of one area, (area, code) by +d and (area, other) by -d: hiding
// either, or withholding the area's whole breakdown (then every cell of it may be anything from 0).
struct Step {
    int area = -1;
    std::int64_t cost = kImpossible;
    bool hideCode = false, hideOther = false, withhold = false;
};

// A small cell's alternative: (n, code) moves by d, (n, other) by -d, and so do the areas on a path
// from n down to one DPS and from n up to `top`; then `partner`, a sibling of top, and a path
// below it move the other way, so that top's parent sees no change. No partner: top is the root.
struct Shift {
    std::int64_t cost = kImpossible;
    int other = -1, d = 0, top = -1, partner = -1;
};

class Protector {
public:
    Protector(const AreaBreakdowns& table, int k) : k_(k), codes_(table.codes.size()) {
        if (k < 3) throw std::invalid_argument("small-cell protection needs k >= 3");
        if (codes_ < 2) throw std::invalid_argument("a breakdown needs at least two codes to be protected");
        build(table);
    }

    std::vector<ProtectedBreakdown> run(const AreaBreakdowns& table) {
        std::vector<std::pair<int, int>> primaries; // (area, code)
        for (int a = 0; a < static_cast<int>(parent_.size()); ++a)
            for (int c = 0; c < static_cast<int>(codes_); ++c)
                if (value(a, c) >= 1 && value(a, c) < k_) {
                    state(a, c) = State::Small;
                    primaries.emplace_back(a, c);
                }
        // The region first, then the municipalities, then the DPS: the tables most read get their
        // hidden cells chosen first, and the smaller areas mostly reuse them.
        std::stable_sort(primaries.begin(), primaries.end(),
                         [this](const auto& x, const auto& y) { return depth_[x.first] < depth_[y.first]; });
        for (const auto& [area, code] : primaries)
            apply(area, code, cheapestShift(area, code));
        return shown(table);
    }

private:
    std::int64_t& value(int a, int c) { return values_[static_cast<std::size_t>(a) * codes_ + c]; }
    State& state(int a, int c) { return states_[static_cast<std::size_t>(a) * codes_ + c]; }

    // The effective tree: an area with a single child is merged with it (the same visits, so the
    // same cells); values summed from the DPS up.
    void build(const AreaBreakdowns& table) {
        const int n = static_cast<int>(table.areas.size());
        if (n == 0) throw std::invalid_argument("no area");
        std::vector<std::vector<int>> children(n);
        for (int i = 0; i < n; ++i) {
            const int p = table.areas[i].parent;
            if ((i == 0) != (p < 0) || p >= i) throw std::invalid_argument("areas[0] is the root; parents come first");
            if (p >= 0) children[p].push_back(i);
        }
        rep_.assign(n, -1);
        for (int i = n - 1; i >= 0; --i)
            rep_[i] = children[i].size() == 1 ? rep_[children[i][0]] : i;
        std::vector<int> index(n, -1); // an original area that stands for itself → its effective index
        for (int i = 0; i < n; ++i)
            if (rep_[i] == i) {
                index[i] = static_cast<int>(parent_.size());
                int p = table.areas[i].parent;
                while (p >= 0 && rep_[p] == i)
                    p = table.areas[p].parent;
                parent_.push_back(p < 0 ? -1 : index[rep_[p]]);
            }
        for (int& r : rep_)
            r = index[r];
        const int m = static_cast<int>(parent_.size());
        children_.assign(m, {});
        depth_.assign(m, 0);
        for (int a = 1; a < m; ++a) {
            children_[parent_[a]].push_back(a);
            depth_[a] = depth_[parent_[a]] + 1;
        }
        values_.assign(static_cast<std::size_t>(m) * codes_, 0);
        states_.assign(values_.size(), State::Exact);
        weight_.assign(m, 0);
        withheld_.assign(m, false);
        for (int i = 0; i < n; ++i) {
            if (!children[i].empty()) continue;
            const auto& counts = table.areas[i].counts;
            if (counts.size() != codes_) throw std::invalid_argument("an area's counts do not match the codes");
            for (std::size_t c = 0; c < codes_; ++c)
                if (counts[c] < 0) throw std::invalid_argument("a negative count");
            for (int a = rep_[i]; a >= 0; a = parent_[a]) {
                ++weight_[a];
                for (std::size_t c = 0; c < codes_; ++c)
                    value(a, static_cast<int>(c)) += counts[c];
            }
        }
    }

    std::int64_t hideCost(int a, std::int64_t v) const { return weight_[a] * (kCellCost + std::min(v, kCellCost - 1)); }

    // Withholding an area's breakdown takes every shown cell of it: four times hiding each.
    std::int64_t withholdCost(int a) {
        std::int64_t exact = 0;
        for (int c = 0; c < static_cast<int>(codes_); ++c)
            exact += state(a, c) == State::Exact;
        return 4 * weight_[a] * kCellCost * std::max<std::int64_t>(exact, 1);
    }

    Step stepAt(int a, int code, int other, int d) {
        Step best;
        best.area = a;
        if (!withheld_[a]) {
            std::int64_t cost = 0;
            const auto movable = [&](int c, std::int64_t delta, bool& hide) {
                const std::int64_t v = value(a, c), nv = v + delta;
                switch (state(a, c)) {
                case State::Small: return nv >= 1 && nv < k_;
                case State::Hidden: return nv >= k_;
                case State::Exact:
                    if (v < k_ || nv < k_) return false; // a 0 cannot be hidden: "–" says k or more
                    hide = true;
                    cost += hideCost(a, v);
                    return true;
                }
                return false;
            };
            bool hideCode = false, hideOther = false;
            if (movable(code, d, hideCode) && movable(other, -d, hideOther))
                best = {a, cost, hideCode, hideOther, false};
        }
        if (value(a, code) + d >= 0 && value(a, other) - d >= 0) {
            const std::int64_t cost = withheld_[a] ? 0 : withholdCost(a);
            if (cost < best.cost) best = {a, cost, false, false, !withheld_[a]};
        }
        return best;
    }

    // The cheapest path from a's children down to one DPS, each area on it moving (code +d, other
    // -d); 0 when a is a DPS. next: the child it goes through.
    std::int64_t downCost(int a, int code, int other, int d, int* next = nullptr) {
        if (children_[a].empty()) return 0;
        std::int64_t best = kImpossible;
        for (const int ch : children_[a]) {
            const std::int64_t here = stepAt(ch, code, other, d).cost;
            if (here >= best) continue;
            const std::int64_t total = plus(here, downCost(ch, code, other, d));
            if (total < best) {
                best = total;
                if (next) *next = ch;
            }
        }
        return best;
    }

    Shift cheapestShift(int n, int code) {
        Shift best;
        for (int other = 0; other < static_cast<int>(codes_); ++other) {
            if (other == code) continue;
            for (const int d : {+1, -1}) {
                const std::int64_t base = plus(stepAt(n, code, other, d).cost, downCost(n, code, other, d));
                std::int64_t up = 0;
                for (int top = n; plus(base, up) < best.cost;) {
                    const int p = parent_[top];
                    if (p < 0) {
                        best = {plus(base, up), other, d, top, -1};
                        break;
                    }
                    for (const int sibling : children_[p]) {
                        if (sibling == top) continue;
                        std::int64_t total = plus(plus(base, up), stepAt(sibling, code, other, -d).cost);
                        if (total >= best.cost) continue;
                        total = plus(total, downCost(sibling, code, other, -d));
                        if (total < best.cost) best = {total, other, d, top, sibling};
                    }
                    up = plus(up, stepAt(p, code, other, d).cost);
                    top = p;
                }
            }
        }
        // Always found: withholding every area from the cell's up to the root lets one unit go from
        // the cell's code to any other.
        if (best.cost >= kImpossible) throw std::logic_error("no alternative for a small cell");
        return best;
    }

    void take(const Step& s, int code, int other) {
        if (s.withhold) withheld_[s.area] = true;
        if (s.hideCode) state(s.area, code) = State::Hidden;
        if (s.hideOther) state(s.area, other) = State::Hidden;
    }

    void takeDown(int a, int code, int other, int d) {
        while (!children_[a].empty()) {
            int next = -1;
            downCost(a, code, other, d, &next);
            take(stepAt(next, code, other, d), code, other);
            a = next;
        }
    }

    void apply(int n, int code, const Shift& s) {
        // Each step is read before it is taken: taking one changes what the next would cost.
        const auto go = [&](int a, int d) { take(stepAt(a, code, s.other, d), code, s.other); };
        go(n, s.d);
        takeDown(n, code, s.other, s.d);
        for (int a = n; a != s.top;) {
            a = parent_[a];
            go(a, s.d);
        }
        if (s.partner >= 0) {
            go(s.partner, -s.d);
            takeDown(s.partner, code, s.other, -s.d);
        }
    }

    std::vector<ProtectedBreakdown> shown(const AreaBreakdowns& table) {
        std::vector<ProtectedBreakdown> out(table.areas.size());
        for (std::size_t i = 0; i < table.areas.size(); ++i) {
            const int a = rep_[i];
            out[i].withheld = withheld_[a];
            for (std::size_t c = 0; c < codes_; ++c) {
                ShownCell cell{table.codes[c], Shown::Hidden, 0};
                if (!withheld_[a]) {
                    const State st = state(a, static_cast<int>(c));
                    if (st == State::Exact) cell = {table.codes[c], Shown::Value, value(a, static_cast<int>(c))};
                    if (st == State::Small) cell.shown = Shown::LessThanK;
                }
                out[i].cells.push_back(std::move(cell));
            }
        }
        return out;
    }

    const int k_;
    const std::size_t codes_;
    std::vector<int> rep_;    // original area → effective area
    std::vector<int> parent_; // effective tree
    std::vector<std::vector<int>> children_;
    std::vector<int> depth_;
    std::vector<std::int64_t> weight_; // DPS under the area
    std::vector<std::int64_t> values_; // area × code
    std::vector<State> states_;
    std::vector<bool> withheld_;
};

} // namespace

std::vector<ProtectedBreakdown> protectAreas(const AreaBreakdowns& table, int k) {
    return Protector(table, k).run(table);
}

} // namespace dps::server
