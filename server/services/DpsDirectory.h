#pragma once
// The public digital spaces terminals belong to (dps-server dps list/import).
#include "server/store/ports/DpsStore.h"

#include <vector>

namespace dps::server {

class DpsDirectory {
public:
    explicit DpsDirectory(DpsStore& store) : store_(store) {}
    // Idempotent by name: a known name keeps its id (terminals point to it) and takes the file's
    // address; nothing is deleted. One transaction: a file either imports whole or not at all.
    ImportCounts import(const std::vector<DpsRow>& rows) { return store_.importByName(rows); }
    [[nodiscard]] std::vector<DpsEntry> list() { return store_.list(); }

private:
    DpsStore& store_;
};

} // namespace dps::server
