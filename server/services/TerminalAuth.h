#pragma once
// Who is asking: the terminal a bearer token belongs to, and so its DPS (from server.db, never
// from what the request says).
#include "server/core/Terminal.h"
#include "server/services/ApiError.h"
#include "server/store/ports/TerminalStore.h"

#include <string_view>

namespace dps::server {

// authorization: the Authorization header's value ("" when there is none). 401 when it is
// missing, malformed or unknown; 403 when the terminal was revoked.
[[nodiscard]] Result<Terminal> authenticate(TerminalStore& terminals, std::string_view authorization);

} // namespace dps::server
