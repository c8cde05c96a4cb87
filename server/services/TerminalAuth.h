#pragma once
// Who is asking: the terminal a bearer token belongs to, and so its DPS (from server.db, never
// from what the request says).
#include "server/services/ApiError.h"
#include "server/store/ServerDb.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace dps::server {

struct Terminal {
    std::string id;
    std::int64_t dpsId = 0;
};

// authorization: the Authorization header's value ("" when there is none). 401 when it is
// missing, malformed or unknown; 403 when the terminal was revoked.
[[nodiscard]] Result<Terminal> authenticate(ServerDb& db, std::string_view authorization);

} // namespace dps::server
