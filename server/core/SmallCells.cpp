#include "server/core/SmallCells.h"

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

// One unit moved from code `y` to code `x` (d = +1; d = -1 the other way): every cell it changes,
// with the sign of its change. The two codes, and each sum that holds one of them but not the
// other; the sums that hold both, or neither, stay as they are.
struct Move {
    int x = -1, y = -1;
    std::vector<std::pair<int, int>> cells; // (cell, +1 or -1)
};

// What it takes to move a Move's cells of one area: hiding those shown exactly, or withholding the
// area's whole breakdown (then every cell of it may be anything from 0).
struct Step {
    int area = -1;
    std::int64_t cost = kImpossible;
    bool withhold = false;
};

// A small cell's alternative: the move x <- y by d in the area n, and in the areas on a path from n
// down to one DPS and from n up to `top`; then `partner`, a sibling of top, and a path below it
// move the other way, so that top's parent sees no change. No partner: top is the root.
struct Shift {
    std::int64_t cost = kImpossible;
    int move = -1, d = 0, top = -1, partner = -1;
};

class Protector {
public:
    Protector(const AreaBreakdowns& table, int k)
        : k_(k), codes_(table.codes.size()), cells_(table.codes.size() + table.sums.size()) {
        if (k < 3) throw std::invalid_argument("small-cell protection needs k >= 3");
        if (codes_ < 2) throw std::invalid_argument("a breakdown needs at least two codes to be protected");
        buildMoves(table);
        build(table);
    }

    std::vector<ProtectedBreakdown> run(const AreaBreakdowns& table) {
        std::vector<std::pair<int, int>> primaries; // (area, cell)
        for (int a = 0; a < static_cast<int>(parent_.size()); ++a)
            for (int c = 0; c < static_cast<int>(cells_); ++c)
                if (value(a, c) >= 1 && value(a, c) < k_) {
                    state(a, c) = State::Small;
                    primaries.emplace_back(a, c);
                }
        // The region first, then the municipalities, then the DPS: the tables most read get their
        // hidden cells chosen first, and the smaller areas mostly reuse them.
        std::stable_sort(primaries.begin(), primaries.end(),
                         [this](const auto& x, const auto& y) { return depth_[x.first] < depth_[y.first]; });
        for (const auto& [area, cell] : primaries)
            apply(area, cheapestShift(area, cell));
        return shown(table);
    }

private:
    std::int64_t& value(int a, int c) { return values_[static_cast<std::size_t>(a) * cells_ + c]; }
    State& state(int a, int c) { return states_[static_cast<std::size_t>(a) * cells_ + c]; }
    bool holds(int cell, int code) const {
        return cell < static_cast<int>(codes_) ? cell == code : in_[cell - codes_][code];
    }

    // Every move between two codes, and for each cell the moves that change it by +d (x in it, y
    // not): the alternatives a small cell is given.
    void buildMoves(const AreaBreakdowns& table) {
        const int n = static_cast<int>(codes_);
        for (const auto& s : table.sums) {
            std::vector<bool> in(codes_, false);
            for (const int c : s.of) {
                if (c < 0 || c >= n || in[c]) throw std::invalid_argument("a sum's codes are not codes, or twice");
                in[c] = true;
            }
            if (s.of.empty() || s.of.size() == codes_)
                throw std::invalid_argument("a sum must leave out some code and hold one: " + s.code);
            in_.push_back(std::move(in));
        }
        movesOf_.assign(cells_, {});
        for (int x = 0; x < n; ++x)
            for (int y = 0; y < n; ++y) {
                if (x == y) continue;
                Move m{x, y, {{x, +1}, {y, -1}}};
                for (std::size_t s = 0; s < in_.size(); ++s)
                    if (in_[s][x] != in_[s][y]) m.cells.emplace_back(static_cast<int>(codes_ + s), in_[s][x] ? +1 : -1);
                const int index = static_cast<int>(moves_.size());
                for (int c = 0; c < static_cast<int>(cells_); ++c)
                    if (holds(c, x) && !holds(c, y)) movesOf_[c].push_back(index);
                moves_.push_back(std::move(m));
            }
    }

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
        values_.assign(static_cast<std::size_t>(m) * cells_, 0);
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
        for (int a = 0; a < m; ++a)
            for (std::size_t s = 0; s < in_.size(); ++s)
                for (std::size_t c = 0; c < codes_; ++c)
                    if (in_[s][c]) value(a, static_cast<int>(codes_ + s)) += value(a, static_cast<int>(c));
    }

    std::int64_t hideCost(int a, std::int64_t v) const { return weight_[a] * (kCellCost + std::min(v, kCellCost - 1)); }

    // Withholding an area's breakdown takes every shown cell of it: four times hiding each.
    std::int64_t withholdCost(int a) {
        std::int64_t exact = 0;
        for (int c = 0; c < static_cast<int>(cells_); ++c)
            exact += state(a, c) == State::Exact;
        return 4 * weight_[a] * kCellCost * std::max<std::int64_t>(exact, 1);
    }

    Step stepAt(int a, const Move& m, int d) {
        Step best;
        best.area = a;
        if (!withheld_[a]) {
            std::int64_t cost = 0;
            const auto movable = [&](int c, std::int64_t delta) {
                const std::int64_t v = value(a, c), nv = v + delta;
                switch (state(a, c)) {
                case State::Small: return nv >= 1 && nv < k_;
                case State::Hidden: return nv >= k_;
                case State::Exact:
                    if (v < k_ || nv < k_) return false; // a 0 cannot be hidden: "–" says k or more
                    cost += hideCost(a, v);
                    return true;
                }
                return false;
            };
            if (std::all_of(m.cells.begin(), m.cells.end(),
                            [&](const std::pair<int, int>& c) { return movable(c.first, c.second * d); }))
                best = {a, cost, false};
        }
        // Withheld, only the codes must stay counts (the sums are theirs).
        if (value(a, m.x) + d >= 0 && value(a, m.y) - d >= 0) {
            const std::int64_t cost = withheld_[a] ? 0 : withholdCost(a);
            if (cost < best.cost) best = {a, cost, !withheld_[a]};
        }
        return best;
    }

    // The cheapest path from a's children down to one DPS, each area on it making the move by d;
    // 0 when a is a DPS. next: the child it goes through.
    std::int64_t downCost(int a, const Move& m, int d, int* next = nullptr) {
        if (children_[a].empty()) return 0;
        std::int64_t best = kImpossible;
        for (const int ch : children_[a]) {
            const std::int64_t here = stepAt(ch, m, d).cost;
            if (here >= best) continue;
            const std::int64_t total = plus(here, downCost(ch, m, d));
            if (total < best) {
                best = total;
                if (next) *next = ch;
            }
        }
        return best;
    }

    Shift cheapestShift(int n, int cell) {
        Shift best;
        for (const int mi : movesOf_[cell]) {
            const Move& m = moves_[mi];
            for (const int d : {+1, -1}) {
                const std::int64_t base = plus(stepAt(n, m, d).cost, downCost(n, m, d));
                std::int64_t up = 0;
                for (int top = n; plus(base, up) < best.cost;) {
                    const int p = parent_[top];
                    if (p < 0) {
                        best = {plus(base, up), mi, d, top, -1};
                        break;
                    }
                    for (const int sibling : children_[p]) {
                        if (sibling == top) continue;
                        std::int64_t total = plus(plus(base, up), stepAt(sibling, m, -d).cost);
                        if (total >= best.cost) continue;
                        total = plus(total, downCost(sibling, m, -d));
                        if (total < best.cost) best = {total, mi, d, top, sibling};
                    }
                    up = plus(up, stepAt(p, m, d).cost);
                    top = p;
                }
                if (best.cost == 0) return best; // nothing cheaper
            }
        }
        // Always found: withholding every area from the cell's up to the root lets one unit go from
        // a code the cell holds to one it does not (there is one: no sum holds every code).
        if (best.cost >= kImpossible) throw std::logic_error("no alternative for a small cell");
        return best;
    }

    void take(const Step& s, const Move& m) {
        if (withheld_[s.area]) return;
        if (s.withhold) {
            withheld_[s.area] = true;
            return;
        }
        for (const auto& [c, sign] : m.cells)
            if (state(s.area, c) == State::Exact) state(s.area, c) = State::Hidden;
    }

    void takeDown(int a, const Move& m, int d) {
        while (!children_[a].empty()) {
            int next = -1;
            downCost(a, m, d, &next);
            take(stepAt(next, m, d), m);
            a = next;
        }
    }

    void apply(int n, const Shift& s) {
        const Move& m = moves_[s.move];
        // Each step is read before it is taken: taking one changes what the next would cost.
        const auto go = [&](int a, int d) { take(stepAt(a, m, d), m); };
        go(n, s.d);
        takeDown(n, m, s.d);
        for (int a = n; a != s.top;) {
            a = parent_[a];
            go(a, s.d);
        }
        if (s.partner >= 0) {
            go(s.partner, -s.d);
            takeDown(s.partner, m, -s.d);
        }
    }

    std::vector<ProtectedBreakdown> shown(const AreaBreakdowns& table) {
        std::vector<ProtectedBreakdown> out(table.areas.size());
        for (std::size_t i = 0; i < table.areas.size(); ++i) {
            const int a = rep_[i];
            out[i].withheld = withheld_[a];
            out[i].cells.reserve(cells_);
            for (std::size_t c = 0; c < cells_; ++c) {
                const std::string& code = c < codes_ ? table.codes[c] : table.sums[c - codes_].code;
                ShownCell cell{code, Shown::Hidden, 0};
                if (!withheld_[a]) {
                    const State st = state(a, static_cast<int>(c));
                    if (st == State::Exact) cell = {code, Shown::Value, value(a, static_cast<int>(c))};
                    if (st == State::Small) cell.shown = Shown::LessThanK;
                }
                out[i].cells.push_back(std::move(cell));
            }
        }
        return out;
    }

    const int k_;
    const std::size_t codes_; // the counted codes; the sums' cells follow them
    const std::size_t cells_;
    std::vector<std::vector<bool>> in_; // sum → the codes it holds
    std::vector<Move> moves_;
    std::vector<std::vector<int>> movesOf_; // cell → the moves that raise it (by d = +1)
    std::vector<int> rep_;                  // original area → effective area
    std::vector<int> parent_;               // effective tree
    std::vector<std::vector<int>> children_;
    std::vector<int> depth_;
    std::vector<std::int64_t> weight_; // DPS under the area
    std::vector<std::int64_t> values_; // area × cell
    std::vector<State> states_;
    std::vector<bool> withheld_;
};

} // namespace

std::vector<ProtectedBreakdown> protectAreas(const AreaBreakdowns& table, int k) {
    return Protector(table, k).run(table);
}

} // namespace dps::server
