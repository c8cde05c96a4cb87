#pragma once
// Small-cell protection of a breakdown (issue "dashboard"): a figure counting 1 to k-1 visits of
// an audience, a purpose, a language… is shown as "<k", and enough other cells are hidden that no
// hidden value can be worked out from the rest and the breakdown's sum (which staff may know from
// the visits total). When even hiding every cell cannot do that (2 visits, one French and one
// Dutch), the breakdown is withheld as a whole. Plain logic, no I/O.
#include <cstdint>
#include <string>
#include <vector>

namespace dps::server {

struct Cell {
    std::string code;
    std::int64_t count = 0;
};

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
    bool withheld = false;        // nothing of it can be shown
    std::vector<ShownCell> cells; // in the order given
};

// cells: every code of the breakdown, zeros included (a closed list such as languages or purposes
// must be given whole, or a single cell would be its own total).
[[nodiscard]] ProtectedBreakdown protectBreakdown(const std::vector<Cell>& cells, int k);

} // namespace dps::server
