#pragma once
// `dps-server backup`: a consistent copy of server.db taken while the server goes on writing,
// and `dps-server restore-check`: what a copy holds, before it is put back (docs/server.md#backups).
#include <filesystem>

namespace dps::server {

struct BackupOptions {
    bool force = false; // replace an existing destination
    // Small steps, so that the copy never holds SQLite's locks for long on a large file.
    int pagesPerStep = 256;
};

// Copies source through "dest.partial" (fsynced, then renamed, so dest is never half a file),
// checks the copy and prints what it holds. Returns 0, or 1 with the reason on stderr.
int backupDatabase(const std::filesystem::path& source, const std::filesystem::path& dest,
                   const BackupOptions& options);

// Checks a copy (integrity_check, schema version) and prints what it holds: 0 when this
// dps-server can serve it, else 1.
int restoreCheck(const std::filesystem::path& file);

} // namespace dps::server
