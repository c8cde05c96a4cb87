#pragma once
// The adversary of small-cell protection (issue 16): someone who has read every published cell of
// a breakdown, for every area they can see, and knows how areas nest and each DPS's total. The
// unknown counts (one per DPS and code) are integers >= 0; every published figure says something
// linear about them:
//   a value                          sum of the area's DPS counts  = value
//   "<k"                             1 <= sum                      <= k-1
//   "–" (hidden)                     sum                           >= k
//   withheld (the whole breakdown)   nothing
//   a DPS's total over some months   sum of its codes              = total
// (a cell of a period being the sum over its months, so overlapping periods can be subtracted; a
// published code may itself be a sum of codes, as a tutorial's started is its completed and left)
// and for every cell that is not shown exactly, attack() works out the least and the most it can
// be: exactly over the integers (GLPK's branch and bound) or by linear programming (GLPK's
// simplex; the constraints are sums over nested areas and over one area's codes, two laminar
// families, so the matrix is totally unimodular and the bounds are integers all the same). The
// unknowns no constraint ties together (two periods that do not overlap) are solved apart.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace dps::test {

// Integer unknowns >= 0 and linear constraints on sums of them, solved with GLPK.
class LinearAdversary {
public:
    LinearAdversary();
    ~LinearAdversary();
    LinearAdversary(const LinearAdversary&) = delete;
    LinearAdversary& operator=(const LinearAdversary&) = delete;

    int unknown(); // a new count >= 0
    // lo <= sum of the unknowns <= hi (no hi: unbounded above).
    void sumBetween(const std::vector<int>& unknowns, std::int64_t lo, std::optional<std::int64_t> hi);

    struct Range {
        std::int64_t min = 0, max = 0;
        bool unbounded = false; // no most
        [[nodiscard]] bool single() const { return !unbounded && min == max; }
    };
    // The least and the most the sum can be; throws if the constraints contradict each other.
    Range range(const std::vector<int>& unknowns, bool integer);

private:
    struct Problem;
    std::unique_ptr<Problem> p_;
};

// One breakdown (languages, audiences…) as the adversary reads it from the pages, every period at
// once: periods are runs of months ("2025-01..2025-12"), and where two overlap (a rolling twelve
// months beside a calendar year) the unknowns are kept per run of months that no period splits,
// so a period's cell is the sum of its runs and one period can be subtracted from another.
struct PublishedBreakdown {
    enum class Kind { Value, Small, Hidden, Withheld };
    struct Cell {
        Kind kind = Kind::Value;
        std::int64_t value = 0; // Value only
    };
    using Key = std::tuple<std::string, std::string, std::string>; // area, period, code
    int k = 5;
    // The DPS each area covers (a DPS covers itself).
    std::map<std::string, std::vector<std::string>> areas;
    // What was read; a cell read twice (a DPS page and its report) is kept twice.
    std::multimap<Key, Cell> cells;
    // (area, period) read as withheld: every code of it could be anything.
    std::set<std::pair<std::string, std::string>> withheld;
    // A DPS's total of the breakdown over the months from..to (YYYY-MM): the sum of its codes,
    // those that are not sums.
    std::function<std::int64_t(const std::string& dps, const std::string& from, const std::string& to)> total;
    // The codes published as sums of others (a tutorial's started: its completed and its left).
    std::map<std::string, std::vector<std::string>> sums;
};

struct CellRange {
    std::string area, period, code;
    PublishedBreakdown::Kind kind;
    LinearAdversary::Range range;
};

// The range of every cell read as "<k", hidden or withheld (each area, period and code once; the
// codes are those read anywhere in the breakdown, and those its sums add up).
std::vector<CellRange> attack(const PublishedBreakdown& published, bool integer);

} // namespace dps::test
