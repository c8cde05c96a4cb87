#pragma once
#include <filesystem>
#include <string_view>

namespace dps::storage {

// Root opening a database in a folder that belongs to a service user (/var/lib/dps-agent …)
// would leave root-owned files there (the database, its -wal and -shm) that the service then
// cannot open. Throws StorageError saying which user to run as; does nothing when not root,
// when the folder belongs to root or does not exist yet.
void refuseRootInServiceFolder(const std::filesystem::path& file, std::string_view program);

} // namespace dps::storage
