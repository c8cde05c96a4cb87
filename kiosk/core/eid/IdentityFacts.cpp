#include "kiosk/core/eid/IdentityFacts.h"

#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {
namespace {

// Zeroes the buffer however the function returns.
struct Wipe {
    std::span<std::uint8_t> buffer;
    ~Wipe() {
        if (!buffer.empty()) explicit_bzero(buffer.data(), buffer.size());
    }
};

std::optional<int> documentTypeNumber(std::span<const std::uint8_t> text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    int n = 0;
    for (auto c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

} // namespace

std::optional<std::chrono::year_month_day> parseCardDate(std::span<const std::uint8_t> t) {
    using namespace std::chrono;
    if (t.size() != 10 || t[2] != '.' || t[5] != '.') return std::nullopt;
    int v[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 3, 6}, lengths[3] = {2, 2, 4};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = 0; i < lengths[k]; ++i) {
            const auto c = t[starts[k] + i];
            if (c < '0' || c > '9') return std::nullopt;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    const year_month_day d{year{v[2]}, month{static_cast<unsigned>(v[1])}, day{static_cast<unsigned>(v[0])}};
    if (!d.ok()) return std::nullopt;
    return d;
}

std::optional<IdentityFacts> readIdentityFacts(std::span<std::uint8_t> file) {
    const Wipe wipe{file};
    IdentityFacts facts;
    std::size_t i = 0;
    while (i < file.size()) {
        const std::uint8_t tag = file[i++];
        // Tag 00 is the file structure version on cards since the version tag came in, and may
        // only open the file; anywhere else it is the padding after the last field, and what
        // follows is not read (as eid-mw's ParseTLV does).
        if (tag == 0x00 && i > 1) break;
        std::size_t length = 0;
        for (;;) {
            if (i >= file.size()) return std::nullopt;
            const std::uint8_t b = file[i++];
            length += b;
            if (b != 0xFF) break;
        }
        if (length > file.size() - i) return std::nullopt;
        const auto value = file.subspan(i, length);
        i += length;
        if (tag == 0x03) {
            facts.validFrom = parseCardDate(value);
            if (!facts.validFrom) return std::nullopt;
        } else if (tag == 0x04) {
            facts.validUntil = parseCardDate(value);
            if (!facts.validUntil) return std::nullopt;
        } else if (tag == 0x0F) {
            facts.documentType = documentTypeNumber(value);
            if (!facts.documentType) return std::nullopt;
        }
    }
    if (!facts.validUntil) return std::nullopt;
    return facts;
}

bool isKidsId(int t) { return t == 6 || (t >= 61 && t <= 69); }
bool isForeignerCard(int t) { return (t >= 11 && t <= 36) || (t >= 61 && t <= 69); }

} // namespace dps::kiosk::eid
