#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace dps::test {

// Pixels as 0xRRGGBB, for assertions on what a screen shows.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint32_t> pixels;
};

Image loadPng(const std::filesystem::path& file);
// X's window dump format (xwd), as written for a 24/32-bit TrueColor screen.
Image loadXwd(const std::filesystem::path& file);

// How many different colours: a blank or one-colour screen has very few.
std::size_t distinctColours(const Image& img);
// Share of pixels that differ between two images of the same size (1.0 when sizes differ).
double differingShare(const Image& a, const Image& b);

} // namespace dps::test
