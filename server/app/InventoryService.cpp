#include "InventoryService.h"

#include "Secrets.h"
#include "dps/core/Timestamp.h"
#include "dps/protocol/InventoryJson.h"
#include "dps/protocol/InventoryUsb.h"
#include "dps/storage/Transaction.h"

#include <fmt/core.h>

#include <vector>

namespace dps::server {
namespace {

using nlohmann::json;

// A string field of an object, "" when it is missing or not a string.
std::string text(const json& object, std::string_view key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The words that are there, separated by one space.
std::string joined(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += ' ';
        out += p;
    }
    return out;
}

std::string withSerial(std::string item, const std::string& serial) {
    if (serial.empty()) return item;
    return item.empty() ? "(serial " + serial + ")" : item + " (serial " + serial + ")";
}

const json& section(const json& object, std::string_view key) {
    static const json kNone;
    if (!object.is_object()) return kNone;
    const auto it = object.find(key);
    return it == object.end() ? kNone : *it;
}

template <class F> void eachItem(const json& list, F&& f) {
    if (!list.is_array()) return;
    for (const json& item : list)
        if (item.is_object()) f(item);
}

struct Change {
    std::string change; // appeared, disappeared
    std::string kind, item;
};

// What is in `now` and not (as many times) in `before`, and the other way round, in a fixed order.
std::vector<Change> difference(const InventoryItems& before, const InventoryItems& now) {
    std::vector<Change> out;
    for (const auto& [id, n] : before) {
        const auto it = now.find(id);
        for (int i = it == now.end() ? 0 : it->second; i < n; ++i)
            out.push_back({"disappeared", id.first, id.second});
    }
    for (const auto& [id, n] : now) {
        const auto it = before.find(id);
        for (int i = it == before.end() ? 0 : it->second; i < n; ++i)
            out.push_back({"appeared", id.first, id.second});
    }
    return out;
}

} // namespace

InventoryItems inventoryItems(const json& glpi, const json& dps) {
    InventoryItems items;
    auto add = [&](const char* kind, std::string item) {
        if (!item.empty()) ++items[{kind, std::move(item)}];
    };
    const json& content = section(glpi, "content");

    // The computer: its serial number and UUID say which machine it is; the maker and model are
    // there for the reader. Without either (the agent not root), the model alone.
    const json& bios = section(content, "bios");
    const json& hardware = section(content, "hardware");
    const std::string ssn = text(bios, "ssn"), uuid = text(hardware, "uuid");
    std::string computer = joined({text(bios, "smanufacturer"), text(bios, "smodel")});
    if (!ssn.empty() || !uuid.empty()) {
        std::string ids = ssn.empty() ? "" : "serial " + ssn;
        if (!uuid.empty()) ids += (ids.empty() ? "uuid " : ", uuid ") + uuid;
        computer = computer.empty() ? "(" + ids + ")" : computer + " (" + ids + ")";
    }
    add("computer", computer);

    eachItem(section(content, "usbdevices"), [&](const json& u) {
        const std::string vendor = text(u, "vendorid"), product = text(u, "productid");
        // The kernel's root hubs (Linux Foundation's id) are the computer's own, not equipment.
        if (vendor == "1d6b") return;
        const std::string ids = vendor.empty() && product.empty() ? "" : vendor + ":" + product;
        add("usb", withSerial(joined({ids, text(u, "name")}), text(u, "serial")));
    });
    eachItem(section(content, "monitors"), [&](const json& m) {
        add("monitor", withSerial(joined({text(m, "manufacturer"), text(m, "name")}), text(m, "serial")));
    });
    eachItem(section(content, "storages"),
             [&](const json& s) { add("storage", withSerial(text(s, "model"), text(s, "serial"))); });
    eachItem(section(content, "printers"), [&](const json& p) { add("printer", text(p, "name")); });
    eachItem(section(content, "batteries"),
             [&](const json& b) { add("battery", withSerial(text(b, "name"), text(b, "serial"))); });
    eachItem(section(content, "networks"), [&](const json& n) {
        const std::string mac = text(n, "mac");
        if (mac != "00:00:00:00:00:00") add("network", mac);
    });
    const json& readers = section(section(dps, "card_readers"), "readers");
    if (readers.is_array())
        for (const json& r : readers)
            if (r.is_string()) add("card_reader", r.get<std::string>());
    return items;
}

Result<StoredAnswer> InventoryService::receive(const Terminal& terminal, std::string_view body,
                                               const std::optional<std::string>& key) {
    if (key) {
        auto replay = db_.with([&](storage::Database& d) { return storedAnswer(d, terminal, *key); });
        if (replay) return *replay;
    }
    auto parsed = protocol::parseInventory(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    auto& message = std::get<protocol::InventoryMessage>(parsed);
    // An agent older than the USB rule still sends a visitor's devices: they are dropped and the
    // rest is stored. Refusing the whole message would gain nothing, since that agent would send
    // the same one again at each look.
    if (protocol::dropVisitorsDevices(message.glpi, message.dps).total() > 0)
        message.canonical =
            json{{"format", protocol::kInventoryFormat}, {"glpi", message.glpi}, {"dps", message.dps}}.dump(
                -1, ' ', false, json::error_handler_t::replace);
    const std::string hash = sha256Hex(message.canonical);
    const InventoryItems now = inventoryItems(message.glpi, message.dps);
    const std::string at = toIsoUtc(clock_.wall());

    return db_.with([&](storage::Database& d) -> Result<StoredAnswer> {
        storage::Transaction tx(d);
        if (key)
            if (auto replay = storedAnswer(d, terminal, *key)) return *replay;
        auto previous = d.prepare("SELECT hash, document FROM inventories WHERE terminal_id = ?1");
        previous.bind(1, std::string_view(terminal.id));
        std::optional<std::string> previousHash, previousDocument;
        if (previous.step()) {
            previousHash = previous.text(0);
            previousDocument = previous.text(1);
        }
        StoredAnswer answer{200, R"({"stored":false,"changes":0})", false};
        if (previousHash != hash) {
            InventoryItems before;
            if (previousDocument) {
                // Stored by this service, so it parses; a row that does not (edited by hand) counts as empty.
                const json old = json::parse(*previousDocument, nullptr, false);
                if (old.is_object()) before = inventoryItems(section(old, "glpi"), section(old, "dps"));
            }
            const auto changes = difference(before, now);
            d.prepare(R"sql(
INSERT INTO inventories (terminal_id, received_at, hash, document) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, hash = excluded.hash,
  document = excluded.document)sql")
                .bind(1, std::string_view(terminal.id))
                .bind(2, std::string_view(at))
                .bind(3, std::string_view(hash))
                .bind(4, std::string_view(message.canonical))
                .run();
            auto insert = d.prepare("INSERT INTO inventory_changes (terminal_id, at, change, kind, item) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)");
            for (const auto& c : changes) {
                insert.reset();
                insert.bind(1, std::string_view(terminal.id))
                    .bind(2, std::string_view(at))
                    .bind(3, std::string_view(c.change))
                    .bind(4, std::string_view(c.kind))
                    .bind(5, std::string_view(c.item))
                    .run();
            }
            answer.body = fmt::format(R"({{"stored":true,"changes":{}}})", changes.size());
        }
        // An unchanged inventory writes nothing, unless it came with a key to answer again.
        if (key) {
            keepAnswer(d, terminal, *key, answer, at);
        }
        tx.commit();
        return answer;
    });
}

} // namespace dps::server
