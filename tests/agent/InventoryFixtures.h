#pragma once
// The inventory tests' machines: sysfs and procfs trees under tests/fixtures/inventory/ (laptop,
// desktop, chromebook, and the visitors' devices to plug into them).
#include <filesystem>
#include <string>

namespace dps::test {

inline const std::filesystem::path kInventoryFixtures =
    std::filesystem::path(DPS_SOURCE_DIR) / "tests/fixtures/inventory";

inline std::filesystem::path inventoryFixture(const std::string& machine) { return kInventoryFixtures / machine; }

} // namespace dps::test
