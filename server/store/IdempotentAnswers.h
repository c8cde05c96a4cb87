#pragma once
// The answers given under an Idempotency-Key (table idempotent_answers), for the SQLite stores of
// every endpoint that honours one: a key a terminal sent before to the same route gets its first
// answer back. Keys are kept per route ("usage:KEY"): the same key sent to another route is
// another request, never answered with what the first route said (issue 17).
#include "dps/storage/Database.h"
#include "server/core/Terminal.h"
#include "server/store/ports/StoredAnswer.h"

#include <optional>
#include <string>
#include <string_view>

namespace dps::server {

// route: "usage", "inventory".
[[nodiscard]] std::optional<StoredAnswer> storedAnswer(storage::Database& d, const Terminal& terminal,
                                                       std::string_view route, const std::string& key);
// Call inside the transaction that gave the answer, so that both stay or go together.
void keepAnswer(storage::Database& d, const Terminal& terminal, std::string_view route, const std::string& key,
                const StoredAnswer& answer, const std::string& at);

} // namespace dps::server
