#include "agent/jobs/UsageJob.h"

#include "agent/store/KioskDbReader.h"
#include "dps/log/Log.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/storage/StorageError.h"

#include <filesystem>

namespace dps::agent {

UsageJob::UsageJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop)
    : settings_(settings), db_(agentDb), stop_(stop), rng_(std::random_device{}()),
      backoff_({Seconds(settings.backoffBaseSeconds), Seconds(settings.backoffCapSeconds)}, rng_()) {}

UsageJob::UsageJob(const JobSettings& settings, StopSignal& stop)
    : settings_(settings), db_(settings.database), stop_(stop), rng_(std::random_device{}()),
      backoff_({Seconds(settings.backoffBaseSeconds), Seconds(settings.backoffCapSeconds)}, rng_()) {}

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
    AgentDb& agentDb = db_.get();
    // kiosk.db is read in one read transaction: a consistent picture even while the kiosk writes.
    if (std::filesystem::exists(settings_.kioskDatabase)) {
        storage::Database kiosk = openKioskDbForReading(settings_.kioskDatabase);
        // SQLite's default page cache (2 MB a connection) is most of what the agent would hold;
        // a day's queries need a few hundred KB.
        kiosk.exec("PRAGMA cache_size = -64");
        kiosk.exec("BEGIN");
        KioskDbReader reader(kiosk, systemLocalDate);
        UsageCollector collector(agentDb, {static_cast<int>(settings_.lookbackDays), settings_.outboxLimit});
        pass.collected = collector.collect(reader, systemLocalDate(std::chrono::system_clock::now()), &stop_.flag());
        kiosk.exec("COMMIT");
    } else {
        pass.kioskDbMissing = true;
    }
    const auto credential = agentDb.credential();
    pass.enrolled = credential.has_value();
    if (!credential) return pass;
    HttpClient* http = client(*credential);
    if (!sender_ || senderClient_ != http) {
        sender_ =
            std::make_unique<UsageSender>(agentDb, *http, static_cast<std::size_t>(settings_.batchRecords), backoff_);
        senderClient_ = http;
    }
    pass.sent = sender_->sendAll(stop_.flag());
    try {
        protocol::writeAgentStatus(settings_.statusFile, {agentDb.fact("acknowledged_through").value_or(""),
                                                          agentDb.fact("last_success").value_or("")});
    } catch (const std::exception& e) {
        log::warning("{} (the kiosk keeps its old visits until it can read it)", e.what());
    }
    return pass;
}

Seconds UsageJob::nextDelay(const PassReport& pass) {
    if (pass.sent.retryIn) return *pass.sent.retryIn;
    return jittered(Seconds(settings_.syncIntervalSeconds), settings_.jitter, rng_);
}

Seconds UsageJob::firstDelay() {
    std::uniform_real_distribution<double> startDelay(0.0, static_cast<double>(settings_.startDelaySeconds));
    return Seconds(startDelay(rng_));
}

Seconds UsageJob::run() {
    const PassReport pass = runOnce();
    if (!pass.enrolled)
        log::warning("not enrolled: usage is counted and kept, nothing is sent. Run dps-agent enroll "
                     "--server URL --code CODE");
    else if (pass.sent.delivered || pass.collected.queued)
        log::info("usage sync: {} days changed, {} records delivered, {} waiting", pass.collected.queued,
                  pass.sent.delivered, db_.get().outboxSize());
    return nextDelay(pass);
}

Seconds UsageJob::recover() {
    // A new connection and sender at the next pass; the outbox is in agent.db's last committed
    // state.
    sender_.reset();
    senderClient_ = nullptr;
    curl_.reset();
    db_.reopen();
    return Seconds(static_cast<double>(settings_.syncIntervalSeconds));
}

} // namespace dps::agent
