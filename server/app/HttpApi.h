#pragma once
// The routes of docs/protocol.md on a cpp-httplib server: each request is checked in the order
// that costs least first (credential, rate, headers, then the body, read with both size limits),
// answered with a JSON body, and handed to the service that owns its table.
#include "../core/RateLimiter.h"
#include "EnrollService.h"
#include "HeartbeatService.h"
#include "IngestService.h"
#include "InventoryService.h"
#include "ServerDb.h"
#include "ServerSettings.h"
#include "dps/core/Clock.h"

namespace httplib {
class Server;
}

namespace dps::server {

class HttpApi {
public:
    HttpApi(ServerDb& db, const ServerSettings& settings, const Clock& clock);
    // Registers the routes, the limits and the JSON error pages on server.
    void install(httplib::Server& server);

private:
    struct Handlers;
    ServerDb& db_;
    const ServerSettings& settings_;
    EnrollService enroll_;
    IngestService ingest_;
    HeartbeatService heartbeat_;
    InventoryService inventory_;
    RateLimiter perTerminal_;
    RateLimiter perAddress_;
};

} // namespace dps::server
