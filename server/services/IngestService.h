#pragma once
// POST /api/v1/usage: a batch of a terminal's usage days (dps-usage/1), applied whole or not at
// all, each record only when its rev is higher than the stored one.
#include "dps/core/Clock.h"
#include "server/services/ApiError.h"
#include "server/services/TerminalAuth.h"
#include "server/store/ports/StoredAnswer.h"
#include "server/store/ports/UsageStore.h"

#include <optional>
#include <string>
#include <string_view>

namespace dps::server {

class IngestService {
public:
    IngestService(UsageStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    // key: the Idempotency-Key header, when sent. A key this terminal sent before gets its first
    // answer back and the body is not even parsed.
    [[nodiscard]] Result<StoredAnswer> ingest(const Terminal& terminal, std::string_view body,
                                              const std::optional<std::string>& key);

private:
    UsageStore& store_;
    const Clock& clock_;
};

// A usable Idempotency-Key: 1 to 128 visible ASCII characters.
[[nodiscard]] bool isIdempotencyKey(std::string_view key);

} // namespace dps::server
