#include "agent/jobs/HeartbeatJob.h"

#include "agent/net/CurlHttpClient.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/HeartbeatJson.h"

#include <fmt/core.h>

#include <fstream>
#include <sys/statvfs.h>

namespace dps::agent {
namespace {

std::int64_t systemUptime() {
    std::ifstream f("/proc/uptime");
    double s = 0;
    f >> s;
    return static_cast<std::int64_t>(s);
}

std::int64_t freeDisk(const std::filesystem::path& file) {
    struct statvfs st {};
    if (::statvfs(file.parent_path().empty() ? "." : file.parent_path().c_str(), &st) != 0) return 0;
    return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

} // namespace

HeartbeatJob::HeartbeatJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop)
    : settings_(settings), db_(agentDb), stop_(stop), rng_(std::random_device{}()) {}

HeartbeatJob::HeartbeatJob(const JobSettings& settings, StopSignal& stop)
    : settings_(settings), db_(settings.database), stop_(stop), rng_(std::random_device{}()) {}

HttpClient* HeartbeatJob::client(const std::string& server) {
    if (override_) return override_;
    // A new enrollment (another server) gets a new connection.
    if (!curl_ || clientFor_ != server) {
        curl_ = std::make_unique<CurlHttpClient>(curlSettings(settings_, server), &stop_.flag());
        clientFor_ = server;
    }
    return curl_.get();
}

bool HeartbeatJob::runOnce() {
    AgentDb& db = db_.get();
    const auto c = db.credential();
    if (!c || db.fact("reenroll")) return false;
    protocol::Heartbeat h;
    h.agentVersion = DPS_VERSION;
    h.uptimeSeconds = systemUptime();
    h.freeDiskBytes = freeDisk(settings_.database);
    h.outbox = db.outboxSize();
    h.deadLetters = db.deadLetterCount();
    h.lastError = db.fact("last_error").value_or("").substr(0, protocol::kMaxLastErrorLength);
    const HttpResponse r = client(c->server)->post({"/api/v1/heartbeat", protocol::heartbeatJson(h), c->token, {}, {}});
    if (r.status >= 200 && r.status < 300) {
        db.setFact("last_heartbeat", toIsoUtc(std::chrono::system_clock::now()));
        return true;
    }
    if (r.error != "stopped")
        log::warning("heartbeat not delivered: {}; the next one in about {} s",
                     r.status ? fmt::format("the server answered HTTP {}", r.status)
                              : "no answer from the server: " + r.error,
                     settings_.heartbeatIntervalSeconds);
    return false;
}

Seconds HeartbeatJob::run() {
    runOnce();
    return jittered(Seconds(settings_.heartbeatIntervalSeconds), settings_.jitter, rng_);
}

Seconds HeartbeatJob::recover() {
    db_.reopen();
    return jittered(Seconds(settings_.heartbeatIntervalSeconds), settings_.jitter, rng_);
}

} // namespace dps::agent
