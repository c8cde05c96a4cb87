#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dps {

// The candidate closest to a mistyped word (at most two edits, and a third of the word, away), for "did you mean …?".
std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string> candidates);

} // namespace dps
