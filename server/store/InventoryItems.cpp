#include "server/store/InventoryItems.h"

#include "dps/protocol/InventoryUsb.h"
#include "dps/protocol/JsonFields.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace dps::server {
namespace {

using nlohmann::json;
using protocol::jsonMember;
using protocol::jsonText;

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
    const json& content = jsonMember(glpi, "content");

    // The computer: its serial number and UUID say which machine it is; the maker and model are
    // there for the reader. Without either (the agent not root), the model alone.
    const json& bios = jsonMember(content, "bios");
    const json& hardware = jsonMember(content, "hardware");
    const std::string ssn = jsonText(bios, "ssn"), uuid = jsonText(hardware, "uuid");
    std::string computer = joined({jsonText(bios, "smanufacturer"), jsonText(bios, "smodel")});
    if (!ssn.empty() || !uuid.empty()) {
        std::string ids = ssn.empty() ? "" : "serial " + ssn;
        if (!uuid.empty()) ids += (ids.empty() ? "uuid " : ", uuid ") + uuid;
        computer = computer.empty() ? "(" + ids + ")" : computer + " (" + ids + ")";
    }
    add("computer", computer);

    eachItem(jsonMember(content, "usbdevices"), [&](const json& u) {
        const std::string vendor = jsonText(u, "vendorid"), product = jsonText(u, "productid");
        // The kernel's root hubs (Linux Foundation's id) are the computer's own, not equipment.
        if (vendor == "1d6b") return;
        const std::string ids = vendor.empty() && product.empty() ? "" : vendor + ":" + product;
        add("usb", withSerial(joined({ids, jsonText(u, "name")}), jsonText(u, "serial")));
    });
    eachItem(jsonMember(content, "monitors"), [&](const json& m) {
        add("monitor", withSerial(joined({jsonText(m, "manufacturer"), jsonText(m, "name")}), jsonText(m, "serial")));
    });
    eachItem(jsonMember(content, "storages"),
             [&](const json& s) { add("storage", withSerial(jsonText(s, "model"), jsonText(s, "serial"))); });
    eachItem(jsonMember(content, "printers"), [&](const json& p) { add("printer", jsonText(p, "name")); });
    eachItem(jsonMember(content, "batteries"),
             [&](const json& b) { add("battery", withSerial(jsonText(b, "name"), jsonText(b, "serial"))); });
    eachItem(jsonMember(content, "networks"), [&](const json& n) {
        const std::string mac = jsonText(n, "mac");
        if (mac != "00:00:00:00:00:00") add("network", mac);
    });
    const json& readers = jsonMember(jsonMember(dps, "card_readers"), "readers");
    if (readers.is_array())
        for (const json& r : readers)
            if (r.is_string()) add("card_reader", r.get<std::string>());
    return items;
}

} // namespace dps::server
