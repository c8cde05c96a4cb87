#pragma once
// Where the list of public digital spaces is kept (dps-server dps import/list); terminals point
// to a DPS by its id.
#include "server/core/DpsCsv.h"

#include <cstdint>
#include <vector>

namespace dps::server {

struct DpsEntry {
    std::int64_t id = 0;
    DpsRow row;
    std::int64_t terminals = 0; // not revoked
};

struct ImportCounts {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

class DpsStore {
public:
    virtual ~DpsStore() = default;
    // In one transaction, by name: a new name is added, a known one keeps its id and takes the
    // row's address; nothing is deleted.
    virtual ImportCounts importByName(const std::vector<DpsRow>& rows) = 0;
    // Every DPS by id, with its terminals that are not revoked.
    [[nodiscard]] virtual std::vector<DpsEntry> list() = 0;
};

} // namespace dps::server
