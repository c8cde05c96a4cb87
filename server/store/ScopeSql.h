#pragma once
// A Scope as SQL: the condition on a DPS id column, with its values in ?1 (the DPS) and ?9 (the
// municipality). Every dashboard query goes through these two, so no query can forget the
// restriction, and the condition is written out per scope rather than "?1 IS NULL OR dps_id =
// ?1", which no index can serve.
#include "dps/storage/Statement.h"
#include "server/core/Scope.h"

#include <string>

namespace dps::server {

std::string inScope(const Scope& scope, const char* column = "dps_id");
void bindScope(storage::Statement& st, const Scope& scope);

// When a terminal was last heard from (heartbeat, usage batch or enrollment), over the aliases
// t (terminals) and h (heartbeats, left-joined); "" when never.
inline constexpr const char* kTerminalLastSeenSql =
    "max(coalesce(h.received_at, ''), coalesce(t.last_usage_at, ''), coalesce(t.enrolled_at, ''))";

} // namespace dps::server
