#pragma once
// The heartbeat (POST /api/v1/heartbeat, docs/protocol.md): how this terminal is (agent version,
// uptime, free disk where agent.db lives, outbox, dead letters, last error), every
// heartbeat.interval_seconds from the service's start. It drives "terminal health" on the
// dashboard. Not sent before enrollment, nor once the server refused the credential.
#include "agent/jobs/Job.h"
#include "agent/jobs/JobDb.h"
#include "agent/jobs/JobSettings.h"
#include "agent/jobs/StopSignal.h"
#include "agent/net/HttpClient.h"

#include <memory>
#include <random>
#include <string>

namespace dps::agent {

class HeartbeatJob final : public Job {
public:
    // On this agent.db (the tests).
    HeartbeatJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop);
    // On its own connection to settings.database (the service).
    HeartbeatJob(const JobSettings& settings, StopSignal& stop);

    // One heartbeat now, when there is a server to send it to: true when the server took it
    // (then agent.db's last_heartbeat is now).
    bool runOnce();
    void useClient(HttpClient* client) { override_ = client; }

    [[nodiscard]] std::string name() const override { return "heartbeat"; }
    Seconds firstDelay() override { return Seconds(0); } // at once: the dashboard sees a started terminal
    Seconds run() override;
    Seconds recover() override;

private:
    HttpClient* client(const std::string& server);

    const JobSettings& settings_;
    JobDb db_;
    StopSignal& stop_;
    std::mt19937_64 rng_;
    std::unique_ptr<HttpClient> curl_;
    std::string clientFor_;
    HttpClient* override_ = nullptr;
};

} // namespace dps::agent
