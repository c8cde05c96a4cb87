#include "dps/program/InstallFolder.h"

namespace dps::program {

std::filesystem::path programFolder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::filesystem::path shareFolder(std::string_view package) {
    return (programFolder() / ".." / "share" / package).lexically_normal();
}

} // namespace dps::program
