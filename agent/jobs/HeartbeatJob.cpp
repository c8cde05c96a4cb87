#include "agent/jobs/HeartbeatJob.h"

#include "agent/net/CurlHttpClient.h"
#include "agent/store/KioskDbReader.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/HeartbeatJson.h"

#include <fmt/core.h>

#include <algorithm>
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

// A kiosk state as staff act on it: without the minutes, which change every minute of a session.
std::optional<protocol::KioskState> forStaff(std::optional<protocol::KioskState> k) {
    if (k) {
        k->minutesLeft.reset();
        if (k->helpAskedMinutes) k->helpAskedMinutes = 0;
    }
    return k;
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

std::optional<protocol::KioskState> HeartbeatJob::kioskState() const {
    // Read-only and short: the kiosk writes the row as its state changes (docs/protocol.md).
    if (settings_.kioskDatabase.empty() || !std::filesystem::exists(settings_.kioskDatabase)) return std::nullopt;
    try {
        storage::Database kiosk = openKioskDbForReading(settings_.kioskDatabase);
        KioskDbReader reader(kiosk, systemLocalDate);
        return reader.kioskState(std::chrono::system_clock::now());
    } catch (const std::exception& e) {
        // The heartbeat is how staff see the terminal at all: it goes without the kiosk's state.
        log::warning("heartbeat: the kiosk's state could not be read from {}: {}", settings_.kioskDatabase.string(),
                     e.what());
        return std::nullopt;
    }
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
    h.kiosk = kioskState();
    shown_.emplace(forStaff(h.kiosk));
    HttpResponse r = client(c->server)->post({"/api/v1/heartbeat", protocol::heartbeatJson(h), c->token, {}, {}});
    if (h.kiosk && protocol::isUnknownKioskField(static_cast<int>(r.status), serverError(r).path)) {
        // A server before issue 20 lists no "kiosk": the heartbeat goes without it, at once
        // (docs/protocol.md, "Compatibility"); asked again each time, so an upgraded server gets it.
        if (!toldOldServer_)
            log::warning("the server does not take the kiosk's state yet (dps-server older than the agent): "
                         "heartbeats are sent without it; upgrade dps-server to see it on the dashboard");
        toldOldServer_ = true;
        h.kiosk.reset();
        r = client(c->server)->post({"/api/v1/heartbeat", protocol::heartbeatJson(h), c->token, {}, {}});
    }
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
    const bool watching = !settings_.kioskDatabase.empty() && std::filesystem::exists(settings_.kioskDatabase);
    if (!watching) {
        runOnce();
        due_.reset();
        return jittered(Seconds(settings_.heartbeatIntervalSeconds), settings_.jitter, rng_);
    }
    const auto now = std::chrono::steady_clock::now();
    if (!due_ || now >= *due_ || !shown_ || forStaff(kioskState()) != *shown_) {
        runOnce();
        due_ = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         jittered(Seconds(settings_.heartbeatIntervalSeconds), settings_.jitter, rng_));
    }
    return std::min(kKioskWatch, Seconds(*due_ - now));
}

Seconds HeartbeatJob::recover() {
    db_.reopen();
    return jittered(Seconds(settings_.heartbeatIntervalSeconds), settings_.jitter, rng_);
}

} // namespace dps::agent
