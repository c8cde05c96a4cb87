#pragma once
// The usage sync: one pass collects the changed days of kiosk.db into the outbox and sends it,
// then says when the next is due. `dps-agent sync --now` runs one pass; in the service the job
// lives on, so the backoff remembers consecutive failures.
#include "agent/core/Backoff.h"
#include "agent/jobs/Job.h"
#include "agent/jobs/JobDb.h"
#include "agent/jobs/JobSettings.h"
#include "agent/jobs/StopSignal.h"
#include "agent/jobs/UsageCollector.h"
#include "agent/jobs/UsageSender.h"
#include "agent/net/CurlHttpClient.h"

#include <memory>
#include <random>

namespace dps::agent {

struct PassReport {
    CollectResult collected;
    SendResult sent;
    bool enrolled = false;
    bool kioskDbMissing = false;
};

class UsageJob final : public Job {
public:
    // On this agent.db (`dps-agent sync --now`).
    UsageJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop);
    // On its own connection to settings.database (the service).
    UsageJob(const JobSettings& settings, StopSignal& stop);

    PassReport runOnce();
    // The wait after that pass: the backoff after a failure, else the interval with jitter.
    Seconds nextDelay(const PassReport& pass);

    [[nodiscard]] std::string name() const override { return "usage sync"; }
    // A random part of sync.start_delay_seconds: terminals switched on at opening time do not
    // all call at once.
    Seconds firstDelay() override;
    Seconds run() override;
    Seconds recover() override;

private:
    HttpClient* client(const Credential& c);

    const JobSettings& settings_;
    JobDb db_;
    StopSignal& stop_;
    std::mt19937_64 rng_;
    Backoff backoff_;
    std::unique_ptr<CurlHttpClient> curl_;
    std::unique_ptr<UsageSender> sender_;
    std::string clientFor_;
    HttpClient* senderClient_ = nullptr;
};

} // namespace dps::agent
