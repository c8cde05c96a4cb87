#include "server/core/LocalPath.h"

namespace dps::server {

bool isPlainLocalPath(std::string_view path) {
    if (path.empty() || path.front() != '/') return false;
    if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
    // Long enough for any page's address with its query; a longer one is nobody's page.
    if (path.size() > 2048) return false;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '\\') return false;
    }
    return true;
}

std::string localPathOrHome(std::string_view path) {
    return isPlainLocalPath(path) ? std::string(path) : std::string("/");
}

} // namespace dps::server
