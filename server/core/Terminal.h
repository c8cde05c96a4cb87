#pragma once
// Who is asking: a terminal, known by its bearer token, and the DPS it belongs to (from server.db,
// never from what a request says).
#include <cstdint>
#include <string>

namespace dps::server {

struct Terminal {
    std::string id;
    std::int64_t dpsId = 0;
};

} // namespace dps::server
