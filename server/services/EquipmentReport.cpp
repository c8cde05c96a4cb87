#include "server/services/EquipmentReport.h"

#include "dps/protocol/JsonFields.h"
#include "server/core/CsvField.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace dps::server {
namespace {

using nlohmann::json;
using protocol::jsonMember;
using protocol::jsonText;

std::optional<std::int64_t> integer(const json& object, std::string_view key) {
    const json& v = jsonMember(object, key);
    if (!v.is_number_integer()) return std::nullopt;
    return v.get<std::int64_t>();
}

// The words of the SMBIOS chassis types (agent/app/inventory/DmiCollector.cpp) that are portable
// or stand on a desk; any other known type is "other", none or "Unknown" is "unknown".
std::string computerKind(const std::string& chassis) {
    static constexpr std::array<std::string_view, 8> kLaptops{"Portable",     "Laptop", "Notebook",    "Hand Held",
                                                              "Sub Notebook", "Tablet", "Convertible", "Detachable"};
    static constexpr std::array<std::string_view, 11> kDesktops{
        "Desktop",   "Low Profile Desktop", "Pizza Box",      "Mini Tower", "Tower",   "Space-saving",
        "Lunch Box", "All in One",          "Sealed-case PC", "Mini PC",    "Stick PC"};
    if (chassis.empty() || chassis == "Unknown") return "unknown";
    if (std::find(kLaptops.begin(), kLaptops.end(), chassis) != kLaptops.end()) return "laptop";
    if (std::find(kDesktops.begin(), kDesktops.end(), chassis) != kDesktops.end()) return "desktop";
    return "other";
}

// A laptop's or all-in-one's own panel is wired to an internal connector; it is part of the
// computer, not a screen the Region lent.
bool internalPanel(const std::string& port) {
    for (const std::string_view prefix : {"eDP", "LVDS", "DSI"})
        if (port.rfind(prefix, 0) == 0) return true;
    return false;
}

bool hexPair(std::string_view s) {
    return s.size() == 3 && s[0] == ' ' && std::isxdigit(static_cast<unsigned char>(s[1])) &&
           std::isxdigit(static_cast<unsigned char>(s[2]));
}

// pcsc-lite names a reader "<name> NN MM", MM being the slot: a reader with a contact and a
// contactless slot is listed twice, and is one reader.
std::string withoutSlot(const std::string& reader) {
    if (reader.size() > 6 && hexPair(std::string_view(reader).substr(reader.size() - 3)) &&
        hexPair(std::string_view(reader).substr(reader.size() - 6, 3)))
        return reader.substr(0, reader.size() - 3);
    return reader;
}

std::string words(std::string code) {
    std::replace(code.begin(), code.end(), '_', ' ');
    return code;
}

// The collectors whose failure hides equipment from the counts; the others (file systems, a
// serial number only root may read…) say nothing about the equipment being there and working.
std::string collectorNote(const std::string& collector, const std::string& path, const std::string& what) {
    if (collector == "edid") return fmt::format("screen not identified: {} {}", path, what);
    if (collector == "usb") return fmt::format("USB devices: {} {}", path, what);
    if (collector == "battery") return fmt::format("battery: {} {}", path, what);
    if (collector == "cups") return fmt::format("printers: {}", what);
    return "";
}

// Reads one stored document into a row, noting what it could not read instead of throwing.
class DocumentReader {
public:
    explicit DocumentReader(EquipmentTerminal& row) : row_(row) {}

    void read(const std::string& document) {
        const json message = json::parse(document, nullptr, false);
        if (!message.is_object()) {
            note("the stored inventory cannot be read");
            return;
        }
        const json& content = jsonMember(jsonMember(message, "glpi"), "content");
        if (content.is_object())
            readGlpi(content);
        else
            note("the inventory has no GLPI content: computer, screens and printers are not known");
        const json& dps = jsonMember(message, "dps");
        if (dps.is_object())
            readDps(dps);
        else
            note("the inventory has no dps part: card readers, USB device kinds and battery health are not known");
        row_.cardReaders = std::max(pcscReaders_, usbKind("smartcard_reader"));
        row_.printers = std::max(cupsPrinters_, usbKind("printer"));
        row_.accessibilityDevices = usbKind("braille");
        readBattery(content, dps);
    }

private:
    void note(std::string problem) { row_.problems.push_back(std::move(problem)); }

    // The objects of list `name` in `parent`; a list that is not one, or entries that are not
    // objects, are noted and skipped.
    std::vector<const json*> objects(const json& parent, const char* name) {
        std::vector<const json*> out;
        const json& list = jsonMember(parent, name);
        if (list.is_null()) return out;
        if (!list.is_array()) {
            note(fmt::format("the inventory's {} list is malformed", name));
            return out;
        }
        int unreadable = 0;
        for (const json& item : list) {
            if (item.is_object())
                out.push_back(&item);
            else
                ++unreadable;
        }
        if (unreadable > 0) note(fmt::format("the inventory's {} list has {} unreadable entries", name, unreadable));
        return out;
    }

    void readGlpi(const json& content) {
        const json& hardware = jsonMember(content, "hardware");
        const json& bios = jsonMember(content, "bios");
        row_.computerKind = computerKind(jsonText(hardware, "chassis_type"));
        row_.manufacturer = jsonText(bios, "smanufacturer");
        row_.model = jsonText(bios, "smodel");
        row_.serial = jsonText(bios, "ssn");
        const json& os = jsonMember(content, "operatingsystem");
        row_.os = jsonText(os, "full_name");
        if (row_.os.empty()) row_.os = fmt::format("{} {}", jsonText(os, "name"), jsonText(os, "version"));
        if (row_.os == " ") row_.os.clear();
        if (const auto mb = integer(hardware, "memory"))
            row_.memoryMb = *mb;
        else
            for (const json* m : objects(content, "memories"))
                row_.memoryMb += integer(*m, "capacity").value_or(0);
        for (const json* m : objects(content, "monitors"))
            if (!internalPanel(jsonText(*m, "port"))) ++row_.monitors;
        cupsPrinters_ = static_cast<int>(objects(content, "printers").size());
    }

    void readDps(const json& dps) {
        for (const json* u : objects(dps, "usb_kinds"))
            ++kinds_[jsonText(*u, "kind")];

        const json& readers = jsonMember(dps, "card_readers");
        std::set<std::string> distinct;
        const json& names = jsonMember(readers, "readers");
        if (names.is_array()) {
            for (const json& r : names)
                if (r.is_string()) distinct.insert(withoutSlot(r.get<std::string>()));
        } else if (!names.is_null()) {
            note("the inventory's card reader list is malformed");
        }
        pcscReaders_ = static_cast<int>(distinct.size());
        const json& answers = jsonMember(readers, "pcscd_answers");
        if (answers.is_boolean() && !answers.get<bool>()) {
            note("the card reader service (pcscd) does not answer");
        } else if (answers.is_boolean() && usbKind("smartcard_reader") > pcscReaders_) {
            note("a card reader is plugged in but the card reader service does not see it");
        }

        const json& reported = jsonMember(dps, "equipment_problems");
        if (reported.is_object()) {
            for (const auto& [item, state] : reported.items())
                if (state.is_string())
                    note(fmt::format("reported at the terminal: {} {}", words(item), words(state.get<std::string>())));
        } else if (!reported.is_null()) {
            note("the inventory's equipment problems are malformed");
        }

        for (const json* e : objects(dps, "collector_errors")) {
            std::string n = collectorNote(jsonText(*e, "collector"), jsonText(*e, "path"), jsonText(*e, "what"));
            if (!n.empty()) note(std::move(n));
        }
    }

    // The weakest battery decides: it is the one to replace. Our own part has the health and the
    // cycles; a document without it still has GLPI's design and full capacities.
    void readBattery(const json& content, const json& dps) {
        std::optional<int> cyclesOfAny;
        for (const json* b : objects(dps, "battery_health")) {
            const auto health = integer(*b, "health_percent");
            const auto cycles = integer(*b, "cycle_count");
            if (cycles) cyclesOfAny = std::max(cyclesOfAny.value_or(0), static_cast<int>(*cycles));
            if (health && (!row_.batteryHealthPercent || *health < *row_.batteryHealthPercent)) {
                row_.batteryHealthPercent = static_cast<int>(*health);
                row_.batteryCycles = cycles ? std::optional<int>(static_cast<int>(*cycles)) : std::nullopt;
            }
        }
        if (!row_.batteryHealthPercent) {
            row_.batteryCycles = cyclesOfAny;
            for (const json* b : objects(content, "batteries")) {
                const auto design = integer(*b, "capacity"), full = integer(*b, "real_capacity");
                if (!design || !full || *design <= 0) continue;
                const int health = static_cast<int>(*full * 100 / *design);
                if (!row_.batteryHealthPercent || health < *row_.batteryHealthPercent)
                    row_.batteryHealthPercent = health;
            }
        }
        if (row_.batteryHealthPercent && *row_.batteryHealthPercent < kWornBatteryPercent)
            note(fmt::format("battery worn: {}% of its design capacity", *row_.batteryHealthPercent));
    }

    int usbKind(const std::string& kind) const {
        const auto it = kinds_.find(kind);
        return it == kinds_.end() ? 0 : it->second;
    }

    EquipmentTerminal& row_;
    std::map<std::string, int> kinds_;
    int pcscReaders_ = 0, cupsPrinters_ = 0;
};

void addTo(EquipmentTotals& totals, const EquipmentTerminal& t) {
    ++totals.terminals;
    if (t.computerKind == "laptop") ++totals.laptops;
    if (t.computerKind == "desktop") ++totals.desktops;
    totals.screens += t.monitors;
    totals.cardReaders += t.cardReaders;
    totals.printers += t.printers;
    totals.accessibilityDevices += t.accessibilityDevices;
    if (t.batteryHealthPercent && *t.batteryHealthPercent < kWornBatteryPercent) ++totals.batteriesWorn;
}

void field(std::string& out, std::string_view value) { appendCsvField(out, value); }

std::string joinedProblems(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

} // namespace

EquipmentPark equipmentPark(StatsReader& reader, const Scope& scope, int changesLimit) {
    EquipmentPark park;
    reader.eachParkTerminal(scope, [&](ParkTerminal& stored) {
        EquipmentTerminal row;
        row.terminalId = std::move(stored.terminalId);
        row.dpsId = stored.dpsId;
        row.dpsName = std::move(stored.dpsName);
        row.computerKind = "unknown";
        row.lastSeenAt = std::move(stored.lastSeenAt);
        if (!stored.document) {
            row.problems.emplace_back("no inventory received yet");
        } else {
            row.inventoryAt = stored.inventoryAt.value_or("");
            DocumentReader(row).read(*stored.document);
        }
        addTo(park.totals, row);
        park.terminals.push_back(std::move(row));
    });
    park.changes = reader.parkChanges(scope, static_cast<std::int64_t>(std::max(changesLimit, 0)));
    return park;
}

std::string equipmentCsv(const EquipmentPark& park) {
    std::string out = "terminal_id,dps_id,dps_name,computer_kind,manufacturer,model,serial,operating_system,"
                      "memory_mb,screens,card_readers,printers,accessibility_devices,battery_health_percent,"
                      "battery_cycles,inventory_at,last_seen_at,problems\r\n";
    auto number = [](std::optional<std::int64_t> n) { return n ? std::to_string(*n) : std::string(); };
    for (const EquipmentTerminal& t : park.terminals) {
        field(out, t.terminalId);
        out += ',';
        out += std::to_string(t.dpsId);
        out += ',';
        field(out, t.dpsName);
        out += ',';
        out += t.computerKind;
        for (const std::string* s : {&t.manufacturer, &t.model, &t.serial, &t.os}) {
            out += ',';
            field(out, *s);
        }
        out += ',';
        out += number(t.memoryMb > 0 ? std::optional<std::int64_t>(t.memoryMb) : std::nullopt);
        for (const int n : {t.monitors, t.cardReaders, t.printers, t.accessibilityDevices}) {
            out += ',';
            out += std::to_string(n);
        }
        out += ',';
        out += number(t.batteryHealthPercent);
        out += ',';
        out += number(t.batteryCycles);
        out += ',';
        field(out, t.inventoryAt);
        out += ',';
        field(out, t.lastSeenAt);
        out += ',';
        field(out, joinedProblems(t.problems));
        out += "\r\n";
    }
    return out;
}

} // namespace dps::server
