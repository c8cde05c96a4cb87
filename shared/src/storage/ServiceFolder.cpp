#include "dps/storage/ServiceFolder.h"
#include "dps/storage/StorageError.h"

#include <fmt/core.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dps::storage {

void refuseRootInServiceFolder(const std::filesystem::path& file, std::string_view program) {
    if (::geteuid() != 0) return;
    const std::filesystem::path folder = std::filesystem::absolute(file).parent_path();
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0 || st.st_uid == 0) return;
    const passwd* owner = ::getpwuid(st.st_uid);
    const std::string user = owner != nullptr ? owner->pw_name : std::to_string(st.st_uid);
    throw StorageError(fmt::format("{}: {} belongs to the user {}: run {} as that user (runuser -u {} -- {} …); "
                                   "as root it would leave files there that {} cannot open",
                                   file.string(), folder.string(), user, program, user, program, user));
}

} // namespace dps::storage
