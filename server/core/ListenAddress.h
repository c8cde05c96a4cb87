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

// True for a host only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost".
// Any other name could resolve to a public address, so it is not loopback.
[[nodiscard]] bool isLoopbackHost(std::string_view host);

} // namespace dps::server
