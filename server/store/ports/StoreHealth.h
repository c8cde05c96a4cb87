#pragma once
// Whether the storage answers, for the readiness check (GET /healthz): a load balancer or a
// monitor asks it to know that the server can do more than answer HTTP.
namespace dps::server {

class StoreHealth {
public:
    virtual ~StoreHealth() = default;
    // Returns when the storage answered a trivial query; throws (a StorageError) when it did not.
    virtual void ping() = 0;
};

} // namespace dps::server
