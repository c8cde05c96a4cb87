#include "agent/jobs/UsageJob.h"

#include "agent/store/KioskDbReader.h"
#include "dps/log/Log.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/storage/StorageError.h"

#include <filesystem>

namespace dps::agent {

UsageJob::UsageJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop)
    : settings_(settings), agentDb_(agentDb), stop_(stop), rng_(std::random_device{}()),
      backoff_({Seconds(settings.backoffBaseSeconds), Seconds(settings.backoffCapSeconds)}, rng_()),
      collector_(agentDb, {static_cast<int>(settings.lookbackDays), settings.outboxLimit}) {}

CurlSettings curlSettings(const JobSettings& settings, const std::string& server) {
    CurlSettings c;
    c.baseUrl = server;
    c.caFile = settings.caFile;
    c.insecure = settings.insecure;
    c.connectTimeout = std::chrono::seconds(settings.connectTimeoutSeconds);
    c.totalTimeout = std::chrono::seconds(settings.timeoutSeconds);
    c.userAgent = std::string("dps-agent/") + DPS_VERSION;
    return c;
}

HttpClient* UsageJob::client(const Credential& c) {
    // A new enrollment (another server, from `dps-agent enroll` while the service runs) gets a
    // new connection.
    if (!curl_ || clientFor_ != c.server) {
        curl_ = std::make_unique<CurlHttpClient>(curlSettings(settings_, c.server), &stop_.flag());
        clientFor_ = c.server;
    }
    return curl_.get();
}

PassReport UsageJob::runOnce() {
    PassReport pass;
    // kiosk.db is read in one read transaction: a consistent picture even while the kiosk writes.
    if (std::filesystem::exists(settings_.kioskDatabase)) {
        storage::OpenOptions ro;
        ro.readOnly = true;
        ro.checkIntegrity = false; // the kiosk checks its own file; a reader must not slow it
        storage::Database kiosk = storage::Database::open(settings_.kioskDatabase, ro);
        // SQLite's default page cache (2 MB a connection) is most of what the agent would hold;
        // a day's queries need a few hundred KB.
        kiosk.exec("PRAGMA cache_size = -64");
        kiosk.exec("BEGIN");
        KioskDbReader reader(kiosk, systemLocalDate);
        pass.collected = collector_.collect(reader, systemLocalDate(std::chrono::system_clock::now()), &stop_.flag());
        kiosk.exec("COMMIT");
    } else {
        pass.kioskDbMissing = true;
    }
    const auto credential = agentDb_.credential();
    pass.enrolled = credential.has_value();
    if (!credential) return pass;
    HttpClient* http = client(*credential);
    if (!sender_ || senderClient_ != http) {
        sender_ =
            std::make_unique<UsageSender>(agentDb_, *http, static_cast<std::size_t>(settings_.batchRecords), backoff_);
        senderClient_ = http;
    }
    pass.sent = sender_->sendAll(stop_.flag());
    try {
        protocol::writeAgentStatus(settings_.statusFile, {agentDb_.fact("acknowledged_through").value_or(""),
                                                          agentDb_.fact("last_success").value_or("")});
    } catch (const std::exception& e) {
        log::warning("{} (the kiosk keeps its old visits until it can read it)", e.what());
    }
    return pass;
}

Seconds UsageJob::nextDelay(const PassReport& pass) {
    if (pass.sent.retryIn) return *pass.sent.retryIn;
    return jittered(Seconds(settings_.syncIntervalSeconds), settings_.jitter, rng_);
}

} // namespace dps::agent
