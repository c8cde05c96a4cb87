#include "server/store/Backup.h"

#include "server/store/ServerDb.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace dps::server {
namespace {

// The tables staff recognise a copy by; the others follow them.
constexpr std::array kCountedTables{"dps", "terminals", "usage_days", "usage_months", "inventories", "staff_users"};

class BackupFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Connection {
public:
    Connection(const std::filesystem::path& file, int flags) {
        const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) fail(rc, fmt::format("cannot open {}", file.string()));
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 5000);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { sqlite3_close_v2(db_); }

    [[nodiscard]] sqlite3* get() const { return db_; }

    void exec(const char* sql) const {
        const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) fail(rc, sql);
    }

    // Every row's first column, as text.
    [[nodiscard]] std::vector<std::string> column(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
        if (rc != SQLITE_OK) fail(rc, sql);
        std::vector<std::string> rows;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(stmt, 0);
            rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) fail(rc, sql);
        return rows;
    }

    [[noreturn]] void fail(int rc, const std::string& doing) const {
        // SQLite's own words ("unable to open database file") do not say which of the usual causes it was.
        const int sys = db_ ? sqlite3_system_errno(db_) : 0;
        const bool full = (rc & 0xff) == SQLITE_FULL || sys == ENOSPC;
        const std::string detail = fmt::format("{}{}", db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc),
                                               sys != 0 ? fmt::format(" ({})", std::strerror(sys)) : "");
        throw BackupFailed(full ? fmt::format("{}: the disk is full ({})", doing, detail)
                                : fmt::format("{}: {}", doing, detail));
    }

private:
    sqlite3* db_ = nullptr;
};

struct Summary {
    std::vector<std::string> integrity; // {"ok"} when sound
    int schemaVersion = 0;
    std::vector<std::pair<std::string, std::optional<std::int64_t>>> rows; // nullopt: no such table
};

Summary summarise(const Connection& db) {
    Summary s;
    s.integrity = db.column("PRAGMA integrity_check");
    const auto has = [&](const std::string& table) {
        return db.column("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")
                   .front() != "0";
    };
    if (has("schema_version"))
        s.schemaVersion = std::stoi(db.column("SELECT coalesce(max(version), 0) FROM schema_version").front());
    for (const std::string table : kCountedTables) {
        std::optional<std::int64_t> n;
        if (has(table)) n = std::stoll(db.column("SELECT count(*) FROM " + table).front());
        s.rows.emplace_back(table, n);
    }
    return s;
}

bool sound(const Summary& s) { return s.integrity.size() == 1 && s.integrity.front() == "ok"; }

// One "key: value" a line, like `terminal add`: staff read it, scripts pick it out.
void print(const Summary& s, const std::filesystem::path& file) {
    std::printf("integrity: %s\n", sound(s) ? "ok" : "DAMAGED");
    for (const auto& line : s.integrity)
        if (!sound(s)) std::printf("  %s\n", line.c_str());
    std::printf("schema version: %d (this dps-server: %d)\n", s.schemaVersion, serverSchemaVersion());
    std::printf("size: %llu bytes\n", static_cast<unsigned long long>(std::filesystem::file_size(file)));
    for (const auto& [table, n] : s.rows)
        std::printf("rows %s: %s\n", table.c_str(), n ? std::to_string(*n).c_str() : "(no such table)");
}

std::string errnoText(const char* doing, const std::filesystem::path& file) {
    const int e = errno;
    return fmt::format("{} {}: {}{}", doing, file.string(), std::strerror(e), e == ENOSPC ? " (the disk is full)" : "");
}

// rename() is durable only once the folder that holds the name is on disk too.
void fsyncPath(const std::filesystem::path& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw BackupFailed(errnoText("cannot open", path));
    const int rc = ::fsync(fd);
    const std::string problem = rc != 0 ? errnoText("cannot write", path) : "";
    ::close(fd);
    if (rc != 0) throw BackupFailed(problem);
}

void removeWithSidecars(const std::filesystem::path& file) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        std::filesystem::remove(file.string() + suffix, ignored);
}

// The copy itself, from a read transaction held throughout: in WAL mode it blocks no writer,
// and the snapshot it pins keeps the backup from restarting each time the server commits.
void copyInto(const std::filesystem::path& source, const Connection& dest, int pagesPerStep) {
    const Connection src(source, SQLITE_OPEN_READONLY);
    src.exec("BEGIN; SELECT count(*) FROM sqlite_schema;");
    sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", src.get(), "main");
    if (!backup) dest.fail(sqlite3_errcode(dest.get()), "cannot start the backup");
    int rc = SQLITE_OK;
    while ((rc = sqlite3_backup_step(backup, pagesPerStep)) != SQLITE_DONE) {
        if (rc == SQLITE_OK) continue;
        if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        break;
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) dest.fail(rc, "cannot copy");
    if (finished != SQLITE_OK) dest.fail(finished, "cannot copy");
    src.exec("COMMIT");
}

} // namespace

int backupDatabase(const std::filesystem::path& source, const std::filesystem::path& dest,
                   const BackupOptions& options) {
    if (!std::filesystem::exists(source)) {
        std::fprintf(stderr, "dps-server: no database at %s (storage.database); nothing was done\n", source.c_str());
        return 1;
    }
    if (std::filesystem::exists(dest) && !options.force) {
        std::fprintf(stderr, "dps-server: %s exists; nothing was done (--force replaces it)\n", dest.c_str());
        return 1;
    }
    const std::filesystem::path partial = dest.string() + ".partial";
    const std::filesystem::path folder = dest.has_parent_path() ? dest.parent_path() : ".";
    if (!std::filesystem::is_directory(folder)) {
        std::fprintf(stderr, "dps-server: the folder %s does not exist; nothing was done\n", folder.c_str());
        return 1;
    }
    removeWithSidecars(partial); // a crashed earlier run's, never a copy anyone relies on
    try {
        Summary summary;
        {
            const Connection copy(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            copyInto(source, copy, options.pagesPerStep);
            // One self-contained file: the header says "rollback journal", so the copy is read
            // without -wal and -shm files; the server turns WAL on again when it opens it.
            copy.exec("PRAGMA journal_mode=DELETE");
            summary = summarise(copy);
        }
        if (!sound(summary)) {
            removeWithSidecars(partial);
            std::fprintf(stderr, "dps-server: the copy fails SQLite's integrity_check; it was removed:\n");
            for (const auto& line : summary.integrity)
                std::fprintf(stderr, "  %s\n", line.c_str());
            return 1;
        }
        fsyncPath(partial, false);
        // The old file's -wal would otherwise be replayed into the new one.
        if (options.force) removeWithSidecars(dest);
        std::error_code ec;
        std::filesystem::rename(partial, dest, ec);
        if (ec)
            throw BackupFailed(
                fmt::format("cannot rename {} to {}: {}", partial.string(), dest.string(), ec.message()));
        fsyncPath(folder, true);
        std::printf("backup: %s\n", dest.c_str());
        print(summary, dest);
        return 0;
    } catch (const BackupFailed& e) {
        removeWithSidecars(partial);
        std::fprintf(stderr, "dps-server: backup of %s to %s failed: %s; no partial file was left\n", source.c_str(),
                     dest.c_str(), e.what());
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        removeWithSidecars(partial);
        std::fprintf(stderr, "dps-server: backup of %s to %s failed: %s; no partial file was left\n", source.c_str(),
                     dest.c_str(), e.what());
        return 1;
    }
}

int restoreCheck(const std::filesystem::path& file) {
    if (!std::filesystem::is_regular_file(file)) {
        std::fprintf(stderr, "dps-server: %s is not a file\n", file.c_str());
        return 1;
    }
    try {
        const Connection copy(file, SQLITE_OPEN_READONLY);
        const Summary summary = summarise(copy);
        print(summary, file);
        if (!sound(summary)) {
            std::fprintf(stderr, "dps-server: %s fails SQLite's integrity_check: do not restore it\n", file.c_str());
            return 1;
        }
        if (summary.schemaVersion == 0 || summary.schemaVersion > serverSchemaVersion()) {
            std::fprintf(stderr, "dps-server: %s has schema version %d; this dps-server serves 1 to %d\n", file.c_str(),
                         summary.schemaVersion, serverSchemaVersion());
            return 1;
        }
        std::printf("restore: ok (stop the server, copy it over server.db, remove server.db-wal and -shm, start)\n");
        return 0;
    } catch (const std::exception& e) { // BackupFailed, or the file went away while being read
        std::fprintf(stderr, "dps-server: %s\n", e.what());
        return 1;
    }
}

} // namespace dps::server
