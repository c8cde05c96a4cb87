#pragma once
#include "dps/config/Schema.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dps::server {

// Everything an administrator can set in server.toml (docs/server.md, server/server.toml).
struct ServerSettings {
    std::filesystem::path database;
    std::string listen;
    std::int64_t threads = 0;
    std::int64_t maxBodyBytes = 0;
    std::int64_t maxDecompressedBytes = 0;
    bool trustForwardedFor = false;
    std::filesystem::path tlsCertificate;
    std::filesystem::path tlsKey;
    std::int64_t requestsPerMinute = 0;
    std::int64_t enrollPerMinute = 0;
    std::int64_t enrollmentCodeDays = 0;
    std::string logLevel;
};

const config::Schema<ServerSettings>& serverSchema();

inline constexpr const char* kDefaultServerConfigPath = "/etc/dps-server/server.toml";

} // namespace dps::server
