#pragma once
// Mounted filesystems from /proc/mounts, real (block-backed) ones only, with their sizes.
#include "agent/inventory/SysRoot.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <utility>

namespace dps::agent::inventory {

// (total, free for unprivileged users) in bytes of the filesystem mounted at a path; nullopt if
// it cannot be asked. Tests inject fixed values since a fixture tree's mount points are not mounted.
using FsStat = std::function<std::optional<std::pair<std::int64_t, std::int64_t>>(const std::filesystem::path&)>;

std::optional<std::pair<std::int64_t, std::int64_t>> statvfsStat(const std::filesystem::path& mountPoint);

// Each mount point is given to `stat` as root.real(mountPoint).
void collectFilesystems(const SysRoot& root, Inventory& into, const FsStat& stat = statvfsStat);

} // namespace dps::agent::inventory
