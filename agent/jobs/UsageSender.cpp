#include "agent/jobs/UsageSender.h"

#include "agent/core/SendVerdict.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/UsageJson.h"
#include "dps/storage/Transaction.h"

#include <fmt/core.h>

namespace dps::agent {
namespace {

std::string signature(const std::vector<OutboxEntry>& entries) {
    std::string s;
    for (const auto& e : entries)
        s += e.date + '#' + std::to_string(e.rev) + ';';
    return s;
}

// "/records/3/rev" → 3
std::optional<std::size_t> recordIndex(const std::string& path) {
    constexpr std::string_view prefix = "/records/";
    if (path.rfind(prefix, 0) != 0) return std::nullopt;
    try {
        return std::stoul(path.substr(prefix.size()));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// A server before issue 20 lists no free_use and refuses it as "not a field": the path is the
// field itself. (A server that has it names a count inside it, never the field.)
bool unknownFreeUse(const std::string& path, std::size_t index) {
    return path == "/records/" + std::to_string(index) + "/free_use";
}

} // namespace

void UsageSender::noteFailure(const std::string& what, SendResult& result) {
    result.error = what;
    agentDb_.setFact("last_error", what);
    agentDb_.setFact("last_error_at", toIsoUtc(std::chrono::system_clock::now()));
}

SendResult UsageSender::sendAll(const std::atomic<bool>& stop) {
    stop_ = &stop;
    SendResult result;
    if (const auto why = agentDb_.fact("reenroll")) {
        result.reenroll = true;
        result.error = *why;
        return result;
    }
    while (!stop) {
        const auto entries = agentDb_.outbox(batchRecords_);
        if (entries.empty()) break;
        const Step step = send(entries, result);
        if (step != Step::Ok) break;
    }
    return result;
}

UsageSender::Step UsageSender::send(const std::vector<OutboxEntry>& entries, SendResult& result) {
    if (*stop_) return Step::Stopped;
    const std::string sig = signature(entries);
    if (sig != lastSignature_) {
        lastSignature_ = sig;
        lastBatchId_ = protocol::newBatchId();
    }
    std::vector<std::string> records;
    for (const auto& e : entries)
        records.push_back(e.record);
    const auto credential = agentDb_.credential();
    HttpRequest request{"/api/v1/usage", protocol::batchJson(lastBatchId_, records), credential->token, lastBatchId_,
                        std::nullopt};
    const HttpResponse response = http_.post(request);
    ++result.requests;
    result.bytesSent += response.bytesSent;

    const auto halves = [&]() {
        const auto mid = entries.begin() + static_cast<std::ptrdiff_t>(entries.size() / 2);
        const std::vector<OutboxEntry> a(entries.begin(), mid), b(mid, entries.end());
        const Step first = send(a, result);
        return first == Step::Ok ? send(b, result) : first;
    };
    const auto setAside = [&](const OutboxEntry& e, const std::string& why) {
        agentDb_.deadLetter(e, response.status, why);
        ++result.deadLettered;
        log::error("the server refused the record of {} (rev {}) for good: HTTP {} {}; it is kept as a dead letter "
                   "(dps-agent status) and not sent again",
                   e.date, e.rev, response.status, why);
    };

    switch (verdictFor(response.status)) {
    case SendVerdict::Delivered: {
        storage::Transaction tx(agentDb_.db());
        agentDb_.acknowledge(entries);
        agentDb_.setFact("last_success", toIsoUtc(std::chrono::system_clock::now()));
        tx.commit();
        result.delivered += static_cast<int>(entries.size());
        failures_ = 0;
        lastSignature_.clear();
        return Step::Ok;
    }
    case SendVerdict::Retry: {
        const std::string what = response.status == 0 ? "no answer from the server: " + response.error
                                                      : fmt::format("the server answered HTTP {}", response.status);
        ++failures_;
        std::optional<Seconds> retryAfter;
        if (response.retryAfter) retryAfter = Seconds(*response.retryAfter);
        result.retryIn = backoff_.next(failures_, retryAfter);
        if (response.error != "stopped") {
            noteFailure(what, result);
            const std::int64_t waiting = agentDb_.outboxSize();
            log::warning("usage sync: {}; {} {} in the outbox, next try in {:.0f} s", what, waiting,
                         waiting == 1 ? "record waits" : "records wait", result.retryIn->count());
        }
        return Step::Retry;
    }
    case SendVerdict::Split:
        if (entries.size() > 1) return halves();
        {
            storage::Transaction tx(agentDb_.db());
            setAside(entries.front(), "a single record is larger than the server accepts");
            tx.commit();
        }
        return Step::Ok;
    case SendVerdict::DeadLetter: {
        const ServerError err = serverError(response);
        const auto index = recordIndex(err.path);
        if (index && *index < entries.size() && unknownFreeUse(err.path, *index)) {
            // dps-usage/1's compatible change: the day goes without its free-use sums rather than
            // not at all, and the batch again at once (docs/protocol.md, "Compatibility").
            OutboxEntry stripped = entries[*index];
            stripped.record = protocol::withoutFreeUse(stripped.record);
            agentDb_.rewriteQueued(stripped);
            log::warning("the server does not take free-use counts yet (dps-server older than the agent): the "
                         "record of {} is sent without them; upgrade dps-server to see free use on the dashboard",
                         stripped.date);
            std::vector<OutboxEntry> again = entries;
            again[*index] = stripped;
            return send(again, result);
        }
        if (index && *index < entries.size()) {
            {
                storage::Transaction tx(agentDb_.db());
                setAside(entries[*index], err.text() + " at " + err.path);
                tx.commit();
            }
            noteFailure(fmt::format("the server refused a record: {}", err.text()), result);
            return Step::Ok; // the rest goes in the next batch
        }
        if (entries.size() > 1) return halves();
        {
            storage::Transaction tx(agentDb_.db());
            setAside(entries.front(), err.text());
            tx.commit();
        }
        noteFailure(fmt::format("the server refused a record: {}", err.text()), result);
        return Step::Ok;
    }
    case SendVerdict::Reenroll: {
        const std::string why =
            fmt::format("the server refused this terminal's credential (HTTP {}: {}); the queue is kept. This "
                        "terminal must be enrolled again: dps-agent enroll --server URL --code CODE",
                        response.status, serverError(response).text());
        agentDb_.setFact("reenroll", why);
        noteFailure(why, result);
        log::error("{}", why);
        result.reenroll = true;
        return Step::Reenroll;
    }
    }
    return Step::Ok;
}

} // namespace dps::agent
