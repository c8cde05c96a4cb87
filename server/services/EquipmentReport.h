#pragma once
// The equipment park for the dashboard's Equipment page and its CSV export
// (docs/dashboard-equipment.md): one row per terminal worked out from its latest inventory
// (docs/inventory.md), the park's totals, and what appeared or disappeared lately. It only reads
// (StatsReader); a stored document that is missing a part, or not readable at all, gives what can be
// read and a note in the terminal's problems, never an exception.
#include "server/core/Scope.h"
#include "server/store/ports/StatsStore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dps::server {

struct EquipmentTerminal {
    std::string terminalId;
    std::int64_t dpsId = 0;
    std::string dpsName;
    std::string computerKind; // laptop, desktop, other, unknown (from the chassis type)
    std::string manufacturer, model, serial, os;
    std::int64_t memoryMb = 0; // 0: not known
    int monitors = 0;          // external screens; a laptop's own panel is part of the computer
    int cardReaders = 0;
    int printers = 0;
    int accessibilityDevices = 0;            // Braille displays
    std::optional<int> batteryHealthPercent; // the weakest battery's full capacity / design capacity
    std::optional<int> batteryCycles;        // that battery's charge cycles
    std::string inventoryAt;                 // when the latest inventory's content arrived ("" when none)
    std::string lastSeenAt;                  // latest heartbeat, usage batch or enrolment ("" when never)
    std::vector<std::string> problems;       // what staff should look at, in English
};

struct EquipmentTotals {
    int terminals = 0, laptops = 0, desktops = 0, screens = 0, cardReaders = 0, printers = 0, accessibilityDevices = 0;
    int batteriesWorn = 0; // terminals whose weakest battery is below kWornBatteryPercent
};

struct EquipmentPark {
    std::vector<EquipmentTerminal> terminals; // by DPS name, then terminal id
    EquipmentTotals totals;
    std::vector<EquipmentChange> changes; // newest first, at most changesLimit
};

// Below this share of its design capacity a battery no longer lasts a session away from the plug.
inline constexpr int kWornBatteryPercent = 70;

// The terminals in scope that are not revoked (pending ones too, with no inventory yet), and the
// inventory changes of those same terminals.
[[nodiscard]] EquipmentPark equipmentPark(StatsReader& reader, const Scope& scope, int changesLimit = 200);

// The rows of the park as CSV (UTF-8, CRLF, RFC 4180 quoting), with the header line and columns
// of docs/dashboard-equipment.md.
[[nodiscard]] std::string equipmentCsv(const EquipmentPark& park);

} // namespace dps::server
