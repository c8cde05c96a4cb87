#include "agent/store/AgentDb.h"

#include "dps/core/Timestamp.h"
#include "dps/storage/Migrations.h"
#include "dps/storage/ServiceFolder.h"
#include "dps/storage/StorageError.h"

#include <array>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dps::agent {
namespace {

constexpr std::array<storage::Migration, 2> kSteps = {{
    {1, "days, outbox, dead letters, credential, facts", R"sql(
CREATE TABLE days (            -- the last record computed for each local date
  date TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  counters TEXT NOT NULL,      -- protocol::countersJson: to know whether the day changed
  final INTEGER NOT NULL,
  acked_rev INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outbox (          -- records waiting for a 2xx; one per date, the newest revision
  date TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  record TEXT NOT NULL,
  queued_at TEXT NOT NULL
);
CREATE TABLE dead_letters (    -- records the server refused for good (400, 422): kept, never resent
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  rev INTEGER NOT NULL,
  record TEXT NOT NULL,
  status INTEGER NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE credential (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server TEXT NOT NULL,
  terminal TEXT NOT NULL,
  token TEXT NOT NULL,
  enrolled_at TEXT NOT NULL
);
CREATE TABLE facts (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql"},
    {2, "the inventory waiting to be sent", R"sql(
CREATE TABLE inventory_outbox (  -- the newest inventory not yet acknowledged (one at most)
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  queued_at TEXT NOT NULL
);
)sql"},
}};

std::string now() { return toIsoUtc(std::chrono::system_clock::now()); }

// The credential must not be readable by anyone else: the file is made before SQLite opens it,
// with 0600, and an existing one with wider rights is narrowed (and said so).
void ensurePrivateFile(const std::filesystem::path& file) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    const int fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) throw storage::StorageError(file.string() + ": cannot be opened for writing");
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) ::fchmod(fd, 0600);
    ::close(fd);
}

} // namespace

AgentDb AgentDb::open(const std::filesystem::path& file) {
    storage::refuseRootInServiceFolder(file, "dps-agent");
    const mode_t old = ::umask(077); // and the -wal and -shm files SQLite creates beside it
    ensurePrivateFile(file);
    storage::OpenOptions options;
    options.synchronousFull = true; // an acknowledged record must stay acknowledged after a pulled plug
    AgentDb a(storage::Database::open(file, options));
    ::umask(old);
    a.db_.exec("PRAGMA cache_size = -64"); // a small file: the default 2 MB cache would stay unused
    storage::migrate(a.db_, kSteps, "dps-agent");
    return a;
}

std::optional<Credential> AgentDb::credential() {
    auto q = db_.prepare("SELECT server, terminal, token FROM credential WHERE id = 1");
    if (!q.step()) return std::nullopt;
    return Credential{q.text(0), q.text(1), q.text(2)};
}

void AgentDb::saveCredential(const Credential& c) {
    db_.prepare("INSERT INTO credential (id, server, terminal, token, enrolled_at) VALUES (1, ?1, ?2, ?3, ?4) "
                "ON CONFLICT (id) DO UPDATE SET server = ?1, terminal = ?2, token = ?3, enrolled_at = ?4")
        .bind(1, std::string_view(c.server))
        .bind(2, std::string_view(c.terminal))
        .bind(3, std::string_view(c.token))
        .bind(4, std::string_view(now()))
        .run();
}

std::optional<DayState> AgentDb::dayState(const std::string& date) {
    auto q = db_.prepare("SELECT rev, counters, final, acked_rev FROM days WHERE date = ?1");
    q.bind(1, std::string_view(date));
    if (!q.step()) return std::nullopt;
    return DayState{q.integer(0), q.text(1), q.integer(2) != 0, q.integer(3)};
}

std::vector<std::string> AgentDb::settledDates() {
    std::vector<std::string> out;
    auto q = db_.prepare("SELECT date FROM days WHERE final = 1 AND acked_rev >= rev ORDER BY date");
    while (q.step())
        out.push_back(q.text(0));
    return out;
}

void AgentDb::queueDay(const std::string& date, std::int64_t rev, const std::string& counters, bool final,
                       const std::string& record) {
    db_.prepare("INSERT INTO days (date, rev, counters, final) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (date) DO UPDATE SET rev = ?2, counters = ?3, final = ?4")
        .bind(1, std::string_view(date))
        .bind(2, rev)
        .bind(3, std::string_view(counters))
        .bind(4, std::int64_t{final ? 1 : 0})
        .run();
    db_.prepare("INSERT INTO outbox (date, rev, record, queued_at) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (date) DO UPDATE SET rev = ?2, record = ?3, queued_at = ?4")
        .bind(1, std::string_view(date))
        .bind(2, rev)
        .bind(3, std::string_view(record))
        .bind(4, std::string_view(now()))
        .run();
}

std::int64_t AgentDb::outboxSize() {
    auto q = db_.prepare("SELECT count(*) FROM outbox");
    q.step();
    return q.integer(0);
}

std::vector<OutboxEntry> AgentDb::outbox(std::size_t limit) {
    std::vector<OutboxEntry> out;
    auto q = db_.prepare("SELECT date, rev, record FROM outbox ORDER BY date LIMIT ?1");
    q.bind(1, static_cast<std::int64_t>(limit));
    while (q.step())
        out.push_back({q.text(0), q.integer(1), q.text(2)});
    return out;
}

void AgentDb::acknowledge(const std::vector<OutboxEntry>& sent) {
    auto del = db_.prepare("DELETE FROM outbox WHERE date = ?1 AND rev = ?2");
    auto ack = db_.prepare("UPDATE days SET acked_rev = max(acked_rev, ?2) WHERE date = ?1");
    for (const auto& e : sent) {
        del.bind(1, std::string_view(e.date)).bind(2, e.rev).run();
        del.reset();
        ack.bind(1, std::string_view(e.date)).bind(2, e.rev).run();
        ack.reset();
    }
    // The last date up to which every day is final and acknowledged: the kiosk may delete the
    // visits up to there (its storage.retention, "after-report").
    auto q = db_.prepare("SELECT max(date) FROM days WHERE final = 1 AND acked_rev >= rev AND date < "
                         "coalesce((SELECT min(date) FROM days WHERE NOT (final = 1 AND acked_rev >= rev)), '9999')");
    if (q.step() && !q.isNull(0)) setFact("acknowledged_through", q.text(0));
}

void AgentDb::rewriteQueued(const OutboxEntry& entry) {
    db_.prepare("UPDATE outbox SET record = ?3 WHERE date = ?1 AND rev = ?2")
        .bind(1, std::string_view(entry.date))
        .bind(2, entry.rev)
        .bind(3, std::string_view(entry.record))
        .run();
}

void AgentDb::deadLetter(const OutboxEntry& entry, long status, const std::string& why) {
    db_.prepare("INSERT INTO dead_letters (date, rev, record, status, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, std::string_view(entry.date))
        .bind(2, entry.rev)
        .bind(3, std::string_view(entry.record))
        .bind(4, static_cast<std::int64_t>(status))
        .bind(5, std::string_view(why))
        .bind(6, std::string_view(now()))
        .run();
    db_.prepare("DELETE FROM outbox WHERE date = ?1 AND rev = ?2")
        .bind(1, std::string_view(entry.date))
        .bind(2, entry.rev)
        .run();
}

void AgentDb::queueInventory(const std::string& hash, const std::string& body) {
    db_.prepare("INSERT INTO inventory_outbox (id, hash, body, queued_at) VALUES (1, ?1, ?2, ?3) "
                "ON CONFLICT (id) DO UPDATE SET hash = ?1, body = ?2, queued_at = ?3")
        .bind(1, std::string_view(hash))
        .bind(2, std::string_view(body))
        .bind(3, std::string_view(now()))
        .run();
}

std::optional<QueuedInventory> AgentDb::queuedInventory() {
    auto q = db_.prepare("SELECT hash, body FROM inventory_outbox WHERE id = 1");
    if (!q.step()) return std::nullopt;
    return QueuedInventory{q.text(0), q.text(1)};
}

void AgentDb::clearInventory(const std::string& hash) {
    db_.prepare("DELETE FROM inventory_outbox WHERE hash = ?1").bind(1, std::string_view(hash)).run();
}

std::int64_t AgentDb::deadLetterCount() {
    auto q = db_.prepare("SELECT count(*) FROM dead_letters");
    q.step();
    return q.integer(0);
}

std::optional<std::string> AgentDb::fact(const std::string& key) {
    auto q = db_.prepare("SELECT value FROM facts WHERE key = ?1");
    q.bind(1, std::string_view(key));
    if (!q.step()) return std::nullopt;
    return q.text(0);
}

void AgentDb::setFact(const std::string& key, const std::string& value) {
    db_.prepare("INSERT INTO facts (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
        .bind(1, std::string_view(key))
        .bind(2, std::string_view(value))
        .run();
}

void AgentDb::clearFact(const std::string& key) {
    db_.prepare("DELETE FROM facts WHERE key = ?1").bind(1, std::string_view(key)).run();
}

} // namespace dps::agent
