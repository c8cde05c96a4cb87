#pragma once
// What the agent does with an outbox batch after the server (or the network) answered, per
// docs/protocol.md: the HTTP status decides; the rules are here once for the sender and its tests.
namespace dps::agent {

enum class SendVerdict {
    Delivered,  // 2xx: the records leave the outbox
    Retry,      // network error, 408, 429, 5xx: wait (backoff, Retry-After) and send again
    Split,      // 413: the batch is too large, send it in halves
    DeadLetter, // 400, 422 and any other 4xx: this content will never be accepted; set it aside
    Reenroll,   // 401, 403: stop sending, keep the queue, the terminal must be enrolled again
};

// status 0 means no HTTP answer at all (refused, reset, timeout, truncated).
constexpr SendVerdict verdictFor(long status) {
    if (status >= 200 && status < 300) return SendVerdict::Delivered;
    if (status == 0 || status == 408 || status == 429 || status >= 500) return SendVerdict::Retry;
    if (status == 413) return SendVerdict::Split;
    if (status == 401 || status == 403) return SendVerdict::Reenroll;
    return SendVerdict::DeadLetter;
}

} // namespace dps::agent
