#include "Image.h"

#include "TempDir.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdexcept>
#include <unordered_set>

namespace dps::test {
namespace {

std::uint32_t be32(const std::string& b, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at))) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 1))) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 2))) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 3)));
}

} // namespace

Image loadPng(const std::filesystem::path& file) {
    SDL_Surface* raw = IMG_Load(file.c_str());
    if (!raw) throw std::runtime_error(file.string() + ": " + IMG_GetError());
    SDL_Surface* s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(raw);
    if (!s) throw std::runtime_error(file.string() + ": cannot convert");
    Image img{s->w, s->h, {}};
    img.pixels.resize(static_cast<std::size_t>(s->w) * static_cast<std::size_t>(s->h));
    for (int y = 0; y < s->h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) +
                                                                 static_cast<std::ptrdiff_t>(y) * s->pitch);
        for (int x = 0; x < s->w; ++x)
            img.pixels[static_cast<std::size_t>(y * s->w + x)] = row[x] & 0xFFFFFF;
    }
    SDL_FreeSurface(s);
    return img;
}

Image loadXwd(const std::filesystem::path& file) {
    const std::string b = readFile(file);
    if (b.size() < 100) throw std::runtime_error(file.string() + ": too short for an XWD file");
    const std::uint32_t headerSize = be32(b, 0), version = be32(b, 4), width = be32(b, 16), height = be32(b, 20);
    const std::uint32_t byteOrder = be32(b, 28), bitsPerPixel = be32(b, 44), bytesPerLine = be32(b, 48);
    const std::uint32_t redMask = be32(b, 56), greenMask = be32(b, 60), blueMask = be32(b, 64);
    const std::uint32_t ncolors = be32(b, 76);
    if (version != 7 || bitsPerPixel != 32) throw std::runtime_error(file.string() + ": unsupported XWD layout");
    const std::size_t data = headerSize + static_cast<std::size_t>(ncolors) * 12;
    if (b.size() < data + static_cast<std::size_t>(bytesPerLine) * height)
        throw std::runtime_error(file.string() + ": truncated XWD file");
    auto channel = [](std::uint32_t v, std::uint32_t mask) {
        int shift = 0;
        while (mask && !(mask & 1)) {
            mask >>= 1;
            ++shift;
        }
        return (v >> shift) & 0xFF;
    };
    Image img{static_cast<int>(width), static_cast<int>(height), {}};
    img.pixels.resize(static_cast<std::size_t>(width) * height);
    for (std::uint32_t y = 0; y < height; ++y) {
        for (std::uint32_t x = 0; x < width; ++x) {
            const std::size_t at = data + static_cast<std::size_t>(y) * bytesPerLine + x * 4;
            std::uint32_t v = be32(b, at);
            if (byteOrder == 0) v = __builtin_bswap32(v); // LSBFirst
            img.pixels[y * width + x] =
                (channel(v, redMask) << 16) | (channel(v, greenMask) << 8) | channel(v, blueMask);
        }
    }
    return img;
}

std::size_t distinctColours(const Image& img) {
    return std::unordered_set<std::uint32_t>(img.pixels.begin(), img.pixels.end()).size();
}

double differingShare(const Image& a, const Image& b) {
    if (a.width != b.width || a.height != b.height || a.pixels.empty()) return 1.0;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        differ += a.pixels[i] != b.pixels[i] ? 1 : 0;
    return static_cast<double>(differ) / static_cast<double>(a.pixels.size());
}

} // namespace dps::test
