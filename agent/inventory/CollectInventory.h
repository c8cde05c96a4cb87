#pragma once
// The whole inventory of a machine: every collector over one root, and the two services.
#include "agent/core/inventory/Inventory.h"
#include "agent/inventory/SysRoot.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace dps::agent::inventory {

struct InventorySources {
    std::filesystem::path root = "/";
    // The service's $CREDENTIALS_DIRECTORY (the root-only DMI files, docs/systemd.md); empty: none.
    std::filesystem::path credentials;
    // Services of this machine; a test on a fixture tree leaves them out (they are not the tree's).
    std::function<CardReaders()> cardReaders;
    std::function<std::vector<Printer>(std::vector<CollectorError>&)> printers;
};

[[nodiscard]] Inventory collectInventory(const InventorySources& sources);

} // namespace dps::agent::inventory
