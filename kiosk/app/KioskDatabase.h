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

} // namespace dps::kiosk
