// The GLPI document from an inventory made by hand: every section GLPI's schema knows, in GLPI's
// units, validated against that schema (Python's jsonschema, as CI does for the real documents),
// with our own facts kept out of the GLPI part.
#include "agent/inventory/GlpiDocument.h"
#include "Process.h"
#include "TempDir.h"
#include "agent/core/inventory/Ipp.h"
#include "agent/inventory/OsServices.h"

#include <gtest/gtest.h>

using dps::agent::inventory::cupsGetPrintersRequest;
using dps::agent::inventory::DocumentFacts;
using dps::agent::inventory::glpiDocument;
using dps::agent::inventory::httpAnswerBody;
using dps::agent::inventory::httpPostIpp;
using dps::agent::inventory::Inventory;
using dps::agent::inventory::inventoryMessage;
using dps::agent::inventory::isoBiosDate;
using dps::agent::inventory::parseCupsGetPrinters;
using dps::agent::inventory::Printer;
using dps::agent::inventory::withoutCredentials;

namespace {

Inventory sampleLaptop() {
    Inventory inv;
    inv.computer = {"LENOVO",   "20L5CTO1WW", "PF1ABCDE",         "4c4c4544-0042-3010-8052-b4c04f4a4b32",
                    "Notebook", "LENOVO",     "N24ET56W (1.31 )", "05/14/2020",
                    "LENOVO",   "20L5CTO1WW", "L1HF0AB01CD",      "epn-rc-03"};
    inv.cpus.push_back({"GenuineIntel", "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz", 4, 8, 1800, "x86_64"});
    inv.memoryBytes = 8LL * 1024 * 1024 * 1024;
    inv.os = {"Debian GNU/Linux",
              "12 (bookworm)",
              "Debian GNU/Linux 12 (bookworm)",
              "linux",
              "6.1.0-26-amd64",
              "x86_64",
              3600};
    inv.disks.push_back({"nvme0n1", "SAMSUNG MZVLB256HAHQ-000L7", "S41GNX0M123456", "", 256060514304LL, "ssd"});
    inv.filesystems.push_back({"/", "/dev/nvme0n1p2", "ext4", 250000000000LL, 200000000000LL});
    inv.monitors.push_back({"eDP-1", "LGD", "LP140WF6-SPB7", "", 2018, "AP///////wA="});
    inv.usb.push_back({"076b", "3031", "OMNIKEY", "Smart Card Reader USB", "", 0x0b, 0, "smartcard_reader"});
    inv.printers.push_back({"HP_OfficeJet", "HP OfficeJet 8010, hpcups 3.22.10", "idle", "usb://HP/OfficeJet"});
    inv.batteries.push_back({"BAT0", "SMP", "01AV445", "1234", "Li-poly", 57000, 45600, 312, 11550});
    inv.networks.push_back({"wlp2s0", "9c:b6:d0:11:22:33", "wifi", true});
    inv.networks.push_back({"lo", "00:00:00:00:00:00", "loopback", true});
    inv.cardReaders = {true, {"OMNIKEY CardMan 3121 00 00"}};
    inv.errors.push_back({"dmi", "/sys/class/dmi/id/product_serial", "cannot be read"});
    return inv;
}

DocumentFacts facts() { return {"epn-rc-03-2026-12-01-10-00-00", "0.1.0", {{"printer", "works_badly"}}}; }

} // namespace

TEST(GlpiDocument, EverySectionInGlpisUnitsAndWords) {
    const auto doc = glpiDocument(sampleLaptop(), facts());
    EXPECT_EQ(doc["itemtype"], "Computer");
    EXPECT_EQ(doc["deviceid"], "epn-rc-03-2026-12-01-10-00-00");
    const auto& c = doc["content"];
    EXPECT_EQ(c["versionclient"], "dps-agent_v0.1.0");
    EXPECT_EQ(c["hardware"]["memory"], 8192) << "MB";
    EXPECT_EQ(c["hardware"]["chassis_type"], "Notebook");
    EXPECT_EQ(c["bios"]["bdate"], "2020-05-14") << "DMI's MM/DD/YYYY as GLPI's date";
    EXPECT_EQ(c["bios"]["ssn"], "PF1ABCDE");
    EXPECT_EQ(c["cpus"][0]["core"], 4);
    EXPECT_EQ(c["cpus"][0]["thread"], 2) << "GLPI counts threads per core";
    EXPECT_EQ(c["storages"][0]["disksize"], 244198) << "MB";
    EXPECT_EQ(c["drives"][0]["type"], "/");
    EXPECT_EQ(c["usbdevices"][0]["class"], "11");
    EXPECT_EQ(c["networks"][1]["virtualdev"], true);
    EXPECT_EQ(c["batteries"][0]["real_capacity"], 45600);
    EXPECT_EQ(c["printers"][0]["status"], "idle");
    EXPECT_FALSE(c.contains("dps"));
}

TEST(GlpiDocument, OurFactsAreAPartOfTheirOwn) {
    const auto msg = inventoryMessage(sampleLaptop(), facts());
    EXPECT_EQ(msg["format"], "dps-inventory/1");
    const auto& dps = msg["dps"];
    EXPECT_EQ(dps["battery_health"][0]["health_percent"], 80);
    EXPECT_EQ(dps["battery_health"][0]["cycle_count"], 312);
    EXPECT_EQ(dps["card_readers"]["pcscd_answers"], true);
    EXPECT_EQ(dps["usb_kinds"][0]["kind"], "smartcard_reader");
    EXPECT_EQ(dps["equipment_problems"]["printer"], "works_badly");
    EXPECT_EQ(dps["collector_errors"][0]["path"], "/sys/class/dmi/id/product_serial");
}

TEST(GlpiDocument, PassesGlpisSchemaAndAnEmptyInventoryToo) {
    dps::test::TempDir dir;
    dps::test::writeFile(dir / "laptop.json", inventoryMessage(sampleLaptop(), facts()).dump());
    dps::test::writeFile(dir / "empty.json", inventoryMessage(Inventory{}, facts()).dump());
    auto broken = glpiDocument(sampleLaptop(), facts());
    broken["content"]["networks"][0]["type"] = "carrier-pigeon";
    dps::test::writeFile(dir / "broken.json", broken.dump());
    const std::string checker = std::string(DPS_SOURCE_DIR) + "/tests/protocol/check-glpi.py";
    EXPECT_EQ(dps::test::runCommand(
                  {"/usr/bin/python3", checker, (dir / "laptop.json").string(), (dir / "empty.json").string()}, {},
                  dir.path()),
              0)
        << "the checker printed why (above)";
    EXPECT_EQ(dps::test::runCommand({"/usr/bin/python3", checker, (dir / "broken.json").string()}, {}, dir.path()), 1)
        << "the checker itself refuses what GLPI's schema refuses";
}

TEST(GlpiDocument, ABiosDateThatIsNotDmisIsLeftOut) {
    EXPECT_EQ(isoBiosDate("05/14/2020"), "2020-05-14");
    EXPECT_EQ(isoBiosDate("2020-05-14"), "");
    EXPECT_EQ(isoBiosDate(""), "");
    EXPECT_EQ(isoBiosDate("5/14/2020"), "");
}

TEST(OsServices, APrintersUriLosesItsCredentials) {
    EXPECT_EQ(withoutCredentials("ipp://admin:secret@192.0.2.7:631/printers/hp"), "ipp://192.0.2.7:631/printers/hp");
    EXPECT_EQ(withoutCredentials("usb://HP/OfficeJet?serial=CN123"), "usb://HP/OfficeJet?serial=CN123");
    EXPECT_EQ(withoutCredentials("socket://192.0.2.9"), "socket://192.0.2.9");
    EXPECT_EQ(withoutCredentials("hp:/net/x?ip=192.0.2.3"), "hp:/net/x?ip=192.0.2.3");
}

namespace {
// An IPP answer as cupsd writes one: status, request id, then attribute groups.
struct IppAnswer {
    std::string bytes;
    explicit IppAnswer(int status) {
        bytes = std::string("\x02\x00", 2) + char(status >> 8) + char(status & 0xff) + std::string("\0\0\0\1", 4);
    }
    IppAnswer& group(int tag) {
        bytes += char(tag);
        return *this;
    }
    IppAnswer& attr(int tag, const std::string& name, const std::string& value) {
        bytes += char(tag);
        bytes += char(name.size() >> 8);
        bytes += char(name.size() & 0xff);
        bytes += name;
        bytes += char(value.size() >> 8);
        bytes += char(value.size() & 0xff);
        bytes += value;
        return *this;
    }
    IppAnswer& end() {
        bytes += '\x03';
        return *this;
    }
};
} // namespace

TEST(Ipp, TheRequestIsCupsGetPrintersAskingForOurFourAttributes) {
    const std::string r = cupsGetPrintersRequest();
    EXPECT_EQ(r.substr(0, 4), std::string("\x02\x00\x40\x02", 4));
    EXPECT_NE(r.find("requested-attributes"), std::string::npos);
    for (const char* a : {"printer-name", "printer-make-and-model", "printer-state", "device-uri"})
        EXPECT_NE(r.find(a), std::string::npos) << a;
    EXPECT_EQ(r.back(), '\x03');
}

TEST(Ipp, TheAnswersPrintersAreRead) {
    IppAnswer a(0);
    a.group(0x01).attr(0x47, "attributes-charset", "utf-8");
    a.group(0x04)
        .attr(0x42, "printer-name", "HP_OfficeJet")
        .attr(0x41, "printer-make-and-model", "HP OfficeJet 8010")
        .attr(0x23, "printer-state", std::string("\0\0\0\3", 4))
        .attr(0x45, "device-uri", "usb://HP/OfficeJet");
    a.group(0x04)
        .attr(0x42, "printer-name", "Brother")
        .attr(0x23, "printer-state", std::string("\0\0\0\5", 4))
        .attr(0x45, "device-uri", "ipp://user:pw@192.0.2.4/ipp");
    a.end();
    const auto parsed = parseCupsGetPrinters(a.bytes);
    ASSERT_TRUE(std::holds_alternative<std::vector<Printer>>(parsed)) << std::get<std::string>(parsed);
    const auto& p = std::get<std::vector<Printer>>(parsed);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0], (Printer{"HP_OfficeJet", "HP OfficeJet 8010", "idle", "usb://HP/OfficeJet"}));
    EXPECT_EQ(p[1].state, "stopped");
    EXPECT_EQ(withoutCredentials(p[1].uri), "ipp://192.0.2.4/ipp");
}

TEST(Ipp, NoPrintersACutAnswerAndAnErrorStatus) {
    EXPECT_TRUE(std::get<std::vector<Printer>>(parseCupsGetPrinters(IppAnswer(0x0406).end().bytes)).empty())
        << "CUPS says 'not found' when it has no printer";
    IppAnswer cut(0);
    cut.group(0x04).attr(0x42, "printer-name", "HP");
    EXPECT_TRUE(std::holds_alternative<std::string>(parseCupsGetPrinters(cut.bytes.substr(0, cut.bytes.size() - 1))));
    EXPECT_TRUE(std::holds_alternative<std::string>(parseCupsGetPrinters(IppAnswer(0x0500).end().bytes)));
    EXPECT_TRUE(std::holds_alternative<std::string>(parseCupsGetPrinters("HTTP/1.1")));
}

TEST(Ipp, CupsdsHttpAnswerPlainOrChunked) {
    const std::string plain = "HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: 5\r\n\r\nhello";
    EXPECT_EQ(std::get<0>(httpAnswerBody(plain)), "hello");
    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: "
                                "application/ipp\r\n\r\n3\r\nhel\r\n2;x=1\r\nlo\r\n0\r\n\r\n";
    EXPECT_EQ(std::get<0>(httpAnswerBody(chunked)), "hello");
    EXPECT_EQ(httpAnswerBody("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").index(), 1u);
    EXPECT_EQ(httpAnswerBody("HTTP/1.1 403 Forbidden\r\n\r\n").index(), 1u);
    EXPECT_EQ(httpAnswerBody("garbage").index(), 1u);
    EXPECT_NE(httpPostIpp("abc").find("Content-Length: 3\r\n"), std::string::npos);
}
