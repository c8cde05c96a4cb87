#pragma once
// dps-inventory/1 on the wire (docs/inventory.md): what a terminal's agent sends to
// POST /api/v1/inventory. The server checks the envelope and the shape GLPI's document must have
// to be stored and compared (itemtype "Computer", content an object, each list section an array
// of objects) and bounds every string and list; GLPI's own schema is the agent's to meet.
#include "dps/protocol/UsageJson.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace dps::protocol {

inline constexpr std::string_view kInventoryFormat = "dps-inventory/1";
inline constexpr std::size_t kMaxInventoryString = 64 * 1024; // bytes
inline constexpr std::size_t kMaxInventoryItems = 2000;       // per array or object
inline constexpr std::size_t kMaxInventoryDepth = 32;

struct InventoryMessage {
    nlohmann::json glpi;   // GLPI's native inventory document
    nlohmann::json dps;    // our own facts (card readers, USB kinds, battery health…)
    std::string canonical; // the whole message as compact JSON with sorted keys: same content, same bytes
};

// 400 malformed_json when the body is not JSON, 422 schema_violation with the JSON pointer of the
// offending value otherwise.
[[nodiscard]] std::variant<InventoryMessage, BodyError> parseInventory(std::string_view body);

} // namespace dps::protocol
