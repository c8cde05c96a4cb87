#pragma once
#include "AgentSettings.h"

#include <filesystem>

namespace dps::agent {
// dps-agent inventory --print: the inventory message of this machine (or of the tree at root,
// without this machine's services), or with glpiOnly the GLPI document alone.
int inventoryPrintCommand(const AgentSettings& settings, const std::filesystem::path& root, bool glpiOnly);
} // namespace dps::agent
