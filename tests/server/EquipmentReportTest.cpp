// The dashboard's equipment park (docs/dashboard-equipment.md) on a real server.db, with the
// documents the real dps-agent prints for the fixture machines (tests/fixtures/equipment/, made by
// make-documents.sh there) stored through InventoryService, so the stored form is the real one.
#include "server/services/EquipmentReport.h"
#include "FakeClock.h"
#include "TempDir.h"
#include "server/services/InventoryService.h"
#include "server/store/ServerDb.h"
#include "server/store/SqliteInventoryStore.h"
#include "server/store/SqliteStatsStore.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace dps::test {
namespace {

using nlohmann::json;
using server::EquipmentPark;
using server::EquipmentTerminal;
using server::Scope;

json agentDocument(const std::string& machine) {
    std::ifstream in(std::string(DPS_SOURCE_DIR) + "/tests/fixtures/equipment/" + machine + ".json");
    std::stringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
}

Scope everyDps() { return {}; }
Scope onlyDps(std::int64_t id) {
    Scope s;
    s.dpsId = id;
    return s;
}
Scope onlyMunicipality(const std::string& name) {
    Scope s;
    s.municipality = name;
    return s;
}

// RFC 4180 read back, for the export's tests: rows of fields, CRLF line ends.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                rows.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                rows.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
    return rows;
}

const std::string kNamedDps = "Espace \"Numérique\", Anderlecht"; // a comma and quotes, for the CSV

// Three DPS: E (id 1) with the laptop and the desktop, B (id 2) with the Chromebook, a laptop
// with two batteries and a revoked laptop, C (id 3) with a terminal not enrolled yet.
class EquipmentReport : public ::testing::Test {
protected:
    void SetUp() override {
        db.with([](storage::Database& d) {
            d.prepare("INSERT INTO dps (id, name, street, postcode, municipality) VALUES (1, ?1, 'Rue 1', '1070', "
                      "'Anderlecht'), (2, 'Bibliothèque Ixelles', 'Rue 2', '1050', 'Ixelles'), (3, 'Centre Jette', "
                      "'Rue 3', '1090', 'Jette')")
                .bind(1, std::string_view(kNamedDps))
                .run();
            d.prepare(R"sql(
INSERT INTO terminals (id, dps_id, state, created_at, enrolled_at, last_usage_at) VALUES
  ('T-000001', 1, 'active', '2026-11-01T08:00:00Z', '2026-11-01T08:05:00Z', NULL),
  ('T-000002', 1, 'active', '2026-11-01T08:00:00Z', '2026-11-01T08:05:00Z', '2026-11-23T11:00:00Z'),
  ('T-000003', 2, 'active', '2026-11-01T08:00:00Z', '2026-11-01T08:05:00Z', NULL),
  ('T-000004', 2, 'active', '2026-11-01T08:00:00Z', '2026-11-01T08:05:00Z', NULL),
  ('T-000005', 3, 'pending', '2026-11-01T08:00:00Z', NULL, NULL),
  ('T-000006', 2, 'active', '2026-11-01T08:00:00Z', '2026-11-01T08:05:00Z', NULL))sql")
                .run();
            // One statement per prepare: SQLite compiles the first only.
            d.prepare(R"sql(
INSERT INTO heartbeats (terminal_id, received_at, agent_version, uptime_seconds, free_disk_bytes, outbox,
                        dead_letters, last_error)
  VALUES ('T-000001', '2026-11-23T12:00:00Z', '0.1.0', 60, 1000000, 0, 0, '');)sql")
                .run();
        });
        store("T-000001", 1, agentDocument("laptop"));     // 09:00
        store("T-000002", 1, agentDocument("desktop"));    // 09:01
        store("T-000003", 2, agentDocument("chromebook")); // 09:02
        store("T-000004", 2, agentDocument("laptop"));     // 09:03, revoked below
        store("T-000006", 2, twoBatteries());              // 09:04
        clock.advance(std::chrono::minutes(55));
        json withoutMouse = agentDocument("laptop"); // 10:00: the mouse went missing
        auto& usb = withoutMouse["glpi"]["content"]["usbdevices"];
        usb.erase(std::remove_if(usb.begin(), usb.end(), [](const json& u) { return u["productid"] == "c077"; }),
                  usb.end());
        store("T-000001", 1, withoutMouse);
        db.with([](storage::Database& d) {
            d.prepare("UPDATE terminals SET state = 'revoked' WHERE id = 'T-000004'").run();
        });
    }

    void store(const std::string& terminal, std::int64_t dpsId, const json& document) {
        server::SqliteInventoryStore inventories(db);
        server::InventoryService service(inventories, clock);
        const auto answer = service.receive({terminal, dpsId}, document.dump(), std::nullopt);
        ASSERT_TRUE(std::holds_alternative<server::StoredAnswer>(answer)) << terminal;
        clock.advance(std::chrono::minutes(1));
    }

    // The laptop with a second, worn battery, a dual-slot reader pcscd sees, a facilitator's
    // report, and a model name that would be a formula in a spreadsheet.
    static json twoBatteries() {
        json d = agentDocument("laptop");
        d["glpi"]["content"]["bios"]["smodel"] = "=HYPERLINK(\"http://x\")";
        d["dps"]["battery_health"].push_back({{"name", "BAT1"}, {"cycle_count", 901}, {"health_percent", 55}});
        d["dps"]["card_readers"] = {
            {"pcscd_answers", true},
            {"readers",
             {"HID Global OMNIKEY 5422 Smartcard Reader 00 00", "HID Global OMNIKEY 5422 Smartcard Reader 00 01"}}};
        d["dps"]["equipment_problems"] = {{"printer", "not_working"}};
        return d;
    }

    EquipmentPark park(const Scope& scope, int limit = 200) {
        EquipmentPark out;
        server::SqliteStatsStore(db).read(
            [&](server::StatsReader& reader) { out = server::equipmentPark(reader, scope, limit); });
        return out;
    }

    static const EquipmentTerminal& row(const EquipmentPark& p, const std::string& id) {
        for (const auto& t : p.terminals)
            if (t.terminalId == id) return t;
        throw std::runtime_error("no row " + id);
    }

    TempDir dir;
    server::ServerDb db{dir / "server.db"};
    FakeClock clock;
};

const std::string kPcscdSilent = "the card reader service (pcscd) does not answer";

TEST_F(EquipmentReport, TheAgentsDocumentsGiveEachTerminalsEquipment) {
    const auto p = park(everyDps());

    const auto& laptop = row(p, "T-000001");
    EXPECT_EQ(laptop.dpsId, 1);
    EXPECT_EQ(laptop.dpsName, kNamedDps);
    EXPECT_EQ(laptop.computerKind, "laptop"); // chassis "Notebook"
    EXPECT_EQ(laptop.manufacturer, "LENOVO");
    EXPECT_EQ(laptop.model, "20L5CTO1WW");
    EXPECT_EQ(laptop.serial, "PF1TST01");
    EXPECT_EQ(laptop.os, "Debian GNU/Linux 12 (bookworm)");
    EXPECT_EQ(laptop.memoryMb, 15831);
    EXPECT_EQ(laptop.monitors, 0);    // its own eDP panel only
    EXPECT_EQ(laptop.cardReaders, 1); // a USB smart-card reader (pcscd was not asked)
    EXPECT_EQ(laptop.printers, 0);
    EXPECT_EQ(laptop.accessibilityDevices, 0);
    EXPECT_EQ(laptop.batteryHealthPercent, 86); // 49310 of 57020 mWh
    EXPECT_EQ(laptop.batteryCycles, 187);
    EXPECT_EQ(laptop.inventoryAt, "2026-11-23T10:00:00Z");
    EXPECT_EQ(laptop.lastSeenAt, "2026-11-23T12:00:00Z"); // its heartbeat
    // The statvfs note on /boot/efi says nothing about the equipment.
    EXPECT_EQ(laptop.problems, std::vector<std::string>{kPcscdSilent});

    const auto& desktop = row(p, "T-000002");
    EXPECT_EQ(desktop.computerKind, "desktop");
    EXPECT_EQ(desktop.manufacturer, "Dell Inc.");
    EXPECT_EQ(desktop.model, "OptiPlex 7050");
    EXPECT_EQ(desktop.serial, "7XK2TS2");
    EXPECT_EQ(desktop.memoryMb, 7849);
    EXPECT_EQ(desktop.monitors, 2); // DP-1 and HDMI-A-1; DP-2's EDID is bad, so a problem
    EXPECT_EQ(desktop.cardReaders, 1);
    EXPECT_EQ(desktop.printers, 1);             // the USB LaserJet
    EXPECT_EQ(desktop.accessibilityDevices, 1); // the Brailliant
    EXPECT_EQ(desktop.batteryHealthPercent, std::nullopt);
    EXPECT_EQ(desktop.batteryCycles, std::nullopt);
    EXPECT_EQ(desktop.inventoryAt, "2026-11-23T09:01:00Z");
    EXPECT_EQ(desktop.lastSeenAt, "2026-11-23T11:00:00Z"); // its last usage batch
    EXPECT_EQ(desktop.problems,
              (std::vector<std::string>{kPcscdSilent, "screen not identified: /sys/class/drm/card0-DP-2/edid has a "
                                                      "bad checksum: its 128 bytes sum to 252 modulo 256, not 0"}));

    const auto& chromebook = row(p, "T-000003");
    EXPECT_EQ(chromebook.computerKind, "laptop"); // chassis "Laptop"
    EXPECT_EQ(chromebook.manufacturer, "GOOGLE");
    EXPECT_EQ(chromebook.model, "Setzer");
    EXPECT_EQ(chromebook.serial, ""); // DMI's serial could not be read
    EXPECT_EQ(chromebook.memoryMb, 3824);
    EXPECT_EQ(chromebook.monitors, 0);
    EXPECT_EQ(chromebook.cardReaders, 1);
    EXPECT_EQ(chromebook.batteryHealthPercent, 92);
    EXPECT_EQ(chromebook.batteryCycles, 312);
    EXPECT_EQ(chromebook.lastSeenAt, "2026-11-01T08:05:00Z"); // enrolled, never heard since
    EXPECT_EQ(chromebook.problems, std::vector<std::string>{kPcscdSilent});

    // The weakest battery decides, with its own cycles; the two slots of one reader are one.
    const auto& worn = row(p, "T-000006");
    EXPECT_EQ(worn.batteryHealthPercent, 55);
    EXPECT_EQ(worn.batteryCycles, 901);
    EXPECT_EQ(worn.cardReaders, 1);
    EXPECT_EQ(worn.problems, (std::vector<std::string>{"reported at the terminal: printer not working",
                                                       "battery worn: 55% of its design capacity"}));

    const auto& pending = row(p, "T-000005");
    EXPECT_EQ(pending.computerKind, "unknown");
    EXPECT_EQ(pending.inventoryAt, "");
    EXPECT_EQ(pending.lastSeenAt, "");
    EXPECT_EQ(pending.monitors + pending.cardReaders + pending.printers, 0);
    EXPECT_EQ(pending.problems, std::vector<std::string>{"no inventory received yet"});
}

TEST_F(EquipmentReport, RowsByDpsNameThenTerminalWithoutRevokedOnes) {
    const auto p = park(everyDps());
    std::vector<std::string> ids;
    for (const auto& t : p.terminals)
        ids.push_back(t.terminalId);
    // Bibliothèque Ixelles, Centre Jette, Espace "Numérique"; T-000004 is revoked.
    EXPECT_EQ(ids, (std::vector<std::string>{"T-000003", "T-000006", "T-000005", "T-000001", "T-000002"}));
}

TEST_F(EquipmentReport, TotalsCountThePark) {
    const auto t = park(everyDps()).totals;
    EXPECT_EQ(t.terminals, 5);
    EXPECT_EQ(t.laptops, 3);
    EXPECT_EQ(t.desktops, 1);
    EXPECT_EQ(t.screens, 2);
    EXPECT_EQ(t.cardReaders, 4);
    EXPECT_EQ(t.printers, 1);
    EXPECT_EQ(t.accessibilityDevices, 1);
    EXPECT_EQ(t.batteriesWorn, 1);

    const auto one = park(onlyDps(1)).totals;
    EXPECT_EQ(one.terminals, 2);
    EXPECT_EQ(one.laptops, 1);
    EXPECT_EQ(one.desktops, 1);
    EXPECT_EQ(one.screens, 2);
    EXPECT_EQ(one.cardReaders, 2);
    EXPECT_EQ(one.printers, 1);
    EXPECT_EQ(one.accessibilityDevices, 1);
    EXPECT_EQ(one.batteriesWorn, 0);
}

TEST_F(EquipmentReport, ChangesNewestFirstAndLimited) {
    const auto p = park(everyDps());
    ASSERT_FALSE(p.changes.empty());
    const auto& missing = p.changes.front();
    EXPECT_EQ(missing.at, "2026-11-23T10:00:00Z");
    EXPECT_EQ(missing.terminalId, "T-000001");
    EXPECT_EQ(missing.dpsName, kNamedDps);
    EXPECT_EQ(missing.change, "disappeared");
    EXPECT_EQ(missing.kind, "usb");
    EXPECT_EQ(missing.item, "046d:c077 USB Optical Mouse");
    EXPECT_TRUE(p.changes.size() < 2 || p.changes[1].at == "2026-11-23T09:04:00Z");
    for (std::size_t i = 1; i < p.changes.size(); ++i)
        EXPECT_GE(p.changes[i - 1].at, p.changes[i].at);
    // The first inventory of each terminal: every item appeared; the revoked one's are left out.
    std::set<std::string> terminals;
    for (const auto& c : p.changes) {
        terminals.insert(c.terminalId);
        if (&c != &missing) {
            EXPECT_EQ(c.change, "appeared");
        }
    }
    EXPECT_EQ(terminals, (std::set<std::string>{"T-000001", "T-000002", "T-000003", "T-000006"}));
    EXPECT_EQ(p.changes.back().at, "2026-11-23T09:00:00Z");

    const auto limited = park(everyDps(), 3);
    ASSERT_EQ(limited.changes.size(), 3u);
    EXPECT_EQ(limited.changes[0].item, missing.item);
    EXPECT_EQ(park(everyDps(), 0).changes.size(), 0u);
}

TEST_F(EquipmentReport, ADpsSeesOnlyItsOwnTerminalsAndChanges) {
    for (const std::int64_t dpsId : {1, 2, 3}) {
        const auto p = park(onlyDps(dpsId));
        for (const auto& t : p.terminals)
            EXPECT_EQ(t.dpsId, dpsId) << t.terminalId;
        for (const auto& c : p.changes) {
            const std::string expected = dpsId == 1 ? "T-000001 T-000002" : dpsId == 2 ? "T-000003 T-000006" : "";
            EXPECT_NE(expected.find(c.terminalId), std::string::npos) << dpsId << " sees " << c.terminalId;
        }
        const std::string csv = server::equipmentCsv(p);
        // T-000004 (DPS 2) is revoked: in no one's export.
        const std::map<std::string, std::int64_t> owner{{"T-000001", 1}, {"T-000002", 1}, {"T-000003", 2},
                                                        {"T-000004", 0}, {"T-000005", 3}, {"T-000006", 2}};
        for (const auto& [terminal, itsDps] : owner)
            EXPECT_EQ(csv.find(terminal) != std::string::npos, itsDps == dpsId) << dpsId << " " << terminal;
    }
    EXPECT_EQ(park(onlyDps(1)).terminals.size(), 2u);
    EXPECT_EQ(park(onlyDps(2)).terminals.size(), 2u); // not the revoked T-000004
    EXPECT_EQ(park(onlyDps(3)).terminals.size(), 1u);
    EXPECT_TRUE(park(onlyDps(3)).changes.empty());
    EXPECT_TRUE(park(onlyDps(99)).terminals.empty());
    EXPECT_TRUE(park(onlyDps(99)).changes.empty());

    const auto ixelles = park(onlyMunicipality("Ixelles"));
    ASSERT_EQ(ixelles.terminals.size(), 2u);
    for (const auto& c : ixelles.changes)
        EXPECT_TRUE(c.terminalId == "T-000003" || c.terminalId == "T-000006") << c.terminalId;
}

TEST_F(EquipmentReport, TheCsvHasItsHeaderAndQuotesAsRfc4180) {
    const std::string csv = server::equipmentCsv(park(everyDps()));
    const std::string header = "terminal_id,dps_id,dps_name,computer_kind,manufacturer,model,serial,operating_system,"
                               "memory_mb,screens,card_readers,printers,accessibility_devices,battery_health_percent,"
                               "battery_cycles,inventory_at,last_seen_at,problems\r\n";
    ASSERT_EQ(csv.substr(0, header.size()), header);
    EXPECT_NE(csv.find("\r\nT-000001,1,\"Espace \"\"Numérique\"\", Anderlecht\",laptop,LENOVO,20L5CTO1WW,PF1TST01,"
                       "Debian GNU/Linux 12 (bookworm),15831,0,1,0,0,86,187,2026-11-23T10:00:00Z,"
                       "2026-11-23T12:00:00Z,the card reader service (pcscd) does not answer\r\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("\r\nT-000005,3,Centre Jette,unknown,,,,,,0,0,0,0,,,,,no inventory received yet\r\n"),
              std::string::npos)
        << csv;

    const auto rows = parseCsv(csv);
    ASSERT_EQ(rows.size(), 6u); // the header and 5 terminals
    for (const auto& r : rows)
        EXPECT_EQ(r.size(), 18u);
    EXPECT_EQ(rows[4][2], kNamedDps);
    EXPECT_EQ(rows[1][2], "Bibliothèque Ixelles"); // UTF-8 as it is
    // T-000006's model would run as a formula in a spreadsheet: it is text there.
    EXPECT_EQ(rows[2][0], "T-000006");
    EXPECT_EQ(rows[2][5], "'=HYPERLINK(\"http://x\")");
    EXPECT_EQ(rows[2][17], "reported at the terminal: printer not working; battery worn: 55% of its design capacity");
    EXPECT_EQ(rows[3][13], ""); // no battery
}

// Documents hand-edited or damaged in server.db: what can be read is counted, the rest noted.
class DamagedInventory : public EquipmentReport {
protected:
    EquipmentTerminal withDocument(const std::string& document) {
        db.with([&](storage::Database& d) {
            d.prepare("UPDATE inventories SET document = ?1 WHERE terminal_id = 'T-000003'")
                .bind(1, std::string_view(document))
                .run();
        });
        EquipmentPark p;
        EXPECT_NO_THROW(p = park(onlyDps(2)));
        return row(p, "T-000003");
    }
    static bool has(const EquipmentTerminal& t, const std::string& problem) {
        return std::find(t.problems.begin(), t.problems.end(), problem) != t.problems.end();
    }
};

TEST_F(DamagedInventory, NotJsonOrNotAnObject) {
    for (const std::string doc : {"{\"format\": \"dps-inventory/1\", \"glpi\": ", "[1, 2]", "\"text\"", ""}) {
        const auto t = withDocument(doc);
        EXPECT_EQ(t.computerKind, "unknown") << doc;
        EXPECT_EQ(t.inventoryAt, "2026-11-23T09:02:00Z");
        EXPECT_EQ(t.problems, std::vector<std::string>{"the stored inventory cannot be read"}) << doc;
    }
}

TEST_F(DamagedInventory, MissingParts) {
    json glpiOnly = agentDocument("chromebook");
    glpiOnly.erase("dps");
    auto t = withDocument(glpiOnly.dump());
    EXPECT_EQ(t.computerKind, "laptop");
    EXPECT_EQ(t.model, "Setzer");
    EXPECT_EQ(t.cardReaders, 0);
    EXPECT_EQ(t.batteryHealthPercent, 92); // from GLPI's capacities: 41580 of 44929 mWh
    EXPECT_EQ(t.batteryCycles, std::nullopt);
    EXPECT_TRUE(has(t, "the inventory has no dps part: card readers, USB device kinds and battery health are not "
                       "known"));

    json dpsOnly = agentDocument("chromebook");
    dpsOnly.erase("glpi");
    t = withDocument(dpsOnly.dump());
    EXPECT_EQ(t.computerKind, "unknown");
    EXPECT_EQ(t.cardReaders, 1);
    EXPECT_EQ(t.batteryHealthPercent, 92);
    EXPECT_TRUE(has(t, "the inventory has no GLPI content: computer, screens and printers are not known"));

    t = withDocument(R"({"format":"dps-inventory/1"})");
    EXPECT_EQ(t.problems.size(), 2u);
}

TEST_F(DamagedInventory, WrongTypesAreSkippedAndNoted) {
    json d = agentDocument("desktop");
    auto& content = d["glpi"]["content"];
    content["hardware"]["memory"] = "lots";
    content["hardware"]["chassis_type"] = 3;
    content["monitors"] = json::array({1, "DP-1", {{"port", "DP-1"}}});
    content["printers"] = "HP";
    d["dps"]["usb_kinds"] = json::array({{{"kind", "braille"}}, nullptr, {{"kind", 7}}});
    d["dps"]["card_readers"] = {{"pcscd_answers", "yes"}, {"readers", "OMNIKEY"}};
    d["dps"]["battery_health"] = {{"health_percent", 40}};
    d["dps"]["equipment_problems"] = json::array({"printer"});
    d["dps"]["collector_errors"] = 12;
    const auto t = withDocument(d.dump());
    EXPECT_EQ(t.computerKind, "unknown");
    EXPECT_EQ(t.model, "OptiPlex 7050");
    EXPECT_EQ(t.memoryMb, 7849); // from the memories list instead
    EXPECT_EQ(t.monitors, 1);
    EXPECT_EQ(t.printers, 0);
    EXPECT_EQ(t.accessibilityDevices, 1);
    EXPECT_EQ(t.cardReaders, 0);
    EXPECT_EQ(t.batteryHealthPercent, std::nullopt); // GLPI's list is empty for a desktop
    EXPECT_EQ(t.problems, (std::vector<std::string>{"the inventory's monitors list has 2 unreadable entries",
                                                    "the inventory's printers list is malformed",
                                                    "the inventory's usb_kinds list has 1 unreadable entries",
                                                    "the inventory's card reader list is malformed",
                                                    "the inventory's equipment problems are malformed",
                                                    "the inventory's collector_errors list is malformed",
                                                    "the inventory's battery_health list is malformed"}));
}

} // namespace
} // namespace dps::test
