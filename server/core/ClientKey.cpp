#include "server/core/ClientKey.h"

#include <arpa/inet.h>

#include <array>
#include <cstdio>
#include <cstring>

namespace dps::server {

std::string clientKey(std::string_view address) {
    const std::string text(address.substr(0, 64));
    std::array<unsigned char, 16> v6{};
    // inet_pton: the whole text must be an address (no zone, no brackets, nothing after it).
    if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return text;
    static constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(v6.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
        char v4[INET_ADDRSTRLEN];
        if (inet_ntop(AF_INET, v6.data() + 12, v4, sizeof v4) != nullptr) return v4;
    }
    char key[48];
    std::snprintf(key, sizeof key, "%x:%x:%x:%x::/64", (v6[0] << 8) | v6[1], (v6[2] << 8) | v6[3], (v6[4] << 8) | v6[5],
                  (v6[6] << 8) | v6[7]);
    return key;
}

} // namespace dps::server
