#include "dps/core/Suggest.h"

#include <algorithm>
#include <vector>

namespace dps {
namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string> candidates) {
    std::optional<std::string> best;
    // Beyond two edits, or a third of the word, a suggestion is more noise than help.
    std::size_t bestDistance = 3;
    for (const auto& c : candidates) {
        const std::size_t d = editDistance(word, c);
        if (d < bestDistance && d * 3 <= word.size()) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

} // namespace dps
