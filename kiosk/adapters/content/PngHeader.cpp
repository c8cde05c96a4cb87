#include "kiosk/adapters/content/PngHeader.h"

#include <array>
#include <cstdint>
#include <fstream>

namespace dps::kiosk {

std::string checkPngFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::filesystem::exists(file) ? "cannot be read" : "not found";
    std::array<unsigned char, 24> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (in.gcount() < 24 || !std::equal(kSignature.begin(), kSignature.end(), head.begin()) || head[12] != 'I' ||
        head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
        return "is not a PNG file";
    }
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t{head[at]} << 24) | (std::uint32_t{head[at + 1]} << 16) |
               (std::uint32_t{head[at + 2]} << 8) | std::uint32_t{head[at + 3]};
    };
    const std::uint32_t w = be32(16), h = be32(20);
    if (w == 0 || h == 0 || w > 4096 || h > 4096) return "has an unusable size (at most 4096 x 4096 pixels)";
    return {};
}

} // namespace dps::kiosk
