#include "agent/cli/InventoryCommand.h"

#include "agent/inventory/CollectInventory.h"
#include "agent/inventory/GlpiDocument.h"
#include "agent/inventory/OsServices.h"
#include "agent/store/AgentDb.h"
#include "agent/store/KioskDbReader.h"
#include "dps/core/Timestamp.h"

#include <cstdio>
#include <cstdlib>

namespace dps::agent {
namespace {

// GLPI identifies an agent by "<hostname>-<date of its first inventory>", kept from then on.
std::string deviceId(const AgentSettings& settings, const std::string& hostname) {
    std::string now = toIsoUtc(std::chrono::system_clock::now()); // 2026-12-01T11:06:31Z
    now = now.substr(0, 10) + "-" + now.substr(11, 2) + "-" + now.substr(14, 2) + "-" + now.substr(17, 2);
    try {
        AgentDb db = AgentDb::open(settings.database);
        if (const auto known = db.fact("inventory_device_id")) return *known;
        const std::string id = hostname + "-" + now;
        db.setFact("inventory_device_id", id);
        return id;
    } catch (const std::exception&) {
        return hostname + "-" + now; // printed only; kept once the agent can write agent.db
    }
}

std::vector<std::pair<std::string, std::string>> equipmentProblems(const AgentSettings& settings) {
    if (!std::filesystem::exists(settings.kioskDatabase)) return {};
    try {
        storage::Database kiosk = openKioskDbForReading(settings.kioskDatabase);
        KioskDbReader reader(kiosk, systemLocalDate);
        return reader.openEquipmentProblems();
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

nlohmann::json inventoryMessageOf(const AgentSettings& settings, const std::filesystem::path& root, bool glpiOnly) {
    inventory::InventorySources sources;
    sources.root = root;
    const bool thisMachine = std::filesystem::equivalent(root, "/");
    if (thisMachine) {
        sources.cardReaders = inventory::pcscCardReaders;
        sources.printers = inventory::cupsPrinters;
        // Set by systemd when the unit loads credentials (packaging/systemd/dps-agent.service).
        if (const char* credentials = std::getenv("CREDENTIALS_DIRECTORY")) sources.credentials = credentials;
    }
    const inventory::Inventory inv = inventory::collectInventory(sources);
    inventory::DocumentFacts facts;
    facts.agentVersion = DPS_VERSION;
    facts.deviceId = thisMachine ? deviceId(settings, inv.computer.hostname) : inv.computer.hostname + "-fixture";
    if (thisMachine) facts.equipmentProblems = equipmentProblems(settings);
    return glpiOnly ? inventory::glpiDocument(inv, facts) : inventory::inventoryMessage(inv, facts);
}

int inventoryPrintCommand(const AgentSettings& settings, const std::filesystem::path& root, bool glpiOnly) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
        std::fprintf(stderr, "dps-agent: %s is not a folder\n", root.c_str());
        return 2;
    }
    std::printf("%s\n", inventoryMessageOf(settings, root, glpiOnly).dump(2).c_str());
    return 0;
}

} // namespace dps::agent
