#pragma once
// Which items of an inventory (dps-inventory/1, docs/inventory.md) are tracked as equipment that
// comes and goes. Here, below the services, because server.db's schema steps apply it too (the
// purge of visitors' devices from the stored inventories).
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>

namespace dps::server {

// (kind, item) → how many of them: two identical keyboards without a serial are two.
using InventoryItems = std::map<std::pair<std::string, std::string>, int>;

// The items of a message whose coming and going is tracked: usb, monitor, storage, printer,
// card_reader, battery, network and computer (see docs/server.md, Inventory).
[[nodiscard]] InventoryItems inventoryItems(const nlohmann::json& glpi, const nlohmann::json& dps);

} // namespace dps::server
