#pragma once
#include <filesystem>
#include <string_view>

namespace dps::program {

// The folder of the running program: /usr/bin once installed, build/<preset>/bin in the build tree.
std::filesystem::path programFolder();

// The package's data beside bin/: /usr/share/<package> once installed, build/<preset>/share/<package>
// in the build tree, which mirrors /usr (CMakeLists.txt), so both are found the same way.
std::filesystem::path shareFolder(std::string_view package);

} // namespace dps::program
