#pragma once
#include "dps/storage/Database.h"
#include "kiosk/core/VisitLog.h"

#include <optional>
#include <string>
#include <string_view>

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
    bool language(VisitId id, std::string_view language) override;
    bool outcome(VisitId id, const VisitOutcome& outcome) override;
    bool freeUse(VisitId id, const FreeUseRecord& record) override;
    bool close(VisitId id, WallTime end, EndReason reason) override;

    // Visits still open at start-up were cut off (power loss, crash): they are closed as
    // "interrupted", ending at their last known activity, and so is a free-use session in one of
    // them that had not ended. Returns how many visits. Throws StorageError
    // when the file cannot be written (a full disk): they stay open for a later start.
    int closeInterrupted();
    // Whether the last write failed (a full disk, an I/O error): Terminal status says visits are
    // not being recorded. The next write that succeeds clears it.
    [[nodiscard]] bool failing() const { return failing_; }

    // Deletes the closed visits of every local date up to lastDate, that one included, with all
    // that hangs on them (docs/visit-log.md, "Retention"). Whole days only: dps-agent recomputes
    // recent days, and a day with half its visits gone would reach the server as a smaller count.
    // Returns how many visits went.
    int purgeThrough(std::string_view lastDate);
    // The local date of the oldest visit after the given date ("" for the oldest of all); nullopt
    // when there is none.
    [[nodiscard]] std::optional<std::string> oldestDateAfter(std::string_view date);

private:
    storage::Database& db_;
    bool failing_ = false;
};

} // namespace dps::kiosk
