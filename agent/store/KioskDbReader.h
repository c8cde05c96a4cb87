#pragma once
// Reads a terminal's kiosk.db (never writes it) into usage days: the closed visits of a local
// date, their purposes, audiences, events and answers, and the equipment reports of that date.
#include "dps/core/Clock.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/protocol/UsageDay.h"
#include "dps/storage/Database.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dps::agent {

// The local date ("2026-11-23") of a UTC time, in the terminal's time zone.
using LocalDateOf = std::function<std::string(WallTime)>;
// The process's time zone (TZ, /etc/localtime), as the kiosk uses for visits' local_date.
std::string systemLocalDate(WallTime t);

// kiosk.db opened as the agent reads it: read-only, and without the integrity check (the kiosk
// checks its own file; a reader must not slow it). Throws storage::StorageError.
storage::Database openKioskDbForReading(const std::filesystem::path& file);

class KioskDbReader {
public:
    KioskDbReader(storage::Database& kioskDb, LocalDateOf localDateOf);
    // Everything of that date; visits still open are left out until they close.
    [[nodiscard]] protocol::UsageDay day(const std::string& date);
    // Every local date with a visit or an equipment report, oldest first.
    [[nodiscard]] std::vector<std::string> dates();
    // Each item's latest report, when it is a problem (not "repaired"): [("printer", "not_working")].
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> openEquipmentProblems();
    // Whether a visit of that date is still open (then the day is not final yet).
    [[nodiscard]] bool hasOpenVisit(const std::string& date);
    // Whether kiosk.db still has any visit of that date (its retention deletes whole days).
    [[nodiscard]] bool hasVisits(const std::string& date);
    // What the kiosk published it is doing now (kiosk.db's kiosk_state, step 9), for the heartbeat;
    // nullopt from an older kiosk, when it never published, or when a free-use row is stale: the
    // kiosk rewrites it every minute of a session, so one older than kStaleFreeUse means no kiosk
    // is running to say otherwise.
    [[nodiscard]] std::optional<protocol::KioskState> kioskState(WallTime now);
    static constexpr std::chrono::minutes kStaleFreeUse{3};

private:
    // Whether kiosk.db has the free-use columns (a kiosk since issue 20).
    [[nodiscard]] bool hasFreeUse();

    storage::Database& db_;
    LocalDateOf localDateOf_;
};

} // namespace dps::agent
