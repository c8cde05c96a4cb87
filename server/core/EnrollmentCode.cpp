#include "server/core/EnrollmentCode.h"

namespace dps::server {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

} // namespace

std::string formatEnrollmentCode(std::span<const std::uint8_t, kEnrollmentCodeBytes> random) {
    // 80 bits are exactly 16 groups of 5: no padding, every character carries full entropy.
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const std::uint8_t byte : random) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            if (out.size() % 5 == 4) out += '-';
            out += kAlphabet[(buffer >> bits) & 0x1f];
        }
    }
    return out;
}

std::optional<std::string> normaliseEnrollmentCode(std::string_view typed) {
    if (typed.size() > 64) return std::nullopt;
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        out += c;
    }
    if (out.size() != kEnrollmentCodeChars) return std::nullopt;
    return out;
}

} // namespace dps::server
