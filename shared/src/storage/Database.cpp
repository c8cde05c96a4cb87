#include "dps/storage/Database.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>
#include <thread>

namespace dps::storage {
namespace {

std::string advice(int code) {
    switch (code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return "the file is damaged or is not a database; it was left untouched: restore a backup or move it aside";
    case SQLITE_CANTOPEN: return "check that the folder exists and that this user may read and write it";
    case SQLITE_PERM:
    case SQLITE_READONLY: return "this user may not write it: check the file's owner and mode";
    case SQLITE_FULL: return "the disk is full: free some space";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another program holds a lock on it for too long";
    case SQLITE_IOERR: return "the disk reported an input/output error";
    default: return {};
    }
}

} // namespace

Database Database::open(const std::filesystem::path& file, const OpenOptions& options) {
    const int flags =
        (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Database db(raw, file);
    if (rc != SQLITE_OK) db.fail(rc, "open");
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, static_cast<int>(options.busyTimeout.count()));
    if (options.checkIntegrity) {
        // quick_check reads every page: a damaged file is found here, before any write.
        Statement check = db.prepare("PRAGMA quick_check");
        if (check.step() && check.text(0) != "ok") {
            throw StorageError(fmt::format("{}: the database is damaged (SQLite quick_check: {}); {}", file.string(),
                                           check.text(0), advice(SQLITE_CORRUPT)));
        }
    }
    if (!options.readOnly) {
        db.exec("PRAGMA journal_mode=WAL");
        db.exec(options.synchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    }
    db.exec("PRAGMA foreign_keys=ON");
    return db;
}

Database Database::copyIntoMemory(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database memory(raw, file.string() + " (copy in memory)");
    if (rc != SQLITE_OK) memory.fail(rc, "open");
    sqlite3_extended_result_codes(raw, 1);
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        // A URI, so that immutable=1 can be said: every character outside the unreserved set
        // is percent-encoded (RFC 3986), a '?' or '#' in a folder's name included.
        std::string uri = "file:";
        for (const unsigned char c : std::filesystem::absolute(file).string()) {
            if (std::isalnum(c) || std::strchr("/-._~", c))
                uri += static_cast<char>(c);
            else
                uri += fmt::format("%{:02X}", c);
        }
        uri += "?immutable=1";
        sqlite3* source = nullptr;
        const int src = sqlite3_open_v2(uri.c_str(), &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
        Database from(source, file);
        if (src != SQLITE_OK) from.fail(src, "open (to copy it into memory)");
        sqlite3_backup* backup = sqlite3_backup_init(raw, "main", source, "main");
        if (!backup) memory.fail(sqlite3_errcode(raw), "copy into memory");
        const int step = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        if (step != SQLITE_DONE) from.fail(step, "copy into memory");
    }
    memory.exec("PRAGMA foreign_keys=ON");
    return memory;
}

Database::Database(Database&& other) noexcept : db_(other.db_), file_(std::move(other.file_)) { other.db_ = nullptr; }

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = other.db_;
        file_ = std::move(other.file_);
        other.db_ = nullptr;
    }
    return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::backupTo(const std::filesystem::path& dest, int pagesPerStep) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(dest.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database copy(raw, dest);
    if (rc != SQLITE_OK) copy.fail(rc, "open");
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    // Reading one row starts the read transaction, so the snapshot is pinned before the first step
    // and the backup does not restart each time a writer commits.
    exec("BEGIN; SELECT count(*) FROM sqlite_schema;");
    sqlite3_backup* backup = sqlite3_backup_init(raw, "main", db_, "main");
    if (!backup) {
        exec("ROLLBACK");
        copy.fail(sqlite3_errcode(raw), "backup");
    }
    int step = SQLITE_OK;
    while ((step = sqlite3_backup_step(backup, pagesPerStep)) != SQLITE_DONE) {
        if (step == SQLITE_OK) continue;
        if ((step & 0xff) == SQLITE_BUSY || (step & 0xff) == SQLITE_LOCKED) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        break;
    }
    const int finished = sqlite3_backup_finish(backup);
    exec("COMMIT");
    const std::string doing = fmt::format("backup from {}", file_.string());
    if (step != SQLITE_DONE) copy.fail(step, doing);
    if (finished != SQLITE_OK) copy.fail(finished, doing);
    copy.exec("PRAGMA journal_mode=DELETE");
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
}

Statement Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    return Statement(*this, stmt);
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
std::int64_t Database::changes() const { return sqlite3_changes64(db_); }
std::int64_t Database::totalChanges() const { return sqlite3_total_changes64(db_); }

void Database::fail(int code, std::string_view doing) const {
    const char* detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    // A write refused by a full disk can come back as an I/O error; errno says which it was.
    const bool full = db_ && sqlite3_system_errno(db_) == ENOSPC;
    const std::string hint = advice(full ? SQLITE_FULL : code);
    throw StorageError(
        fmt::format("{}: {} failed: {}{}{}", file_.string(), doing, detail, hint.empty() ? "" : "; ", hint));
}

} // namespace dps::storage
