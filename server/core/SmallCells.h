#pragma once
// Small-cell protection of a breakdown (languages, purposes, audiences…) published for a tree of
// areas: the region, its municipalities, their DPS (issue 16, docs/dashboard.md). A count of 1 to
// k-1 is shown as "<k"; other cells are hidden ("–", each known to be k or more) or, where even
// that cannot do, an area's whole breakdown is withheld, until no small count can be worked out
// from everything the tree publishes together: every area's cells, each area's total (which
// staff know from the visits) and the sums that tie an area to the areas inside it.
//
// The rule it keeps, cell by cell: for every small count there is another set of counts that
// differs from the true one in that cell and agrees with every published figure. Each small count
// is given one such alternative, built as a unit shift between two codes along the tree
// (+1 here, -1 there, so every total and every shown cell stays the same), and the cells the
// shift moves (the two codes and the sums that hold one of them but not the other) are hidden. Hiding more never spoils
// an alternative already built, so one pass over the small counts protects all of them. Plain logic, no I/O.
#include <cstdint>
#include <string>
#include <vector>

namespace dps::server {

enum class Shown {
    Value,     // the count as it is (0, or k and more)
    LessThanK, // "<k": a small count (1 to k-1)
    Hidden,    // a count of k or more, hidden so that the small ones stay small
};

struct ShownCell {
    std::string code;
    Shown shown = Shown::Value;
    std::int64_t value = 0; // only meaningful when shown == Value
};

struct ProtectedBreakdown {
    bool withheld = false;        // nothing of it is shown (every cell, zeros too, could be anything)
    std::vector<ShownCell> cells; // in the order of the codes, then of the sums
};

// One breakdown for a tree of areas. areas[0] is the root (the region); every other area names its
// parent, which comes before it. Counts are read for the areas without children (the DPS) and
// summed for the others. An area with a single child is the same visits as that child and is
// shown exactly as it is.
//
// Beside its codes a breakdown may publish sums of some of them (tutorials: a tutorial's
// "started" is its "completed" and its "left", a level's figures are its tutorials'): each is a
// cell too, protected as a code is, and the alternatives keep every sum that is shown exactly. The
// codes' total is taken as known whether or not it is published (stronger than any reader), so
// no sum may cover every code.
struct AreaBreakdowns {
    struct Area {
        int parent = -1;                  // -1 for the root only
        std::vector<std::int64_t> counts; // one per code; only read when the area has no children
    };
    struct Sum {
        std::string code;
        std::vector<int> of; // indexes into codes, each once; some code left out
    };
    std::vector<std::string> codes; // every code of the breakdown, zeros included (at least two)
    std::vector<Area> areas;
    std::vector<Sum> sums;
};

// Every area's breakdown, in the order of areas, protected together with k (k >= 3: "<2" would
// say 1). Its cells are the codes, then the sums.
[[nodiscard]] std::vector<ProtectedBreakdown> protectAreas(const AreaBreakdowns& table, int k);

} // namespace dps::server
