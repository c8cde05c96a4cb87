#pragma once
#include "../core/VisitLog.h"
#include "dps/storage/Database.h"

namespace dps::kiosk {

// The visit log in kiosk.db. A write that fails (full disk, I/O error) is logged and reported as
// a failed call; the kiosk keeps serving the visitor.
class SqliteVisitLog final : public VisitLog {
public:
    explicit SqliteVisitLog(storage::Database& db) : db_(db) {}

    std::optional<VisitId> open(WallTime start, std::string_view language) override;
    bool close(VisitId id, WallTime end, EndReason reason) override;
    bool event(VisitId id, WallTime at, const VisitEvent& event) override;

    // Visits still open at start-up were cut off (power loss, crash): they are closed as
    // "interrupted" with no end time, since none is known. Returns how many.
    int closeInterrupted();

private:
    storage::Database& db_;
};

} // namespace dps::kiosk
