#pragma once
// The answers given under an Idempotency-Key (table idempotent_answers), shared by every endpoint
// that honours one: a key a terminal sent before gets its first answer back.
#include "TerminalAuth.h"
#include "dps/storage/Database.h"

#include <optional>
#include <string>

namespace dps::server {

// What the terminal is told (and, under an Idempotency-Key, told again on a retry).
struct StoredAnswer {
    int status = 200;
    std::string body; // {"applied": n, "ignored": m}, {"stored": …, "changes": n}
    bool replayed = false;
};

[[nodiscard]] std::optional<StoredAnswer> storedAnswer(storage::Database& d, const Terminal& terminal,
                                                       const std::string& key);
// Call inside the transaction that gave the answer, so that both stay or go together.
void keepAnswer(storage::Database& d, const Terminal& terminal, const std::string& key, const StoredAnswer& answer,
                const std::string& at);

} // namespace dps::server
