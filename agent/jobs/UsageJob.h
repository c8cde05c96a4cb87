#pragma once
// One usage sync pass (collect, then send) and when the next one is due. Kept alive by the
// service loop so the backoff remembers consecutive failures; `dps-agent sync --now` runs one.
#include "agent/core/Backoff.h"
#include "agent/jobs/JobSettings.h"
#include "agent/jobs/StopSignal.h"
#include "agent/jobs/UsageCollector.h"
#include "agent/jobs/UsageSender.h"
#include "agent/net/CurlHttpClient.h"
#include "agent/store/AgentDb.h"

#include <memory>
#include <random>

namespace dps::agent {

struct PassReport {
    CollectResult collected;
    SendResult sent;
    bool enrolled = false;
    bool kioskDbMissing = false;
};

// libcurl's settings for this agent and server.
CurlSettings curlSettings(const JobSettings& settings, const std::string& server);

class UsageJob {
public:
    UsageJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop);
    PassReport runOnce();
    // The wait after that pass: the backoff after a failure, else the interval with jitter.
    Seconds nextDelay(const PassReport& pass);

private:
    HttpClient* client(const Credential& c);

    const JobSettings& settings_;
    AgentDb& agentDb_;
    StopSignal& stop_;
    std::mt19937_64 rng_;
    Backoff backoff_;
    UsageCollector collector_;
    std::unique_ptr<CurlHttpClient> curl_;
    std::unique_ptr<UsageSender> sender_;
    std::string clientFor_;
    HttpClient* senderClient_ = nullptr;
};

} // namespace dps::agent
