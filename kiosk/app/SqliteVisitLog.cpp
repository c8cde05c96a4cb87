#include "SqliteVisitLog.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/storage/StorageError.h"

namespace dps::kiosk {

std::optional<VisitId> SqliteVisitLog::open(WallTime start, std::string_view language) {
    try {
        db_.prepare("INSERT INTO visits (started_at, language) VALUES (?1, ?2)")
            .bind(1, std::string_view(toIsoUtc(start)))
            .bind(2, language)
            .run();
        return db_.lastInsertId();
    } catch (const storage::StorageError& e) {
        log::error("could not record the start of a visit: {}", e.what());
        return std::nullopt;
    }
}

bool SqliteVisitLog::close(VisitId id, WallTime end, EndReason reason) {
    try {
        db_.prepare("UPDATE visits SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND end_reason IS NULL")
            .bind(1, id)
            .bind(2, std::string_view(toIsoUtc(end)))
            .bind(3, endReasonName(reason))
            .run();
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record the end of visit {}: {}", id, e.what());
        return false;
    }
}

bool SqliteVisitLog::event(VisitId id, WallTime at, const VisitEvent& event) {
    try {
        db_.prepare("INSERT INTO visit_events (visit_id, at, kind, tutorial_id, tutorial_version, step, outcome) "
                    "VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, 0), nullif(?6, 0), nullif(?7, ''))")
            .bind(1, id)
            .bind(2, std::string_view(toIsoUtc(at)))
            .bind(3, visitEventName(event.kind))
            .bind(4, std::string_view(event.tutorialId))
            .bind(5, std::int64_t{event.tutorialVersion})
            .bind(6, std::int64_t{event.step})
            .bind(7, std::string_view(event.outcome))
            .run();
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record a {} event of visit {}: {}", visitEventName(event.kind), id, e.what());
        return false;
    }
}

int SqliteVisitLog::closeInterrupted() {
    db_.prepare("UPDATE visits SET end_reason = ?1 WHERE end_reason IS NULL")
        .bind(1, endReasonName(EndReason::Interrupted))
        .run();
    return static_cast<int>(db_.changes());
}

} // namespace dps::kiosk
