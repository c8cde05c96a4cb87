#pragma once
// The second half of a sync pass: send the outbox in batches and act on each answer as
// docs/protocol.md says (SendVerdict). Records leave the outbox only on a 2xx.
#include "agent/core/Backoff.h"
#include "agent/net/HttpClient.h"
#include "agent/store/AgentDb.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace dps::agent {

struct SendResult {
    int delivered = 0;    // records the server acknowledged
    int deadLettered = 0; // records set aside this pass
    int requests = 0;
    std::size_t bytesSent = 0;
    bool reenroll = false;          // 401/403: sending stopped until `dps-agent enroll`
    std::optional<Seconds> retryIn; // a retryable failure: when to try again
    std::string error;              // the last failure, in words
    [[nodiscard]] bool failed() const { return reenroll || retryIn.has_value(); }
};

class UsageSender {
public:
    UsageSender(AgentDb& agentDb, HttpClient& http, std::size_t batchRecords, Backoff& backoff)
        : agentDb_(agentDb), http_(http), batchRecords_(batchRecords), backoff_(backoff) {}
    // Sends until the outbox is empty, a retryable failure or a stop. Consecutive failures
    // (across passes) make the backoff grow; a success resets it.
    SendResult sendAll(const std::atomic<bool>& stop);

private:
    enum class Step { Ok, Retry, Reenroll, Stopped };
    Step send(const std::vector<OutboxEntry>& entries, SendResult& result);
    void noteFailure(const std::string& what, SendResult& result);

    AgentDb& agentDb_;
    HttpClient& http_;
    std::size_t batchRecords_;
    Backoff& backoff_;
    int failures_ = 0;
    // A batch that failed is sent again under the same Idempotency-Key while it holds the same
    // records, so the server can answer a repeat from what it stored.
    std::string lastSignature_, lastBatchId_;
    const std::atomic<bool>* stop_ = nullptr;
};

} // namespace dps::agent
