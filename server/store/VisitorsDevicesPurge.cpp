#include "server/store/VisitorsDevicesPurge.h"

#include "dps/protocol/InventoryUsb.h"
#include "dps/protocol/JsonFields.h"
#include "dps/storage/Statement.h"
#include "server/store/InventoryItems.h"
#include "server/store/Secrets.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace dps::server {
namespace {

using nlohmann::json;
using protocol::jsonMember;
using protocol::jsonText;

// "046d:c077 Logitech USB Optical Mouse (serial …)" → "046d:c077"; "" when the item starts otherwise.
std::string idsOf(const std::string& item) {
    const std::string ids = item.substr(0, item.find(' '));
    return ids.size() == 9 && ids[4] == ':' ? ids : "";
}

// What the stored inventories hold once rewritten without visitors' devices.
struct Purged {
    std::set<std::string> usbEquipment;                          // vendor:product of USB equipment
    std::set<std::string> networkAddresses;                      // MAC of every network interface
    std::map<std::string, std::set<std::string>> removedStorage; // terminal → storage items gone
};

Purged rewriteStoredInventories(storage::Database& db) {
    struct Stored {
        std::string terminal, document;
    };
    std::vector<Stored> stored;
    for (auto q = db.prepare("SELECT terminal_id, document FROM inventories"); q.step();)
        stored.push_back({q.text(0), q.text(1)});

    Purged purged;
    auto update = db.prepare("UPDATE inventories SET document = ?1, hash = ?2 WHERE terminal_id = ?3");
    for (const Stored& s : stored) {
        json message = json::parse(s.document, nullptr, false);
        if (!message.is_object()) continue; // not ours to mend: the dashboard says it cannot be read
        json noGlpi, noDps;
        json& glpi = message.contains("glpi") ? message["glpi"] : noGlpi;
        json& dps = message.contains("dps") ? message["dps"] : noDps;
        const InventoryItems before = inventoryItems(glpi, dps);
        const auto dropped = protocol::dropVisitorsDevices(glpi, dps);
        const InventoryItems after = inventoryItems(glpi, dps);
        for (const auto& [id, n] : before)
            if (id.first == "storage" && !after.count(id)) purged.removedStorage[s.terminal].insert(id.second);
        const json& content = jsonMember(glpi, "content");
        if (const json& usb = jsonMember(content, "usbdevices"); usb.is_array())
            for (const json& u : usb)
                if (u.is_object()) purged.usbEquipment.insert(jsonText(u, "vendorid") + ":" + jsonText(u, "productid"));
        if (const json& networks = jsonMember(content, "networks"); networks.is_array())
            for (const json& n : networks)
                if (n.is_object()) purged.networkAddresses.insert(jsonText(n, "mac"));
        if (dropped.total() == 0) continue;
        const std::string canonical = message.dump(-1, ' ', false, json::error_handler_t::replace);
        update.reset();
        update.bind(1, std::string_view(canonical))
            .bind(2, std::string_view(sha256Hex(canonical)))
            .bind(3, std::string_view(s.terminal))
            .run();
    }
    return purged;
}

void deleteChanges(storage::Database& db, const std::vector<std::int64_t>& ids) {
    auto erase = db.prepare("DELETE FROM inventory_changes WHERE id = ?1");
    for (const std::int64_t id : ids) {
        erase.reset();
        erase.bind(1, id).run();
    }
}

} // namespace

void purgeVisitorsDevices(storage::Database& db) {
    const Purged purged = rewriteStoredInventories(db);
    std::vector<std::int64_t> gone;
    for (auto q = db.prepare("SELECT id, terminal_id, kind, item FROM inventory_changes WHERE kind IN ('usb', "
                             "'storage')");
         q.step();) {
        const std::string terminal = q.text(1), kind = q.text(2), item = q.text(3);
        if (kind == "usb") {
            const std::string ids = idsOf(item);
            if (ids.empty() || !purged.usbEquipment.count(ids)) gone.push_back(q.integer(0));
        } else {
            const auto it = purged.removedStorage.find(terminal);
            if (it != purged.removedStorage.end() && it->second.count(item)) gone.push_back(q.integer(0));
        }
    }
    deleteChanges(db, gone);
}

void purgeVisitorsNetworks(storage::Database& db) {
    const Purged purged = rewriteStoredInventories(db);
    std::vector<std::int64_t> gone;
    for (auto q = db.prepare("SELECT id, item FROM inventory_changes WHERE kind = 'network'"); q.step();)
        if (!purged.networkAddresses.count(q.text(1))) gone.push_back(q.integer(0));
    deleteChanges(db, gone);
}

} // namespace dps::server
