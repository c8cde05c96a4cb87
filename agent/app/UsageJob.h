#pragma once
// One usage sync pass (collect, then send) and when the next one is due. Kept alive by the
// service loop so the backoff remembers consecutive failures; `dps-agent sync --now` runs one.
#include "../core/Backoff.h"
#include "AgentDb.h"
#include "AgentSettings.h"
#include "CurlHttpClient.h"
#include "StopSignal.h"
#include "UsageCollector.h"
#include "UsageSender.h"

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
CurlSettings curlSettings(const AgentSettings& settings, const std::string& server);

class UsageJob {
public:
    UsageJob(const AgentSettings& settings, AgentDb& agentDb, StopSignal& stop);
    PassReport runOnce();
    // The wait after that pass: the backoff after a failure, else the interval with jitter.
    Seconds nextDelay(const PassReport& pass);

private:
    HttpClient* client(const Credential& c);

    const AgentSettings& settings_;
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
