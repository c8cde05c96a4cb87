#pragma once
#include "dps/config/Schema.h"
#include "server/services/StaffAuthSettings.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dps::server {

// Everything an administrator can set in server.toml (docs/server.md, server/server.toml).
struct ServerSettings {
    std::filesystem::path database;
    std::string listen;
    bool listenBeyondLoopback = false;
    std::int64_t threads = 0;
    std::int64_t maxBodyBytes = 0;
    std::int64_t maxDecompressedBytes = 0;
    bool trustForwardedFor = false;
    std::filesystem::path tlsCertificate;
    std::filesystem::path tlsKey;
    std::int64_t requestsPerMinute = 0;
    std::int64_t enrollPerMinute = 0;
    std::int64_t inventoryBytesPerDay = 0;
    std::int64_t inventoryHistoryDays = 0;
    std::int64_t enrollmentCodeDays = 0;
    std::string logLevel;
    // The dashboard (docs/dashboard.md).
    std::filesystem::path webRoot; // empty: <program>/../share/dps-server/web
    std::int64_t smallCellK = 0;
    std::int64_t breakdownDelayDays = 0;
    std::int64_t silentDays = 0;
    std::int64_t sessionIdleMinutes = 0;
    std::int64_t sessionMaxHours = 0;
    std::int64_t loginFreeFailures = 0;
    std::int64_t loginNameFreeFailures = 0;
    std::int64_t loginMaxDelaySeconds = 0;
    std::int64_t loginHashesAtOnce = 0; // 0: one fewer than the cores, at least 1
};

const config::Schema<ServerSettings>& serverSchema();

// What StaffAuth takes of them (HttpApi's and the dashboard's are made in Serve.cpp).
StaffAuthSettings staffAuthSettings(const ServerSettings& settings);

inline constexpr const char* kDefaultServerConfigPath = "/etc/dps-server/server.toml";

} // namespace dps::server
