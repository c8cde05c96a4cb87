#pragma once
// The inventory message dps-agent sends (docs/inventory.md): GLPI's native inventory document
// (itemtype Computer, validated against GLPI's schema in CI) in its own part, and our own facts
// beside it in another, so that the GLPI part can be forwarded to a GLPI server as it is.
#include "agent/core/inventory/Inventory.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dps::agent::inventory {

struct DocumentFacts {
    std::string deviceId;     // GLPI's agent id: "<hostname>-<YYYY-MM-DD-HH-MM-SS of the first inventory>"
    std::string agentVersion; // "0.1.0"
    // The facilitators' latest report per item (printer, card_reader…: broken, …), from kiosk.db.
    std::vector<std::pair<std::string, std::string>> equipmentProblems;
};

// GLPI's part alone: {"action", "deviceid", "itemtype", "content": {…}}.
[[nodiscard]] nlohmann::json glpiDocument(const Inventory& inventory, const DocumentFacts& facts);
// The whole message: {"format": "dps-inventory/1", "glpi": glpiDocument(…), "dps": {…}}.
[[nodiscard]] nlohmann::json inventoryMessage(const Inventory& inventory, const DocumentFacts& facts);

// DMI's "MM/DD/YYYY" as GLPI's "YYYY-MM-DD" ("" when it is not such a date).
[[nodiscard]] std::string isoBiosDate(const std::string& dmiDate);

} // namespace dps::agent::inventory
