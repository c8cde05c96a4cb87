#pragma once
// "HOST:PORT" as [http] listen and --listen take it; an IPv6 host is written in brackets,
// "[::1]:8080". Port 0 asks the system for any free port (tests).
#include <optional>
#include <string>
#include <string_view>

namespace dps::server {

struct ListenAddress {
    std::string host;
    int port = 0;
};

[[nodiscard]] std::optional<ListenAddress> parseListenAddress(std::string_view text);

} // namespace dps::server
