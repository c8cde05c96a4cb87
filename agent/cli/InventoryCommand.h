#pragma once
#include "agent/cli/AgentSettings.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace dps::agent {
// dps-agent inventory --print: the inventory message of this machine (or of the tree at root,
// without this machine's services), or with glpiOnly the GLPI document alone.
int inventoryPrintCommand(const AgentSettings& settings, const std::filesystem::path& root, bool glpiOnly);
// The dps-inventory/1 message of the machine at root (this one: "/", with its card readers,
// printers and the equipment problems of its kiosk.db), or its GLPI part alone.
nlohmann::json inventoryMessageOf(const AgentSettings& settings, const std::filesystem::path& root,
                                  bool glpiOnly = false);
} // namespace dps::agent
