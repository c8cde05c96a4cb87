#pragma once
#include "../core/VisitLog.h"
#include "dps/storage/Database.h"

#include <chrono>
#include <optional>
#include <string>

namespace dps::kiosk {

// The visit log in kiosk.db (docs/visit-log.md). A write that fails (full disk, I/O error) is
// logged and reported as a failed call; the kiosk keeps serving the visitor. Every write is one
// transaction, committed with synchronous=FULL: what a call reported as done survives a power cut.
class SqliteVisitLog final : public VisitLog {
public:
    explicit SqliteVisitLog(storage::Database& db) : db_(db) {}

    std::optional<VisitId> open(WallTime start, std::string_view localDate, std::string_view language) override;
    bool guide(VisitId id, const GuidedVisit& session) override;
    bool event(VisitId id, WallTime at, const VisitEvent& event) override;
    bool touch(VisitId id, WallTime at) override;
    bool outcome(VisitId id, const VisitOutcome& outcome) override;
    bool close(VisitId id, WallTime end, EndReason reason) override;

    // Visits still open at start-up were cut off (power loss, crash): they are closed as
    // "interrupted", ending at their last known activity. Returns how many.
    int closeInterrupted();

    struct Purge {
        int visits = 0;
        bool byAgeOnly = false; // no report marker was required (no agent yet)
    };
    // Deletes closed visits (and all that hangs on them) that started before now - retention;
    // with reportedThrough, only those of a local date up to it (the last day the agent says the
    // server has; "" deletes nothing).
    Purge purge(WallTime now, std::chrono::hours retention, const std::optional<std::string>& reportedThrough);

private:
    storage::Database& db_;
};

} // namespace dps::kiosk
