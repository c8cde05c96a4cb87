#pragma once
// What the dashboard takes from the configuration, as plain values: it does not read the whole
// server.toml schema (server/cli's ServerSettings, whose dashboardSettings() fills this).
#include "server/services/StaffAuthSettings.h"

#include <cstdint>
#include <filesystem>

namespace dps::server {

struct DashboardSettings {
    std::filesystem::path webRoot; // dashboard.web_root; empty: <program>/../share/dps-server/web
    std::int64_t smallCellK = 0;
    std::int64_t breakdownDelayDays = 0;
    std::int64_t silentDays = 0;
    // The login's and the sessions' (its trustForwardedFor also says whose address a login is).
    StaffAuthSettings staffAuth;
};

} // namespace dps::server
