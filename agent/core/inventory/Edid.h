#pragma once
// Our own reading of a display's EDID (VESA E-EDID 1.3/1.4 base block, the first 128 bytes; the
// extension blocks after it are allowed and ignored). The inventory keeps only what identifies a
// monitor, so this reads the vendor/product section and the four display descriptors, nothing of
// the timings. A block that fails its checksum is rejected outright: a corrupted EDID would name a
// monitor that is not there.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dps::agent::inventory {

struct Edid {
    int version = 0, revision = 0; // 1 and 3 or 4
    std::string manufacturer;      // PNP id, three letters ("DEL"); empty if the bytes hold no letters
    std::uint16_t productCode = 0;
    std::uint32_t serialNumber = 0; // 0: the maker left it out
    int week = 0;                   // 1..54; 0 not given; 0xFF: `year` is a model year (EDID 1.4)
    int year = 0;
    // The text descriptors (tags 0xFC, 0xFF, 0xFE), cut at the line feed that ends them and
    // without the spaces that pad them; empty when the block has none.
    std::string name, serial, text;
    bool operator==(const Edid&) const = default;
};

struct EdidParse {
    std::optional<Edid> edid;
    std::string error; // why there is no edid: "is empty", "has a bad checksum: …"
};

inline constexpr std::size_t kEdidBlockSize = 128;

[[nodiscard]] EdidParse parseEdid(std::string_view bytes);

} // namespace dps::agent::inventory
