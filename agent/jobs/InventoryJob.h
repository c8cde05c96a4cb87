#pragma once
// The inventory loop's pass: collect this machine's inventory, queue it when it changed (or was
// last sent a week ago), and send it through the same credential, retry rules and backoff as the
// usage records.
#include "agent/core/Backoff.h"
#include "agent/jobs/Job.h"
#include "agent/jobs/JobDb.h"
#include "agent/jobs/JobSettings.h"
#include "agent/jobs/StopSignal.h"
#include "agent/net/HttpClient.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace dps::agent {

struct InventoryPass {
    bool queued = false;    // a new or weekly inventory went into the outbox
    bool sent = false;      // the server acknowledged it
    bool forwarded = false; // and the GLPI server too (glpi.url)
    bool reenroll = false;
    std::optional<Seconds> retryIn;
    std::string error;
};

// What identifies an inventory's content: its hash without what changes by itself from hour
// to hour (free space, uptime), so that only a real change is sent before the week is over.
[[nodiscard]] std::string inventoryHash(const nlohmann::json& message);

class InventoryJob final : public Job {
public:
    using Collect = std::function<nlohmann::json()>;
    // On this agent.db (the tests).
    InventoryJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop, Collect collect);
    // On its own connection to settings.database (the service).
    InventoryJob(const JobSettings& settings, StopSignal& stop, Collect collect);
    InventoryPass runOnce();
    Seconds nextDelay(const InventoryPass& pass);
    void useClient(HttpClient* client) { override_ = client; }
    void useGlpiClient(HttpClient* client) { glpiOverride_ = client; }

    [[nodiscard]] std::string name() const override { return "inventory"; }
    // After the first usage sync has had its chance: the inventory is the heavier of the two.
    Seconds firstDelay() override { return Seconds(static_cast<double>(settings_.startDelaySeconds) + 5.0); }
    Seconds run() override;
    Seconds recover() override;

private:
    const JobSettings& settings_;
    JobDb db_;
    StopSignal& stop_;
    Collect collect_;
    std::mt19937_64 rng_;
    Backoff backoff_;
    int failures_ = 0;
    std::unique_ptr<HttpClient> curl_;
    std::string clientFor_;
    HttpClient* override_ = nullptr;
    std::unique_ptr<HttpClient> glpi_;
    HttpClient* glpiOverride_ = nullptr;
    void forwardToGlpi(AgentDb& agentDb, InventoryPass& pass);
};

} // namespace dps::agent
