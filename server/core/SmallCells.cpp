#include "SmallCells.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace dps::server {
namespace {

// Whether someone who sees the breakdown (values, "<k", hidden) and knows its sum could still not
// tell any small cell's count: each "<k" cell must keep at least two possible values.
// primaries: the small cells' count and sum; secondaries: how many cells of k or more are hidden.
bool safe(std::int64_t primaries, std::int64_t secondaries, std::int64_t hiddenSum, int k) {
    if (primaries == 0) return true;
    // A small cell is at most what the hidden sum leaves when the others are as small as they can
    // be (1 for a small cell, k for a hidden one)…
    const std::int64_t most = std::min<std::int64_t>(k - 1, hiddenSum - (primaries - 1) - secondaries * k);
    // …and at least what is left when the others are as large as they can be (k-1 for a small
    // cell; a hidden one has no bound, so then anything down to 1 is possible).
    const std::int64_t least =
        secondaries > 0 ? 1 : std::max<std::int64_t>(1, hiddenSum - (primaries - 1) * static_cast<std::int64_t>(k - 1));
    return most > least;
}

} // namespace

ProtectedBreakdown protectBreakdown(const std::vector<Cell>& cells, int k) {
    ProtectedBreakdown out;
    for (const Cell& c : cells)
        out.cells.push_back({c.code, Shown::Value, c.count});
    if (k <= 1) return out;
    std::int64_t primaries = 0, secondaries = 0, hiddenSum = 0;
    for (auto& c : out.cells)
        if (c.value >= 1 && c.value < k) {
            c.shown = Shown::LessThanK;
            ++primaries;
            hiddenSum += c.value;
        }
    while (!safe(primaries, secondaries, hiddenSum, k)) {
        // Hide the smallest shown cell of k or more (the least information lost); none left: the
        // breakdown cannot be shown at all.
        auto next = out.cells.end();
        for (auto it = out.cells.begin(); it != out.cells.end(); ++it)
            if (it->shown == Shown::Value && it->value >= k && (next == out.cells.end() || it->value < next->value))
                next = it;
        if (next == out.cells.end()) {
            // Zeros too: a 0 beside hidden cells would tell that those are at least 1.
            out.withheld = true;
            for (auto& c : out.cells) {
                c.shown = Shown::Hidden;
                c.value = 0;
            }
            return out;
        }
        next->shown = Shown::Hidden;
        ++secondaries;
        hiddenSum += next->value;
    }
    for (auto& c : out.cells)
        if (c.shown != Shown::Value) c.value = 0; // nothing hidden travels further, not even by mistake
    return out;
}

} // namespace dps::server
