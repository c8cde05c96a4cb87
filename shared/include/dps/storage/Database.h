#pragma once
#include "dps/storage/Statement.h"
#include "dps/storage/StorageError.h"

#include <chrono>
#include <filesystem>
#include <string_view>

struct sqlite3;

namespace dps::storage {

struct OpenOptions {
    bool readOnly = false;
    // FULL makes each commit durable across a pulled plug; the visit log pays that price.
    bool synchronousFull = false;
    std::chrono::milliseconds busyTimeout{5000};
    // Runs PRAGMA quick_check at open so a damaged file is reported before anything is written.
    bool checkIntegrity = true;
};

// One SQLite connection (WAL journal). Never creates over, truncates or deletes an existing
// file that SQLite cannot read: it throws StorageError and leaves the file as it was.
class Database {
public:
    static Database open(const std::filesystem::path& file, const OpenOptions& options = {});
    // A database in memory holding what file holds, read without locks and without its -wal and
    // -shm (SQLite's immutable mode), for when the disk has no room left to open it the usual
    // way; the file is never written. An empty one when there is no such file.
    static Database copyIntoMemory(const std::filesystem::path& file);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    void exec(std::string_view sql);
    [[nodiscard]] Statement prepare(std::string_view sql);
    [[nodiscard]] std::int64_t lastInsertId() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    [[nodiscard]] std::int64_t changes() const;
    // Rows changed by every INSERT, UPDATE and DELETE on this connection since it opened, rolled
    // back ones included: a cache of what was read stays good while this number is the same
    // (the only writer being this connection).
    [[nodiscard]] std::int64_t totalChanges() const;
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }
    [[nodiscard]] sqlite3* handle() const { return db_; }

    // Copies this database into dest (created, or overwritten page by page) with SQLite's online
    // backup API, pagesPerStep pages at a time, waiting a moment whenever SQLite says busy. It reads
    // from one transaction held throughout: the copy is this database as it was at one instant, and
    // in WAL mode that reader blocks no writer. The copy is left with a rollback-journal header, so
    // it is one self-contained file read without -wal and -shm. Throws StorageError naming the file
    // that failed ("the disk is full" included); removing a half-written dest is the caller's part.
    void backupTo(const std::filesystem::path& dest, int pagesPerStep);

    // Throws StorageError built from the connection's last error.
    [[noreturn]] void fail(int code, std::string_view doing) const;

private:
    Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

} // namespace dps::storage
