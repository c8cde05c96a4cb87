#pragma once
// What a terminal is told for a request it may send again under an Idempotency-Key: kept with the
// data it answers for, and given back unchanged to a retry (usage, inventory).
#include <string>

namespace dps::server {

struct StoredAnswer {
    int status = 200;
    std::string body; // {"applied": n, "ignored": m}, {"stored": …, "changes": n}
    bool replayed = false;
};

} // namespace dps::server
