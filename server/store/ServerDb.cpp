#include "server/store/ServerDb.h"

#include "server/store/VisitorsDevicesPurge.h"

#include "dps/storage/Migrations.h"
#include "dps/storage/ServiceFolder.h"

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
    storage::Migration{3, "dashboard: monthly sums, staff accounts and sessions, municipality names", R"sql(
CREATE TABLE usage_months (                  -- usage_days' counters summed per DPS and month, kept by ingest
  dps_id INTEGER NOT NULL REFERENCES dps (id),
  month  TEXT NOT NULL,                      -- YYYY-MM of the terminals' local days
  metric TEXT NOT NULL,                      -- the counter's path, dotted: visits, by_mode.free, tutorials.mouse-basics.completed
  value  INTEGER NOT NULL,
  PRIMARY KEY (dps_id, month, metric)
) WITHOUT ROWID;
-- The region's pages read a few metrics of every DPS over a range of months: covering, no row lookup.
CREATE INDEX usage_months_metric ON usage_months (metric, month, dps_id, value);
INSERT INTO usage_months (dps_id, month, metric, value)
  SELECT u.dps_id, substr(u.date, 1, 7), replace(substr(j.fullkey, 3), '"', ''), sum(j.atom)
  FROM usage_days u, json_tree(u.counters) j WHERE j.type = 'integer'
  GROUP BY 1, 2, 3;
CREATE TABLE staff_users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role                TEXT NOT NULL CHECK (role IN ('region', 'dps')),
  dps_id              INTEGER REFERENCES dps (id),
  password_hash       TEXT NOT NULL,         -- Argon2id, libsodium's crypto_pwhash_str format
  language            TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'nl', 'en')),
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  CHECK ((role = 'dps') = (dps_id IS NOT NULL))
);
CREATE TABLE staff_sessions (
  token_hash   TEXT PRIMARY KEY,             -- SHA-256 of the cookie's value, never the value
  user_id      INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
CREATE TABLE municipalities (                -- names in the staff's languages (assets/data/brussels-municipalities.csv)
  name_en   TEXT PRIMARY KEY,                -- as dps.municipality holds it
  name_fr   TEXT NOT NULL,
  name_nl   TEXT NOT NULL,
  postcodes TEXT NOT NULL
);
INSERT INTO municipalities (name_en, name_fr, name_nl, postcodes) VALUES
  ('Anderlecht', 'Anderlecht', 'Anderlecht', '1070'),
  ('Auderghem', 'Auderghem', 'Oudergem', '1160'),
  ('Berchem-Sainte-Agathe', 'Berchem-Sainte-Agathe', 'Sint-Agatha-Berchem', '1082'),
  ('Brussels (City)', 'Bruxelles', 'Brussel', '1000 1020 1120 1130'),
  ('Etterbeek', 'Etterbeek', 'Etterbeek', '1040'),
  ('Evere', 'Evere', 'Evere', '1140'),
  ('Forest', 'Forest', 'Vorst', '1190'),
  ('Ganshoren', 'Ganshoren', 'Ganshoren', '1083'),
  ('Ixelles', 'Ixelles', 'Elsene', '1050'),
  ('Jette', 'Jette', 'Jette', '1090'),
  ('Koekelberg', 'Koekelberg', 'Koekelberg', '1081'),
  ('Molenbeek-Saint-Jean', 'Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek', '1080'),
  ('Saint-Gilles', 'Saint-Gilles', 'Sint-Gillis', '1060'),
  ('Saint-Josse-ten-Noode', 'Saint-Josse-ten-Noode', 'Sint-Joost-ten-Node', '1210'),
  ('Schaerbeek', 'Schaerbeek', 'Schaarbeek', '1030'),
  ('Uccle', 'Uccle', 'Ukkel', '1180'),
  ('Watermael-Boitsfort', 'Watermael-Boitsfort', 'Watermaal-Bosvoorde', '1170'),
  ('Woluwe-Saint-Lambert', 'Woluwe-Saint-Lambert', 'Sint-Lambrechts-Woluwe', '1200'),
  ('Woluwe-Saint-Pierre', 'Woluwe-Saint-Pierre', 'Sint-Pieters-Woluwe', '1150');
)sql"},
    // Issue 16: agents before the USB rule sent a visitor's USB stick or charging phone with its
    // name and serial; the stored inventories and their history lose them (VisitorsDevicesPurge.h).
    storage::Migration{4, "inventories: visitors' USB devices and removable media removed", "", &purgeVisitorsDevices},
    // Issue 16 too: they also sent the network interface of a phone sharing its connection, or of a
    // visitor's USB dongle, with its address; stored inventories and the history lose them.
    storage::Migration{5, "inventories: network interfaces on visitors' USB devices removed", "",
                       &purgeVisitorsNetworks},
    // Issue 17: the browsers each staff account logged in from, whose failed logins are counted
    // apart from everyone else's (docs/staff-accounts.md); and the answers kept under an
    // Idempotency-Key, from now on per route ("usage:KEY", "inventory:KEY"), so that one route's
    // answer is never replayed for another (the kept ones are told apart by their body).
    storage::Migration{6, "known staff devices; idempotency keys per route", R"sql(
CREATE TABLE staff_devices (                 -- a browser a staff account logged in from
  token_hash   TEXT PRIMARY KEY,             -- SHA-256 of the dps_device cookie's value, never the value
  user_id      INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT NOT NULL                 -- its last successful login
);
CREATE INDEX staff_devices_user ON staff_devices (user_id, last_used_at);
UPDATE idempotent_answers SET key = 'usage:' || key WHERE body LIKE '{"applied":%';
UPDATE idempotent_answers SET key = 'inventory:' || key WHERE body LIKE '{"stored":%';
)sql"},
    // The heartbeat's optional "kiosk" (issue 20): what the terminal is doing now, states and
    // counts only; NULL when the latest heartbeat had none.
    storage::Migration{7, "heartbeats: the kiosk's state", R"sql(
ALTER TABLE heartbeats ADD COLUMN kiosk_state TEXT;                -- idle, visit, free_use, out_of_order
ALTER TABLE heartbeats ADD COLUMN kiosk_minutes_left INTEGER;      -- free_use: until the session's end
ALTER TABLE heartbeats ADD COLUMN kiosk_help_asked_minutes INTEGER; -- free_use: a call for help waits since
ALTER TABLE heartbeats ADD COLUMN kiosk_free_use_stopped INTEGER;  -- 1: free use off after a wipe not verified
)sql"},
};

storage::Database openDatabase(const std::filesystem::path& file, bool checkIntegrity) {
    // synchronous=FULL: an acknowledged batch is one the agent deletes from its outbox, so it
    // must survive a power cut on the server, not only a crash.
    storage::OpenOptions options;
    options.synchronousFull = true;
    options.checkIntegrity = checkIntegrity;
    if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
    storage::refuseRootInServiceFolder(file, "dps-server");
    storage::Database db = storage::Database::open(file, options);
    storage::migrate(db, kSteps, "dps-server");
    return db;
}

} // namespace

ServerDb::ServerDb(const std::filesystem::path& file, Integrity integrity)
    : file_(file), db_(openDatabase(file, integrity == Integrity::Checked)) {}

storage::Database ServerDb::openReader() const {
    storage::OpenOptions options;
    options.readOnly = true;
    options.checkIntegrity = false;
    return storage::Database::open(file_, options);
}

std::span<const storage::Migration> serverSchemaSteps() { return kSteps; }

int serverSchemaVersion() { return storage::latestVersion(kSteps, "dps-server"); }

} // namespace dps::server
