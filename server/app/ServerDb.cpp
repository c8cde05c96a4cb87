#include "ServerDb.h"

#include "dps/storage/Migrations.h"

#include <array>

namespace dps::server {
namespace {

// Times are UTC ISO 8601 text, as in kiosk.db. Tokens and codes are kept only as SHA-256 hex.
constexpr std::array kSteps{
    storage::Migration{1, "DPS, terminals, enrollment, usage days, heartbeats, idempotency",
                       R"sql(
CREATE TABLE dps (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  street       TEXT NOT NULL,
  postcode     TEXT NOT NULL,
  municipality TEXT NOT NULL
);
CREATE TABLE terminals (
  id              TEXT PRIMARY KEY,          -- T-000001
  dps_id          INTEGER NOT NULL REFERENCES dps (id),
  state           TEXT NOT NULL CHECK (state IN ('pending', 'active', 'revoked')),
  created_at      TEXT NOT NULL,
  enrolled_at     TEXT,
  revoked_at      TEXT,
  token_hash      TEXT UNIQUE,               -- SHA-256 of the bearer token, never the token
  agent_version   TEXT,
  last_usage_at   TEXT                       -- the last accepted POST /usage
);
CREATE TABLE enrollment_codes (
  code_hash   TEXT PRIMARY KEY,              -- SHA-256 of the canonical code, never the code
  terminal_id TEXT NOT NULL REFERENCES terminals (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);
CREATE TABLE usage_days (
  terminal_id TEXT NOT NULL REFERENCES terminals (id),
  date        TEXT NOT NULL,                 -- the terminal's local day, YYYY-MM-DD
  rev         INTEGER NOT NULL,
  final       INTEGER NOT NULL,              -- 0 or 1
  dps_id      INTEGER NOT NULL REFERENCES dps (id), -- the terminal's DPS when it was received
  counters    TEXT NOT NULL,                 -- protocol::countersJson: canonical JSON
  received_at TEXT NOT NULL,
  PRIMARY KEY (terminal_id, date)
);
CREATE INDEX usage_days_dps_date ON usage_days (dps_id, date);
CREATE TABLE heartbeats (                    -- the latest one per terminal
  terminal_id     TEXT PRIMARY KEY REFERENCES terminals (id),
  received_at     TEXT NOT NULL,
  agent_version   TEXT NOT NULL,
  uptime_seconds  INTEGER NOT NULL,
  free_disk_bytes INTEGER NOT NULL,
  outbox          INTEGER NOT NULL,
  dead_letters    INTEGER NOT NULL,
  last_error      TEXT NOT NULL
);
CREATE TABLE idempotent_answers (            -- what a batch got, to give it again on a retry
  terminal_id TEXT NOT NULL REFERENCES terminals (id),
  key         TEXT NOT NULL,                 -- the Idempotency-Key header (the batch_id)
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (terminal_id, key)
);
CREATE INDEX idempotent_answers_created ON idempotent_answers (created_at);
)sql"},
    storage::Migration{2, "inventories and their changes", R"sql(
CREATE TABLE inventories (                   -- the latest dps-inventory/1 message per terminal
  terminal_id TEXT PRIMARY KEY REFERENCES terminals (id),
  received_at TEXT NOT NULL,                 -- when this content first arrived
  hash        TEXT NOT NULL,                 -- SHA-256 hex of document
  document    TEXT NOT NULL                  -- the message as canonical JSON (sorted keys, compact)
);
CREATE TABLE inventory_changes (             -- what appeared or disappeared from one inventory to the next
  id          INTEGER PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (id),
  at          TEXT NOT NULL,                 -- when the inventory that showed it arrived
  change      TEXT NOT NULL CHECK (change IN ('appeared', 'disappeared')),
  kind        TEXT NOT NULL,                 -- usb, monitor, storage, printer, card_reader, battery, network, computer
  item        TEXT NOT NULL                  -- its identity, as staff read it
);
CREATE INDEX inventory_changes_terminal_at ON inventory_changes (terminal_id, at);
CREATE INDEX inventory_changes_at ON inventory_changes (at);
)sql"},
};

storage::Database openDatabase(const std::filesystem::path& file) {
    // synchronous=FULL: an acknowledged batch is one the agent deletes from its outbox, so it
    // must survive a power cut on the server, not only a crash.
    storage::OpenOptions options;
    options.synchronousFull = true;
    if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
    storage::Database db = storage::Database::open(file, options);
    storage::migrate(db, kSteps, "dps-server");
    return db;
}

} // namespace

ServerDb::ServerDb(const std::filesystem::path& file) : db_(openDatabase(file)) {}

int serverSchemaVersion() { return static_cast<int>(kSteps.size()); }

} // namespace dps::server
