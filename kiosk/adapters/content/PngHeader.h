#pragma once
#include <filesystem>
#include <string>

namespace dps::kiosk {

// Checks that a file exists and begins as a PNG with a sane size, without decoding it (the
// kiosk decodes a picture only when a step shows it). Returns "" or what is wrong.
std::string checkPngFile(const std::filesystem::path& file);

} // namespace dps::kiosk
