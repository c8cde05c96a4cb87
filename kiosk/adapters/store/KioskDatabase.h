#pragma once
#include "dps/storage/Database.h"
#include "dps/storage/Migrations.h"

#include <filesystem>
#include <span>

namespace dps::kiosk {

// kiosk.db's schema steps. dps-kiosk is the only writer; dps-agent reads it (read-only).
std::span<const storage::Migration> kioskSchemaSteps();

// Opens kiosk.db (creating its folder and file if needed), with synchronous=FULL because each
// visit must survive a pulled plug, and brings it to the current schema.
storage::Database openKioskDatabase(const std::filesystem::path& file);

// kiosk.db for a running kiosk. When the disk is too full for SQLite to open it (it needs room
// for its -shm and -wal files), a copy of it in memory instead, with inMemory set: visitors are
// served and facilitators can unlock, but nothing of the session is kept (Terminal status says
// so). A damaged or unreadable file is still refused (StorageError), as by openKioskDatabase.
storage::Database openKioskDatabaseForRun(const std::filesystem::path& file, bool& inMemory);

} // namespace dps::kiosk
