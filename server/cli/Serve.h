#pragma once
// dps-server serve: the HTTP(S) server until SIGTERM or SIGINT.
#include "server/cli/ServerSettings.h"

#include <filesystem>
#include <optional>
#include <string>

namespace dps::server {

struct ServeOptions {
    std::optional<std::string> listen; // over http.listen
    std::filesystem::path portFile;    // receives the port once listening (tests ask for port 0)
};

// Returns the exit code: 0 after a clean stop, 1 when it could not start.
int serve(const ServerSettings& settings, const ServeOptions& options);

} // namespace dps::server
