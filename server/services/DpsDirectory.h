#pragma once
// The public digital spaces terminals belong to (dps-server dps list/import).
#include "server/core/DpsCsv.h"
#include "server/store/ServerDb.h"

#include <cstdint>
#include <vector>

namespace dps::server {

struct DpsEntry {
    std::int64_t id = 0;
    DpsRow row;
    std::int64_t terminals = 0;
};

struct ImportCounts {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

class DpsDirectory {
public:
    explicit DpsDirectory(ServerDb& db) : db_(db) {}
    // Idempotent by name: a known name keeps its id (terminals point to it) and takes the file's
    // address; nothing is deleted. One transaction: a file either imports whole or not at all.
    ImportCounts import(const std::vector<DpsRow>& rows);
    [[nodiscard]] std::vector<DpsEntry> list();

private:
    ServerDb& db_;
};

} // namespace dps::server
