#pragma once
// The heartbeat (POST /api/v1/heartbeat, docs/protocol.md): how this terminal is (agent version,
// uptime, free disk where agent.db lives, outbox, dead letters, last error), every
// heartbeat.interval_seconds from the service's start. It drives "terminal health" on the
// dashboard. Not sent before enrollment, nor once the server refused the credential. With what the
// kiosk published in kiosk.db it is doing now ("kiosk", issue 20), sent again without it when an
// older server refuses the field. A change staff must see (a call for help, free use stopped, a
// session starting or ending: not the minutes ticking) goes at once: with a kiosk.db, the job
// looks at the kiosk's state every kKioskWatch, and sends between intervals only on such a change.
#include "agent/jobs/Job.h"
#include "agent/jobs/JobDb.h"
#include "agent/jobs/JobSettings.h"
#include "agent/jobs/StopSignal.h"
#include "agent/net/HttpClient.h"
#include "dps/protocol/HeartbeatJson.h"

#include <chrono>
#include <memory>
#include <optional>
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

    static constexpr Seconds kKioskWatch{20};

    [[nodiscard]] std::string name() const override { return "heartbeat"; }
    Seconds firstDelay() override { return Seconds(0); } // at once: the dashboard sees a started terminal
    Seconds run() override;
    Seconds recover() override;

private:
    HttpClient* client(const std::string& server);
    [[nodiscard]] std::optional<protocol::KioskState> kioskState() const;

    const JobSettings& settings_;
    JobDb db_;
    StopSignal& stop_;
    std::mt19937_64 rng_;
    std::unique_ptr<HttpClient> curl_;
    std::string clientFor_;
    HttpClient* override_ = nullptr;
    bool toldOldServer_ = false; // the older server's warning is logged once a run
    // What staff saw of the kiosk in the last heartbeat sent (its minutes left out), and when the
    // next heartbeat is due whatever the kiosk does.
    std::optional<std::optional<protocol::KioskState>> shown_;
    std::optional<std::chrono::steady_clock::time_point> due_;
};

} // namespace dps::agent
