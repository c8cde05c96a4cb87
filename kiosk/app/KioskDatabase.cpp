#include "KioskDatabase.h"

#include <array>
#include <fmt/core.h>
#include <system_error>

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
    storage::OpenOptions options;
    options.synchronousFull = true;
    storage::Database db = storage::Database::open(file, options);
    storage::migrate(db, kioskSchemaSteps(), "dps-kiosk");
    return db;
}

} // namespace dps::kiosk
