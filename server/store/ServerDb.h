#pragma once
// server.db: the DPS list, terminals, enrollment codes, usage days, heartbeats, inventories and
// the answers kept for Idempotency-Key. One connection shared by the HTTP threads behind a mutex: SQLite
// serialises writers anyway, a request holds it for a few milliseconds, and terminals send a
// batch every few minutes, so a pool would buy nothing but lock errors.
#include "dps/storage/Database.h"
#include "dps/storage/Migrations.h"
#include "server/store/UsageMonthStamps.h"

#include <filesystem>
#include <mutex>
#include <span>
#include <utility>

namespace dps::server {

class ServerDb {
public:
    enum class Integrity { Assumed, Checked };
    // Opens (creating it and its schema when new) and brings the schema to the latest step.
    // Integrity::Checked also reads every page first (SQLite's quick_check): `serve` does, at its start;
    // an admin command does not, since on five years of a region's data it takes half a minute.
    explicit ServerDb(const std::filesystem::path& file, Integrity integrity = Integrity::Assumed);

    // Runs f(Database&) with the connection to itself.
    template <class F> decltype(auto) with(F&& f) {
        std::lock_guard lock(mutex_);
        return std::forward<F>(f)(db_);
    }

    // The months of usage this process changed (ingest notes them, the dashboard reads them).
    UsageMonthStamps& usageStamps() { return usageStamps_; }

    // A read-only connection of its own to the same file, for a long read (a large export) that
    // must not hold the shared connection's lock while it runs: in WAL mode it reads one moment's
    // data while the server goes on writing.
    [[nodiscard]] storage::Database openReader() const;

private:
    std::filesystem::path file_;
    std::mutex mutex_;
    storage::Database db_;
    UsageMonthStamps usageStamps_;
};

// server.db's own schema steps (the tests build an older file from the first ones).
std::span<const storage::Migration> serverSchemaSteps();

// The schema version this dps-server brings server.db to, registered steps included
// (restore-check compares a copy with it).
int serverSchemaVersion();

} // namespace dps::server
