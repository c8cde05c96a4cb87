#include "server/store/InventoryItems.h"

#include "dps/protocol/InventoryUsb.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

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

} // namespace dps::server
