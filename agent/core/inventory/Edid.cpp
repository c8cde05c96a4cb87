#include "agent/core/inventory/Edid.h"

#include <array>
#include <utility>

namespace dps::agent::inventory {

namespace {

constexpr std::array<unsigned char, 8> kHeader{0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
constexpr std::size_t kFirstDescriptor = 54, kDescriptorSize = 18, kDescriptorCount = 4;
constexpr unsigned char kTagSerial = 0xFF, kTagText = 0xFE, kTagName = 0xFC;

unsigned byteAt(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }

// Three 5-bit letters, 1 = 'A', in a big-endian word whose top bit is reserved.
std::string pnpId(unsigned hi, unsigned lo) {
    const unsigned word = hi << 8 | lo;
    std::string id;
    for (const int shift : {10, 5, 0}) {
        const unsigned letter = word >> shift & 0x1F;
        if (letter < 1 || letter > 26) return {}; // not a PNP id: say nothing rather than print '@'
        id += static_cast<char>('A' + letter - 1);
    }
    return id;
}

// A descriptor's 13 bytes of text end at a line feed and are padded with spaces after it. Bytes
// outside printable ASCII are dropped: the standard allows none, and the text ends up in JSON.
std::string descriptorText(std::string_view d) {
    std::string t;
    for (std::size_t i = 5; i < kDescriptorSize; ++i) {
        const unsigned c = byteAt(d, i);
        if (c == 0x0A) break;
        if (c >= 0x20 && c < 0x7F) t += static_cast<char>(c);
    }
    const auto first = t.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return t.substr(first, t.find_last_not_of(' ') - first + 1);
}

} // namespace

EdidParse parseEdid(std::string_view bytes) {
    if (bytes.empty()) return {std::nullopt, "is empty"};
    if (bytes.size() < kEdidBlockSize)
        return {std::nullopt, "is truncated: " + std::to_string(bytes.size()) + " bytes, a base block has 128"};
    for (std::size_t i = 0; i < kHeader.size(); ++i)
        if (byteAt(bytes, i) != kHeader[i]) return {std::nullopt, "has no EDID header"};
    unsigned sum = 0;
    for (std::size_t i = 0; i < kEdidBlockSize; ++i)
        sum += byteAt(bytes, i);
    if (sum % 256 != 0)
        return {std::nullopt,
                "has a bad checksum: its 128 bytes sum to " + std::to_string(sum % 256) + " modulo 256, not 0"};
    Edid e;
    e.version = static_cast<int>(byteAt(bytes, 18));
    e.revision = static_cast<int>(byteAt(bytes, 19));
    if (e.version != 1) return {std::nullopt, "is EDID version " + std::to_string(e.version) + ", not 1"};
    e.manufacturer = pnpId(byteAt(bytes, 8), byteAt(bytes, 9));
    e.productCode = static_cast<std::uint16_t>(byteAt(bytes, 10) | byteAt(bytes, 11) << 8);
    e.serialNumber =
        static_cast<std::uint32_t>(byteAt(bytes, 12)) | static_cast<std::uint32_t>(byteAt(bytes, 13)) << 8 |
        static_cast<std::uint32_t>(byteAt(bytes, 14)) << 16 | static_cast<std::uint32_t>(byteAt(bytes, 15)) << 24;
    e.week = static_cast<int>(byteAt(bytes, 16));
    e.year = 1990 + static_cast<int>(byteAt(bytes, 17));
    for (std::size_t n = 0; n < kDescriptorCount; ++n) {
        const std::string_view d = bytes.substr(kFirstDescriptor + n * kDescriptorSize, kDescriptorSize);
        // A pixel clock of zero marks a display descriptor; anything else is a detailed timing.
        if (byteAt(d, 0) != 0 || byteAt(d, 1) != 0) continue;
        std::string* into = nullptr;
        switch (byteAt(d, 3)) {
        case kTagName: into = &e.name; break;
        case kTagSerial: into = &e.serial; break;
        case kTagText: into = &e.text; break;
        default: break;
        }
        if (into && into->empty()) *into = descriptorText(d);
    }
    return {std::move(e), {}};
}

} // namespace dps::agent::inventory
