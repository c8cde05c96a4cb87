#include "kiosk/adapters/store/KioskDatabase.h"
#include "dps/log/Log.h"
#include "dps/storage/ServiceFolder.h"

#include <array>
#include <cstdint>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace dps::kiosk {
namespace {

constexpr std::array kSteps{
    storage::Migration{1, "visits",
                       R"sql(
CREATE TABLE visits (
  id         INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,   -- UTC, ISO 8601
  ended_at   TEXT,            -- NULL while the visit is open, or when it was interrupted
  language   TEXT NOT NULL,   -- catalogue code: fr, nl, en…
  end_reason TEXT             -- finished, idle_timeout, shutdown, interrupted
);
CREATE INDEX visits_started_at ON visits (started_at);
)sql"},
    storage::Migration{2, "visit events (tutorials)",
                       R"sql(
CREATE TABLE visit_events (
  id               INTEGER PRIMARY KEY,
  visit_id         INTEGER NOT NULL REFERENCES visits (id),
  at               TEXT NOT NULL,    -- UTC, ISO 8601
  kind             TEXT NOT NULL,    -- tutorial_started, step_reached, tutorial_completed, tutorial_abandoned
  tutorial_id      TEXT,
  tutorial_version INTEGER,
  step             INTEGER           -- 1-based
);
CREATE INDEX visit_events_visit ON visit_events (visit_id);
)sql"},
    storage::Migration{3, "e-ID check outcomes", "ALTER TABLE visit_events ADD COLUMN outcome TEXT; -- a stable code"},
    storage::Migration{4, "the complete visit log and facilitator mode",
                       R"sql(
ALTER TABLE visits ADD COLUMN local_date TEXT;       -- the day at the terminal, YYYY-MM-DD
ALTER TABLE visits ADD COLUMN mode TEXT NOT NULL DEFAULT 'free'; -- free, guided_individual, guided_group
ALTER TABLE visits ADD COLUMN group_size INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visits ADD COLUMN consent INTEGER NOT NULL DEFAULT 0; -- the participants agreed to audience tags
ALTER TABLE visits ADD COLUMN last_activity_at TEXT; -- UTC; an interrupted visit ends here
ALTER TABLE visits ADD COLUMN autonomy TEXT;         -- guided: full_help, some_help, alone
ALTER TABLE visits ADD COLUMN referral TEXT;         -- guided: municipality, cpas, employment_service, association, none
ALTER TABLE visits ADD COLUMN came_for TEXT;         -- free use end question: a purpose code
ALTER TABLE visits ADD COLUMN helped TEXT;           -- free use end question: yes, somewhat, no
ALTER TABLE visits ADD COLUMN reported_at TEXT;      -- UTC; set by dps-agent once the visit is in a sent report
UPDATE visits SET local_date = substr(started_at, 1, 10), last_activity_at = coalesce(ended_at, started_at);
CREATE INDEX visits_open ON visits (end_reason) WHERE end_reason IS NULL;

CREATE TABLE visit_purposes (
  visit_id INTEGER NOT NULL REFERENCES visits (id),
  purpose  TEXT NOT NULL,  -- learning, administrative, job_search, banking, eid_help, other
  PRIMARY KEY (visit_id, purpose)
);
CREATE TABLE visit_audiences (
  visit_id INTEGER NOT NULL REFERENCES visits (id),
  audience TEXT NOT NULL,  -- job_seekers, young_people, seniors, disabilities, precarious, women
  PRIMARY KEY (visit_id, audience)
);
-- No audience tag without consent, whatever program writes.
CREATE TRIGGER visit_audiences_need_consent BEFORE INSERT ON visit_audiences
  WHEN (SELECT consent FROM visits WHERE id = NEW.visit_id) IS NOT 1
  BEGIN SELECT RAISE(ABORT, 'audience tags need the participants'' consent'); END;

CREATE TABLE facilitators (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  pin_hash   TEXT NOT NULL,  -- libsodium crypto_pwhash_str (Argon2id), never the PIN
  created_at TEXT NOT NULL
);
CREATE TABLE facilitator_lock (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  failures     INTEGER NOT NULL,
  lockouts     INTEGER NOT NULL,
  locked_until TEXT
);
CREATE TABLE terminal_settings (  -- over the configuration file's values
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE TABLE settings_changes (   -- who changed what, when
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  facilitator TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL
);
CREATE TABLE equipment_reports (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  facilitator TEXT NOT NULL,
  item        TEXT NOT NULL,  -- printer, card_reader, screen, keyboard, mouse, network
  state       TEXT NOT NULL   -- not_working, works_badly, missing, repaired
);
)sql"},
    // dps-agent reads kiosk.db day by day: without it each sync scans every visit.
    storage::Migration{5, "visits by local date, for dps-agent",
                       "CREATE INDEX visits_local_date ON visits (local_date);"},
    storage::Migration{6, "the administrator PIN (maintenance exit)",
                       R"sql(
CREATE TABLE admin_pin (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  pin_hash TEXT NOT NULL,  -- libsodium crypto_pwhash_str (Argon2id), never the PIN
  set_at   TEXT NOT NULL   -- UTC, ISO 8601
);
)sql"},
    // Wrong administrator PINs count apart from facilitators' (issue 18): guessing one must not
    // lock the other out.
    storage::Migration{7, "the administrator PIN's own lock-out",
                       R"sql(
CREATE TABLE admin_pin_lock (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  failures     INTEGER NOT NULL,
  lockouts     INTEGER NOT NULL,
  locked_until TEXT
);
)sql"},
    // A free-use session (issue 20) keeps only these: never a URL, a file name or anything typed.
    storage::Migration{8, "free-use sessions",
                       R"sql(
ALTER TABLE visits ADD COLUMN free_use_minutes INTEGER;   -- NULL: no free-use session in this visit
ALTER TABLE visits ADD COLUMN free_use_end TEXT;          -- finished, time_up, idle, closing_time, facilitator, browser_crash, interrupted
ALTER TABLE visits ADD COLUMN free_use_pages INTEGER;     -- pages printed
ALTER TABLE visits ADD COLUMN free_use_usb INTEGER;       -- 1: a USB stick was used
ALTER TABLE visits ADD COLUMN free_use_eid INTEGER;       -- 1: the e-ID was used in the browser
)sql"},
    // What the kiosk is doing now, for dps-agent's heartbeat (issue 20): one row, rewritten as it
    // changes (every minute of a free-use session). States and counts only, never about a visitor.
    storage::Migration{9, "the kiosk's state for the Region",
                       R"sql(
CREATE TABLE kiosk_state (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  activity           TEXT NOT NULL,     -- idle, visit, free_use, out_of_order
  minutes_left       INTEGER,           -- free_use: until the session's end
  help_asked_minutes INTEGER,           -- free_use: a call for help waits since
  free_use_stopped   INTEGER NOT NULL,  -- 1: free use off after a wipe not verified
  at                 TEXT NOT NULL      -- UTC, ISO 8601: when written
);
)sql"},
};

} // namespace

std::span<const storage::Migration> kioskSchemaSteps() { return kSteps; }

storage::Database openKioskDatabase(const std::filesystem::path& file) {
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            throw storage::StorageError(
                fmt::format("{}: cannot create the folder: {}", file.parent_path().string(), ec.message()));
        }
    }
    storage::refuseRootInServiceFolder(file, "dps-kiosk");
    storage::OpenOptions options;
    options.synchronousFull = true;
    // kiosk.db and its -wal and -shm group-writable, whoever started the kiosk: dps-agent (group
    // dps-kiosk) reads the visit log, and SQLite writes the -shm for that (debian/dps-kiosk.postinst).
    // SQLite makes a new database 0644 and gives the -wal and -shm the database's own mode, so
    // the file is made first, 0660, under a umask that keeps group write.
    struct GroupUmask {
        mode_t old = ::umask(007);
        ~GroupUmask() { ::umask(old); }
    };
    storage::Database db = [&] {
        GroupUmask umask;
        if (const int fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0660); fd >= 0) ::close(fd);
        return storage::Database::open(file, options);
    }();
    storage::migrate(db, kioskSchemaSteps(), "dps-kiosk");
    return db;
}

namespace {

// What SQLite needs to open kiosk.db: a 32 KB -shm and a few pages of -wal. Below this, a
// failure to open is the disk's, not the file's.
constexpr std::uintmax_t kRoomToOpen = 1024 * 1024;

bool diskFull(const std::filesystem::path& file) {
    std::error_code ec;
    const auto space = std::filesystem::space(file.has_parent_path() ? file.parent_path() : ".", ec);
    return !ec && space.available < kRoomToOpen;
}

} // namespace

storage::Database openKioskDatabaseForRun(const std::filesystem::path& file, bool& inMemory) {
    inMemory = false;
    try {
        return openKioskDatabase(file);
    } catch (const storage::StorageError& e) {
        if (!diskFull(file)) throw;
        log::error("{}", e.what());
    }
    log::error("the disk is full: the kiosk runs on a copy of {} in memory; visits, settings and equipment reports "
               "of this session are not kept. Free some space and restart it",
               file.string());
    inMemory = true;
    storage::Database db = storage::Database::copyIntoMemory(file);
    storage::migrate(db, kioskSchemaSteps(), "dps-kiosk");
    return db;
}

} // namespace dps::kiosk
