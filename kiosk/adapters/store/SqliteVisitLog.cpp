#include "kiosk/adapters/store/SqliteVisitLog.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/storage/StorageError.h"
#include "dps/storage/Transaction.h"

namespace dps::kiosk {
namespace {

// Runs a write and reports failure as false, with what failed in the log: a visitor is never
// stopped by the visit log. failing says how the last write went.
template <class F> bool attempt(bool& failing, const char* what, VisitId id, F&& write) {
    try {
        write();
        failing = false;
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record {} of visit {}: {}", what, id, e.what());
        failing = true;
        return false;
    }
}

std::optional<std::string> codeOf(const auto& value) {
    if (!value) return std::nullopt;
    return std::string(code(*value));
}

} // namespace

std::optional<VisitId> SqliteVisitLog::open(WallTime start, std::string_view localDate, std::string_view language) {
    try {
        const std::string at = toIsoUtc(start);
        db_.prepare("INSERT INTO visits (started_at, local_date, language, last_activity_at) VALUES (?1, ?2, ?3, ?1)")
            .bind(1, std::string_view(at))
            .bind(2, localDate)
            .bind(3, language)
            .run();
        const VisitId id = db_.lastInsertId();
        log::debug("visit {} opened", id);
        failing_ = false;
        return id;
    } catch (const storage::StorageError& e) {
        log::error("could not record the start of a visit: {}", e.what());
        failing_ = true;
        return std::nullopt;
    }
}

bool SqliteVisitLog::guide(VisitId id, const GuidedVisit& s) {
    if (const std::string problem = consentProblem(s); !problem.empty()) {
        log::error("guided session of visit {} not recorded: {}", id, problem);
        return false;
    }
    return attempt(failing_, "the guided session", id, [&] {
        storage::Transaction tx(db_);
        db_.prepare("UPDATE visits SET mode = ?2, group_size = ?3, consent = ?4 WHERE id = ?1")
            .bind(1, id)
            .bind(2, code(s.mode()))
            .bind(3, std::int64_t{s.groupSize})
            .bind(4, std::int64_t{s.consent ? 1 : 0})
            .run();
        db_.prepare("DELETE FROM visit_purposes WHERE visit_id = ?1").bind(1, id).run();
        db_.prepare("DELETE FROM visit_audiences WHERE visit_id = ?1").bind(1, id).run();
        for (const Purpose p : s.purposes)
            db_.prepare("INSERT INTO visit_purposes (visit_id, purpose) VALUES (?1, ?2)")
                .bind(1, id)
                .bind(2, code(p))
                .run();
        for (const Audience a : s.audiences) {
            db_.prepare("INSERT INTO visit_audiences (visit_id, audience) VALUES (?1, ?2)")
                .bind(1, id)
                .bind(2, code(a))
                .run();
        }
        tx.commit();
        log::debug("visit {} guided", id);
    });
}

bool SqliteVisitLog::event(VisitId id, WallTime at, const VisitEvent& event) {
    return attempt(failing_, std::string(visitEventName(event.kind)).c_str(), id, [&] {
        const std::string when = toIsoUtc(at);
        storage::Transaction tx(db_);
        db_.prepare("INSERT INTO visit_events (visit_id, at, kind, tutorial_id, tutorial_version, step, outcome) "
                    "VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, 0), nullif(?6, 0), nullif(?7, ''))")
            .bind(1, id)
            .bind(2, std::string_view(when))
            .bind(3, visitEventName(event.kind))
            .bind(4, std::string_view(event.tutorialId))
            .bind(5, std::int64_t{event.tutorialVersion})
            .bind(6, std::int64_t{event.step})
            .bind(7, std::string_view(event.outcome))
            .run();
        const auto eventId = db_.lastInsertId();
        db_.prepare("UPDATE visits SET last_activity_at = ?2 WHERE id = ?1")
            .bind(1, id)
            .bind(2, std::string_view(when))
            .run();
        tx.commit();
        log::debug("visit {} event {} recorded", id, eventId);
    });
}

bool SqliteVisitLog::touch(VisitId id, WallTime at) {
    return attempt(failing_, "the last activity", id, [&] {
        db_.prepare("UPDATE visits SET last_activity_at = ?2 WHERE id = ?1 AND end_reason IS NULL")
            .bind(1, id)
            .bind(2, std::string_view(toIsoUtc(at)))
            .run();
    });
}

bool SqliteVisitLog::language(VisitId id, std::string_view language) {
    return attempt(failing_, "the language", id, [&] {
        db_.prepare("UPDATE visits SET language = ?2 WHERE id = ?1 AND end_reason IS NULL")
            .bind(1, id)
            .bind(2, language)
            .run();
    });
}

bool SqliteVisitLog::outcome(VisitId id, const VisitOutcome& o) {
    return attempt(failing_, "the end answers", id, [&] {
        db_.prepare("UPDATE visits SET autonomy = ?2, referral = ?3, came_for = ?4, helped = ?5 WHERE id = ?1")
            .bind(1, id)
            .bind(2, codeOf(o.autonomy))
            .bind(3, codeOf(o.referral))
            .bind(4, codeOf(o.cameFor))
            .bind(5, codeOf(o.helped))
            .run();
    });
}

bool SqliteVisitLog::freeUse(VisitId id, const FreeUseRecord& r) {
    return attempt(failing_, "the free-use session", id, [&] {
        const std::optional<std::string> end =
            r.end ? std::optional<std::string>(std::string(freeUseEndName(*r.end))) : std::nullopt;
        db_.prepare("UPDATE visits SET free_use_minutes = ?2, free_use_end = ?3, free_use_pages = ?4, "
                    "free_use_usb = ?5, free_use_eid = ?6 WHERE id = ?1")
            .bind(1, id)
            .bind(2, std::int64_t{r.minutes})
            .bind(3, end)
            .bind(4, std::int64_t{r.pagesPrinted})
            .bind(5, std::int64_t{r.usbUsed ? 1 : 0})
            .bind(6, std::int64_t{r.eidUsed ? 1 : 0})
            .run();
    });
}

bool SqliteVisitLog::close(VisitId id, WallTime end, EndReason reason) {
    return attempt(failing_, "the end", id, [&] {
        const std::string at = toIsoUtc(end);
        db_.prepare("UPDATE visits SET ended_at = ?2, last_activity_at = ?2, end_reason = ?3 "
                    "WHERE id = ?1 AND end_reason IS NULL")
            .bind(1, id)
            .bind(2, std::string_view(at))
            .bind(3, endReasonName(reason))
            .run();
        log::debug("visit {} closed", id);
    });
}

int SqliteVisitLog::closeInterrupted() {
    try {
        storage::Transaction tx(db_);
        // A free-use session cut off with its visit: its minutes up to the visit's last sign of life
        // are not known (the browser's input never reaches kiosk.db), so they stay as written.
        db_.prepare("UPDATE visits SET free_use_end = ?1 WHERE end_reason IS NULL AND free_use_minutes IS NOT NULL "
                    "AND free_use_end IS NULL")
            .bind(1, freeUseEndName(FreeUseEnd::Interrupted))
            .run();
        db_.prepare("UPDATE visits SET end_reason = ?1, ended_at = coalesce(last_activity_at, started_at) "
                    "WHERE end_reason IS NULL")
            .bind(1, endReasonName(EndReason::Interrupted))
            .run();
        const int n = static_cast<int>(db_.changes());
        tx.commit();
        return n;
    } catch (const storage::StorageError&) {
        failing_ = true;
        throw;
    }
}

int SqliteVisitLog::purgeThrough(std::string_view lastDate) {
    constexpr const char* which = "SELECT id FROM visits WHERE end_reason IS NOT NULL AND local_date <= ?1";
    storage::Transaction tx(db_);
    for (const char* table : {"visit_events", "visit_purposes", "visit_audiences"})
        db_.prepare(std::string("DELETE FROM ") + table + " WHERE visit_id IN (" + which + ")").bind(1, lastDate).run();
    db_.prepare(std::string("DELETE FROM visits WHERE id IN (") + which + ")").bind(1, lastDate).run();
    const int n = static_cast<int>(db_.changes());
    tx.commit();
    return n;
}

std::optional<std::string> SqliteVisitLog::oldestDateAfter(std::string_view date) {
    auto q = db_.prepare("SELECT min(local_date) FROM visits WHERE local_date > ?1");
    q.bind(1, date);
    if (!q.step() || q.isNull(0)) return std::nullopt;
    return q.text(0);
}

} // namespace dps::kiosk
