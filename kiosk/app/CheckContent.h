#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace dps::kiosk {

// `dps-kiosk check-content DIR`: validates every tutorial, prints each problem as
// file:line:column: message and returns 1 if there was any (0 otherwise).
int checkContent(const std::filesystem::path& dir, const std::vector<std::string>& languages);

} // namespace dps::kiosk
