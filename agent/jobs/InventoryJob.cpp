#include "agent/jobs/InventoryJob.h"

#include "agent/core/SendVerdict.h"
#include "agent/net/CurlHttpClient.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/UsageJson.h"

#include <fmt/core.h>

namespace dps::agent {

std::string inventoryHash(const nlohmann::json& message) {
    nlohmann::json stable = message;
    if (auto g = stable.find("glpi"); g != stable.end() && g->contains("content")) {
        auto& content = (*g)["content"];
        if (content.contains("drives"))
            for (auto& d : content["drives"])
                d.erase("free");
    }
    if (auto d = stable.find("dps"); d != stable.end()) d->erase("os");
    // FNV-1a: it only tells one inventory from the next (nothing to defend against), and a
    // cryptographic hash would start OpenSSL's providers in a process that never needs them.
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : stable.dump()) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return fmt::format("{:016x}", h);
}

InventoryJob::InventoryJob(const JobSettings& settings, AgentDb& agentDb, StopSignal& stop, Collect collect)
    : settings_(settings), db_(agentDb), stop_(stop), collect_(std::move(collect)), rng_(std::random_device{}()),
      backoff_({Seconds(settings.backoffBaseSeconds), Seconds(settings.backoffCapSeconds)}, rng_()) {}

InventoryJob::InventoryJob(const JobSettings& settings, StopSignal& stop, Collect collect)
    : settings_(settings), db_(settings.database), stop_(stop), collect_(std::move(collect)),
      rng_(std::random_device{}()),
      backoff_({Seconds(settings.backoffBaseSeconds), Seconds(settings.backoffCapSeconds)}, rng_()) {}

InventoryPass InventoryJob::runOnce() {
    InventoryPass pass;
    AgentDb& agentDb = db_.get();
    const nlohmann::json message = collect_();
    const std::string hash = inventoryHash(message);
    const auto sentText = agentDb.fact("inventory_sent_at");
    const auto sentAt = sentText ? fromIsoUtc(*sentText) : std::nullopt;
    const bool weekOld =
        !sentAt || std::chrono::system_clock::now() - *sentAt >= std::chrono::hours(24) * settings_.inventoryResendDays;
    const auto queued = agentDb.queuedInventory();
    if (agentDb.fact("inventory_hash") != hash || weekOld) {
        if (!queued || queued->hash != hash) {
            agentDb.queueInventory(hash, message.dump());
            pass.queued = true;
        }
    }
    const auto waiting = agentDb.queuedInventory();
    const auto credential = agentDb.credential();
    if (!waiting || !credential) {
        forwardToGlpi(agentDb, pass);
        return pass;
    }
    if (const auto why = agentDb.fact("reenroll")) {
        pass.reenroll = true;
        pass.error = *why;
        return pass;
    }
    HttpClient* http = override_;
    if (!http) {
        if (!curl_ || clientFor_ != credential->server) {
            curl_ = std::make_unique<CurlHttpClient>(curlSettings(settings_, credential->server), &stop_.flag());
            clientFor_ = credential->server;
        }
        http = curl_.get();
    }
    const HttpResponse r =
        http->post({"/api/v1/inventory", waiting->body, credential->token, "inv-" + waiting->hash, std::nullopt});
    switch (verdictFor(r.status)) {
    case SendVerdict::Delivered:
        agentDb.clearInventory(waiting->hash);
        agentDb.setFact("inventory_hash", waiting->hash);
        agentDb.setFact("inventory_sent_at", toIsoUtc(std::chrono::system_clock::now()));
        agentDb.clearFact("inventory_error");
        failures_ = 0;
        pass.sent = true;
        if (!settings_.glpiUrl.empty()) {
            const auto glpi = nlohmann::json::parse(waiting->body).value("glpi", nlohmann::json::object());
            agentDb.setFact("glpi_pending", glpi.dump());
        }
        break;
    case SendVerdict::Retry: {
        ++failures_;
        std::optional<Seconds> retryAfter;
        if (r.retryAfter) retryAfter = Seconds(*r.retryAfter);
        pass.retryIn = backoff_.next(failures_, retryAfter);
        pass.error = r.status ? fmt::format("the server answered HTTP {}", r.status) : "no answer: " + r.error;
        if (r.error != "stopped")
            log::warning("inventory: {}; next try in {:.0f} s", pass.error, pass.retryIn->count());
        break;
    }
    case SendVerdict::Split:
    case SendVerdict::DeadLetter: {
        // The same content would be refused again: it is set aside until the inventory changes.
        const ServerError e = serverError(r);
        pass.error = fmt::format("the server refused the inventory (HTTP {}): {} {}", r.status, e.text(), e.path);
        agentDb.clearInventory(waiting->hash);
        agentDb.setFact("inventory_hash", waiting->hash);
        agentDb.setFact("inventory_error", pass.error);
        log::error("{}; it is not sent again until the equipment changes", pass.error);
        break;
    }
    case SendVerdict::Reenroll:
        pass.reenroll = true;
        pass.error = fmt::format("the server refused this terminal's credential (HTTP {}); enroll it again", r.status);
        agentDb.setFact("reenroll", pass.error);
        log::error("inventory: {}", pass.error);
        break;
    }
    forwardToGlpi(agentDb, pass);
    return pass;
}

void InventoryJob::forwardToGlpi(AgentDb& agentDb, InventoryPass& pass) {
    const auto pending = agentDb.fact("glpi_pending");
    if (settings_.glpiUrl.empty() || !pending) return;
    HttpClient* http = glpiOverride_;
    if (!http) {
        if (!glpi_) glpi_ = std::make_unique<CurlHttpClient>(curlSettings(settings_, settings_.glpiUrl), &stop_.flag());
        http = glpi_.get();
    }
    // GLPI knows an agent by a UUID of its own, made once.
    auto agentId = agentDb.fact("glpi_agent_id");
    if (!agentId) {
        agentId = protocol::newBatchId();
        agentDb.setFact("glpi_agent_id", *agentId);
    }
    HttpRequest request{"", *pending, std::nullopt, std::nullopt,
                        HttpRequest::Glpi{*agentId, settings_.glpiUser, settings_.glpiPassword}};
    const HttpResponse r = http->post(request);
    if (r.status >= 200 && r.status < 300) {
        agentDb.clearFact("glpi_pending");
        pass.forwarded = true;
        return;
    }
    // Kept for the next pass: GLPI is the region's own server, not ours to retry in a loop.
    log::warning("inventory: the GLPI server {} did not take it ({}); tried again at the next look", settings_.glpiUrl,
                 r.status ? "HTTP " + std::to_string(r.status) : r.error);
}

Seconds InventoryJob::nextDelay(const InventoryPass& pass) {
    if (pass.retryIn) return *pass.retryIn;
    return jittered(Seconds(settings_.inventoryIntervalSeconds), settings_.jitter, rng_);
}

Seconds InventoryJob::run() {
    const InventoryPass pass = runOnce();
    if (pass.sent) log::info("inventory sent to the server");
    return nextDelay(pass);
}

Seconds InventoryJob::recover() {
    // New connections at the next pass, and the backoff starts over.
    curl_.reset();
    clientFor_.clear();
    glpi_.reset();
    failures_ = 0;
    db_.reopen();
    return Seconds(static_cast<double>(settings_.inventoryIntervalSeconds));
}

} // namespace dps::agent
