#pragma once
// What HttpApi takes from the configuration, as plain values: the API does not read the whole
// server.toml schema (server/cli's ServerSettings, whose apiSettings() fills this).
#include "server/services/InventoryService.h"

#include <cstdint>

namespace dps::server {

struct ApiSettings {
    std::int64_t maxBodyBytes = 0;         // http.max_body_bytes: a body as sent
    std::int64_t maxDecompressedBytes = 0; // http.max_decompressed_bytes: a body once gunzipped
    bool trustForwardedFor = false;        // http.trust_x_forwarded_for: the client is the last entry
    std::int64_t requestsPerMinute = 0;    // per terminal
    std::int64_t enrollPerMinute = 0;      // enroll attempts per client address
    InventoryLimits inventory;
};

} // namespace dps::server
