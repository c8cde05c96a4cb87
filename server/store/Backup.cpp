#include "server/store/Backup.h"

#include "dps/storage/Database.h"
#include "dps/storage/StorageError.h"
#include "server/store/ServerDb.h"

#include <fmt/core.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
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

// Read only and without quick_check: integrity_check reads every page itself, and a large
// server.db is not read twice.
storage::Database openForReading(const std::filesystem::path& file) {
    storage::OpenOptions options;
    options.readOnly = true;
    options.checkIntegrity = false;
    return storage::Database::open(file, options);
}

// Every row's first column, as text.
std::vector<std::string> column(storage::Database& db, const std::string& sql) {
    auto statement = db.prepare(sql);
    std::vector<std::string> rows;
    while (statement.step())
        rows.push_back(statement.text(0));
    return rows;
}

struct Summary {
    std::vector<std::string> integrity; // {"ok"} when sound
    int schemaVersion = 0;
    std::vector<std::pair<std::string, std::optional<std::int64_t>>> rows; // nullopt: no such table
};

Summary summarise(storage::Database& db) {
    Summary s;
    s.integrity = column(db, "PRAGMA integrity_check");
    const auto has = [&](const std::string& table) {
        return column(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")
                   .front() != "0";
    };
    if (has("schema_version"))
        s.schemaVersion = std::stoi(column(db, "SELECT coalesce(max(version), 0) FROM schema_version").front());
    for (const std::string table : kCountedTables) {
        std::optional<std::int64_t> n;
        if (has(table)) n = std::stoll(column(db, "SELECT count(*) FROM " + table).front());
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
            // The copy has a rollback-journal header: one self-contained file, read without -wal
            // and -shm files; the server turns WAL on again when it opens it.
            openForReading(source).backupTo(partial, options.pagesPerStep);
            auto copy = openForReading(partial);
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
    } catch (const storage::StorageError& e) {
        removeWithSidecars(partial);
        std::fprintf(stderr, "dps-server: backup of %s to %s failed: %s; no partial file was left\n", source.c_str(),
                     dest.c_str(), e.what());
        return 1;
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
        auto copy = openForReading(file);
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
    } catch (const std::exception& e) { // StorageError, or the file went away while being read
        std::fprintf(stderr, "dps-server: %s\n", e.what());
        return 1;
    }
}

} // namespace dps::server
