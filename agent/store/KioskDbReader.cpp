#include "agent/store/KioskDbReader.h"
#include "dps/core/Timestamp.h"

#include <ctime>
#include <fmt/core.h>
#include <set>
#include <unordered_map>

namespace dps::agent {
using protocol::FreeUseRow;
using protocol::KioskState;
using protocol::UsageDay;
using protocol::VisitRow;

std::string systemLocalDate(WallTime t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    ::localtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

storage::Database openKioskDbForReading(const std::filesystem::path& file) {
    storage::OpenOptions ro;
    ro.readOnly = true;
    ro.checkIntegrity = false;
    return storage::Database::open(file, ro);
}

KioskDbReader::KioskDbReader(storage::Database& kioskDb, LocalDateOf localDateOf)
    : db_(kioskDb), localDateOf_(std::move(localDateOf)) {}

namespace {
std::optional<std::string> optionalText(const storage::Statement& st, int column) {
    if (st.isNull(column)) return std::nullopt;
    return st.text(column);
}
} // namespace

UsageDay KioskDbReader::day(const std::string& date) {
    UsageDay day;
    day.date = date;
    std::unordered_map<std::int64_t, VisitRow> visits;
    std::vector<std::int64_t> order;
    // free_use_*: kiosk.db step 8 (issue 20); a file of an older kiosk has none (hasFreeUse).
    auto st = db_.prepare(
        std::string("SELECT id, language, mode, group_size, started_at, ended_at, end_reason, came_for, helped, "
                    "autonomy, referral, ") +
        (hasFreeUse() ? "free_use_minutes, free_use_pages, free_use_eid, free_use_usb" : "NULL, NULL, NULL, NULL") +
        " FROM visits WHERE local_date = ?1 AND end_reason IS NOT NULL ORDER BY id");
    st.bind(1, std::string_view(date));
    while (st.step()) {
        VisitRow v;
        v.localDate = date;
        v.language = st.text(1);
        v.mode = st.text(2);
        v.groupSize = static_cast<int>(st.integer(3));
        const auto start = fromIsoUtc(st.text(4));
        const auto end = fromIsoUtc(st.text(5));
        if (start && end) v.length = std::chrono::duration_cast<std::chrono::seconds>(*end - *start);
        v.endReason = st.text(6);
        v.cameFor = optionalText(st, 7);
        v.helped = optionalText(st, 8);
        v.autonomy = optionalText(st, 9);
        v.referral = optionalText(st, 10);
        if (!st.isNull(11))
            v.freeUse =
                FreeUseRow{static_cast<int>(st.integer(11)), st.isNull(12) ? 0 : static_cast<int>(st.integer(12)),
                           !st.isNull(13) && st.integer(13) != 0, !st.isNull(14) && st.integer(14) != 0};
        order.push_back(st.integer(0));
        visits.emplace(st.integer(0), std::move(v));
    }
    // One query per table for the whole day, each row handed to its visit.
    const auto each = [&](const char* sql, auto&& take) {
        auto q = db_.prepare(sql);
        q.bind(1, std::string_view(date));
        while (q.step()) {
            const auto it = visits.find(q.integer(0));
            if (it != visits.end()) take(it->second, q);
        }
    };
    each(
        "SELECT p.visit_id, p.purpose FROM visit_purposes p JOIN visits v ON v.id = p.visit_id WHERE v.local_date = ?1",
        [](VisitRow& v, const storage::Statement& q) { v.purposes.push_back(q.text(1)); });
    each("SELECT a.visit_id, a.audience FROM visit_audiences a JOIN visits v ON v.id = a.visit_id "
         "WHERE v.local_date = ?1 AND v.consent = 1",
         [](VisitRow& v, const storage::Statement& q) { v.audiences.push_back(q.text(1)); });
    each("SELECT e.visit_id, e.kind, coalesce(e.tutorial_id, ''), coalesce(e.outcome, '') FROM visit_events e "
         "JOIN visits v ON v.id = e.visit_id WHERE v.local_date = ?1 ORDER BY e.id",
         [](VisitRow& v, const storage::Statement& q) {
             v.events.push_back({q.text(1), q.text(2), q.text(3)});
         });
    for (const auto id : order)
        addVisit(day, visits.at(id));

    // Equipment reports carry UTC times: the day is the terminal's, as for visits. The few
    // around the day (±1 day of UTC) are read and sorted by their local date.
    auto eq = db_.prepare("SELECT at, item, state FROM equipment_reports WHERE substr(at, 1, 10) BETWEEN "
                          "date(?1, '-1 day') AND date(?1, '+1 day')");
    eq.bind(1, std::string_view(date));
    while (eq.step()) {
        const auto at = fromIsoUtc(eq.text(0));
        if (at && localDateOf_(*at) == date) addEquipmentReport(day, eq.text(1), eq.text(2));
    }
    return day;
}

std::vector<std::string> KioskDbReader::dates() {
    std::set<std::string> found;
    auto v = db_.prepare("SELECT DISTINCT local_date FROM visits");
    while (v.step())
        found.insert(v.text(0));
    auto eq = db_.prepare("SELECT at FROM equipment_reports");
    while (eq.step())
        if (const auto at = fromIsoUtc(eq.text(0))) found.insert(localDateOf_(*at));
    return {found.begin(), found.end()};
}

std::vector<std::pair<std::string, std::string>> KioskDbReader::openEquipmentProblems() {
    std::vector<std::pair<std::string, std::string>> out;
    // The latest report of each item; the facilitator's name stays in kiosk.db.
    auto q = db_.prepare("SELECT item, state FROM equipment_reports e WHERE id = (SELECT max(id) FROM "
                         "equipment_reports WHERE item = e.item) AND state <> 'repaired' ORDER BY item");
    while (q.step())
        out.emplace_back(q.text(0), q.text(1));
    return out;
}

bool KioskDbReader::hasFreeUse() {
    // The kiosk adds the columns in one step (8): one of them tells for all. Asked each time, not
    // kept: the kiosk may upgrade its file while the agent runs.
    auto st = db_.prepare("SELECT count(*) FROM pragma_table_info('visits') WHERE name = 'free_use_minutes'");
    return st.step() && st.integer(0) > 0;
}

std::optional<KioskState> KioskDbReader::kioskState(WallTime now) {
    auto has = db_.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'kiosk_state'");
    if (!has.step() || has.integer(0) == 0) return std::nullopt;
    auto st = db_.prepare(
        "SELECT activity, minutes_left, help_asked_minutes, free_use_stopped, at FROM kiosk_state WHERE id = 1");
    if (!st.step()) return std::nullopt;
    KioskState k;
    k.state = st.text(0);
    if (!st.isNull(1)) k.minutesLeft = st.integer(1);
    if (!st.isNull(2)) k.helpAskedMinutes = st.integer(2);
    k.freeUseStopped = st.integer(3) != 0;
    if (k.state == "free_use") {
        const auto at = fromIsoUtc(st.text(4));
        if (!at || now - *at > kStaleFreeUse) return std::nullopt;
    }
    return k;
}

bool KioskDbReader::hasOpenVisit(const std::string& date) {
    auto st = db_.prepare("SELECT count(*) FROM visits WHERE local_date = ?1 AND end_reason IS NULL");
    st.bind(1, std::string_view(date));
    return st.step() && st.integer(0) > 0;
}

bool KioskDbReader::hasVisits(const std::string& date) {
    auto st = db_.prepare("SELECT EXISTS (SELECT 1 FROM visits WHERE local_date = ?1)");
    st.bind(1, std::string_view(date));
    return st.step() && st.integer(0) != 0;
}

} // namespace dps::agent
