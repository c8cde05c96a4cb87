#pragma once
// What StaffAuth takes from the configuration, as plain values: the service does not read the
// whole server.toml schema (server/cli's ServerSettings, whose staffAuthSettings() fills this).
#include <cstdint>

namespace dps::server {

struct StaffAuthSettings {
    std::int64_t sessionIdleMinutes = 0;
    std::int64_t sessionMaxHours = 0;
    std::int64_t loginFreeFailures = 0;
    std::int64_t loginNameFreeFailures = 0;
    std::int64_t loginMaxDelaySeconds = 0;
    std::int64_t loginHashesAtOnce = 0; // 0: one fewer than the cores, at least 1
    bool tls = false;                   // the server does TLS itself (tls.certificate is set)
    bool trustForwardedFor = false;     // http.trust_x_forwarded_for: X-Forwarded-Proto is believed too
};

} // namespace dps::server
