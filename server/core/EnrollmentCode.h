#pragma once
// The one-time code staff read out or type into a terminal: 80 random bits written as 16
// characters of Crockford's base32 (no I, L, O, U: nothing to mistake for 1, 0 or V) in four
// groups, "K7QM-3XPD-R2VA-9HTE". Typing is forgiving: case, spaces, dashes and the look-alikes
// O→0, I/L→1 are normalised before the code is hashed, so what is stored is the canonical form.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dps::server {

inline constexpr std::size_t kEnrollmentCodeBytes = 10; // 80 bits
inline constexpr std::size_t kEnrollmentCodeChars = 16;

// The grouped code for 10 random bytes.
[[nodiscard]] std::string formatEnrollmentCode(std::span<const std::uint8_t, kEnrollmentCodeBytes> random);

// The canonical 16 characters (upper case, no dashes) of what someone typed, or nothing when it
// cannot be a code (wrong length, a character outside the alphabet).
[[nodiscard]] std::optional<std::string> normaliseEnrollmentCode(std::string_view typed);

} // namespace dps::server
