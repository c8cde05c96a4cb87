#pragma once
// The routes of docs/protocol.md on a cpp-httplib server: each request is checked in the order
// that costs least first (credential, rate, headers, then the body, read with both size limits),
// answered with a JSON body, and handed to the service that owns its table.
#include "dps/core/Clock.h"
#include "server/core/LogLimiter.h"
#include "server/core/RateLimiter.h"
#include "server/http/ApiSettings.h"
#include "server/services/EnrollService.h"
#include "server/services/HeartbeatService.h"
#include "server/services/IngestService.h"
#include "server/services/InventoryService.h"
#include "server/store/ports/StoreHealth.h"

namespace httplib {
class Server;
struct Request;
} // namespace httplib

namespace dps::server {

// The client's address for rate limits: with trustForwardedFor, the last X-Forwarded-For entry
// (the one the reverse proxy itself appended), else the connection's peer.
std::string clientAddress(const httplib::Request& req, bool trustForwardedFor);

class HttpApi {
public:
    // terminals, usage, heartbeats, inventories: where the services keep them; health: what
    // /healthz asks (the storage chosen by server/cli).
    HttpApi(TerminalStore& terminals, UsageStore& usage, HeartbeatStore& heartbeats, InventoryStore& inventories,
            StoreHealth& health, const ApiSettings& settings, const Clock& clock);
    // Registers the routes, the limits and the JSON error pages on server.
    void install(httplib::Server& server);

private:
    struct Handlers;
    TerminalStore& terminals_;
    StoreHealth& health_;
    const ApiSettings settings_;
    EnrollService enroll_;
    IngestService ingest_;
    HeartbeatService heartbeat_;
    InventoryService inventory_;
    RateLimiter perTerminal_;
    RateLimiter perAddress_; // per client (clientKey: an IPv6 /64 is one)
    LogLimiter enrollThrottledLog_;
};

} // namespace dps::server
