// Displays and USB devices (issue 7): our EDID parser on blocks built byte by byte here, and both
// collectors on the fixture machines and on this machine's own /sys. The USB rule itself, and the
// visitors' devices it leaves out, are VisitorsDevicesTest.cpp's.
#include "InventoryFixtures.h"
#include "TempDir.h"
#include "agent/core/inventory/Base64.h"
#include "agent/core/inventory/Edid.h"
#include "agent/inventory/MonitorCollector.h"
#include "agent/inventory/UsbCollector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>

using dps::agent::inventory::base64;
using dps::agent::inventory::collectMonitors;
using dps::agent::inventory::CollectorError;
using dps::agent::inventory::collectUsb;
using dps::agent::inventory::EdidParse;
using dps::agent::inventory::Inventory;
using dps::agent::inventory::Monitor;
using dps::agent::inventory::parseEdid;
using dps::agent::inventory::SysRoot;
using dps::agent::inventory::UsbDevice;
using dps::test::kInventoryFixtures;

// Readable failures: gtest prints unknown structs as bytes.
namespace dps::agent::inventory {
void PrintTo(const UsbDevice& d, std::ostream* os) {
    *os << d.vendorId << ':' << d.productId << " '" << d.manufacturer << "' '" << d.product << "' '" << d.serial
        << "' class " << d.deviceClass << '/' << d.subclass << ' ' << d.kind;
}
void PrintTo(const Monitor& m, std::ostream* os) {
    *os << m.connector << ' ' << m.manufacturer << " '" << m.model << "' '" << m.serial << "' "
        << (m.year ? std::to_string(*m.year) : "-") << ' ' << m.edidBase64;
}
void PrintTo(const CollectorError& e, std::ostream* os) { *os << e.collector << ' ' << e.path << ": " << e.what; }
} // namespace dps::agent::inventory

namespace {

// A display descriptor: 5 bytes of tag, 13 of text ended by a line feed and padded with spaces.
std::string textDescriptor(unsigned char tag, const std::string& text) {
    std::string d{'\0', '\0', '\0', static_cast<char>(tag), '\0'};
    d += text.substr(0, 13);
    if (d.size() < 18) d += '\n';
    d.resize(18, ' ');
    return d;
}

// An EDID 1.4 base block; `descriptors` fill slots 2..4 after a detailed timing. The checksum is
// computed here, so a test that wants it wrong changes a byte afterwards.
std::string edidBlock(const std::string& pnp, std::uint16_t product, std::uint32_t serial, int week, int year,
                      const std::vector<std::string>& descriptors) {
    std::string b{'\x00', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\x00'};
    const unsigned word =
        static_cast<unsigned>((pnp[0] - 'A' + 1) << 10 | (pnp[1] - 'A' + 1) << 5 | (pnp[2] - 'A' + 1));
    b += static_cast<char>(word >> 8);
    b += static_cast<char>(word & 0xFF);
    b += static_cast<char>(product & 0xFF);
    b += static_cast<char>(product >> 8);
    for (int shift = 0; shift < 32; shift += 8)
        b += static_cast<char>(serial >> shift & 0xFF);
    b += static_cast<char>(week);
    b += static_cast<char>(year - 1990);
    b += '\x01';
    b += '\x04';
    b.resize(54, '\x01'); // display parameters, colour, timings: not read
    b += std::string("\x02\x3a\x80\x18\x71\x38\x2d\x40\x58\x2c\x45\x00\x0f\x28\x21\x00\x00\x1e", 18);
    for (std::size_t i = 0; i < 3; ++i)
        b += i < descriptors.size() ? descriptors[i] : textDescriptor(0x10, std::string(13, '\0'));
    b += '\0'; // no extension blocks
    unsigned sum = 0;
    for (const char c : b)
        sum += static_cast<unsigned char>(c);
    b += static_cast<char>((256 - sum % 256) % 256);
    return b;
}

Inventory monitorsOf(const std::string& machine) {
    Inventory inv;
    collectMonitors(SysRoot(kInventoryFixtures / machine), inv);
    return inv;
}

Inventory usbOf(const std::string& machine) {
    Inventory inv;
    collectUsb(SysRoot(kInventoryFixtures / machine), inv);
    return inv;
}

UsbDevice usb(std::string vendor, std::string product, std::string manufacturer, std::string name, std::string serial,
              int cls, int subclass, std::string kind) {
    UsbDevice d;
    d.vendorId = std::move(vendor);
    d.productId = std::move(product);
    d.manufacturer = std::move(manufacturer);
    d.product = std::move(name);
    d.serial = std::move(serial);
    d.deviceClass = cls;
    d.subclass = subclass;
    d.kind = std::move(kind);
    return d;
}

UsbDevice rootHub() {
    return usb("1d6b", "0002", "Linux 6.1.0-26-amd64 xhci-hcd", "xHCI Host Controller", "0000:00:14.0", 0x09, 0, "hub");
}

} // namespace

// [SECTION] EDID

TEST(Edid, ReadsTheIdentityAndTheDescriptors) {
    const std::string block = edidBlock(
        "DEL", 0xA0A3, 0x4C4B4D31, 40, 2019,
        {textDescriptor(0xFF, "7MT0195K1ABL"), textDescriptor(0xFC, "DELL P2419H"), textDescriptor(0xFE, "Office 3")});
    ASSERT_EQ(block.size(), 128u);
    const EdidParse p = parseEdid(block);
    ASSERT_TRUE(p.edid) << p.error;
    EXPECT_EQ(p.edid->version, 1);
    EXPECT_EQ(p.edid->revision, 4);
    EXPECT_EQ(p.edid->manufacturer, "DEL");
    EXPECT_EQ(p.edid->productCode, 0xA0A3);
    EXPECT_EQ(p.edid->serialNumber, 0x4C4B4D31u);
    EXPECT_EQ(p.edid->week, 40);
    EXPECT_EQ(p.edid->year, 2019);
    EXPECT_EQ(p.edid->name, "DELL P2419H");
    EXPECT_EQ(p.edid->serial, "7MT0195K1ABL");
    EXPECT_EQ(p.edid->text, "Office 3");
}

TEST(Edid, TrimsTheLineFeedAndThePaddingOfAName) {
    // Padded with spaces after the line feed, and a leading space some makers put in.
    std::string name{'\0', '\0', '\0', '\xfc', '\0', ' ', 'S', 'y', 'n', 'c', 'M', 'a', 's', 't', 'e', 'r', ' ', '\n'};
    ASSERT_EQ(name.size(), 18u);
    std::string full13{'\0', '\0', '\0', '\xfe', '\0'};
    full13 += "LP140WF6-SPB1"; // 13 characters fill it: no line feed at all
    const auto p = parseEdid(edidBlock("LGD", 0x05B6, 0, 10, 2018, {name, full13}));
    ASSERT_TRUE(p.edid) << p.error;
    EXPECT_EQ(p.edid->name, "SyncMaster");
    EXPECT_EQ(p.edid->text, "LP140WF6-SPB1");
    EXPECT_EQ(p.edid->serial, "");
    EXPECT_EQ(p.edid->serialNumber, 0u);
}

TEST(Edid, AllowsExtensionBlocksAndIgnoresThem) {
    std::string block = edidBlock("SAM", 0x0F9B, 0, 12, 2020, {textDescriptor(0xFC, "S24F350")});
    block += std::string(128, '\x7f'); // an extension whose content (and checksum) are not ours to judge
    const auto p = parseEdid(block);
    ASSERT_TRUE(p.edid) << p.error;
    EXPECT_EQ(p.edid->name, "S24F350");
    EXPECT_EQ(p.edid->manufacturer, "SAM");
}

TEST(Edid, RejectsABadChecksum) {
    std::string block = edidBlock("DEL", 0xA0A4, 0, 1, 2021, {textDescriptor(0xFC, "DELL P2422H")});
    block[0x40] = static_cast<char>(block[0x40] ^ 0x04);
    const auto p = parseEdid(block);
    EXPECT_FALSE(p.edid);
    EXPECT_EQ(p.error, "has a bad checksum: its 128 bytes sum to 252 modulo 256, not 0");
}

TEST(Edid, RejectsATruncatedBlock) {
    const std::string block = edidBlock("DEL", 0xA0A4, 0, 1, 2021, {});
    const auto p = parseEdid(std::string_view(block).substr(0, 100));
    EXPECT_FALSE(p.edid);
    EXPECT_EQ(p.error, "is truncated: 100 bytes, a base block has 128");
}

TEST(Edid, RejectsAnEmptyBlockAndABlockOfZeros) {
    EXPECT_EQ(parseEdid("").error, "is empty");
    EXPECT_FALSE(parseEdid("").edid);
    // Zeros sum to 0, so the checksum alone would let them through: the header does not.
    const auto zeros = parseEdid(std::string(128, '\0'));
    EXPECT_FALSE(zeros.edid);
    EXPECT_EQ(zeros.error, "has no EDID header");
}

TEST(Edid, RejectsAnotherVersionAndLeavesAnImpossibleManufacturerEmpty) {
    std::string block = edidBlock("DEL", 1, 0, 1, 2021, {});
    block[8] = '\0'; // letters 0 are not letters
    block[9] = '\0';
    block[18] = '\x02';
    block[127] = '\0';
    unsigned sum = 0;
    for (const char c : block)
        sum += static_cast<unsigned char>(c);
    block[127] = static_cast<char>((256 - sum % 256) % 256);
    EXPECT_EQ(parseEdid(block).error, "is EDID version 2, not 1");
    block[18] = '\x01';
    block[127] = static_cast<char>(block[127] + 1);
    const auto p = parseEdid(block);
    ASSERT_TRUE(p.edid) << p.error;
    EXPECT_EQ(p.edid->manufacturer, "");
}

TEST(Base64, EncodesTheTestVectorsOfRfc4648) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64(std::string("\x00\xff\xfe", 3)), "AP/+");
}

// [SECTION] Monitors on the fixture machines

TEST(MonitorCollector, LaptopHasItsPanelAndNotTheUnpluggedHdmi) {
    const Inventory inv = monitorsOf("laptop");
    EXPECT_TRUE(inv.errors.empty());
    ASSERT_EQ(inv.monitors.size(), 1u);
    Monitor panel;
    panel.connector = "eDP-1";
    panel.manufacturer = "LGD";
    panel.model = "LP140WF6-SPB1";
    panel.serial = "";
    panel.year = 2018;
    panel.edidBase64 =
        "AP///////wAw5LYFAAAAAAocAQSlNR54Ou6Ro1RMmSYPUFQAAAABAQEBAQEBAQEBAQEBAQEBAjqAGHE4LUBYLEUADyghAAAeAAAA/"
        "ABMUDE0MFdGNi1TUEIxAAAA/gBMRyBEaXNwbGF5CiAgAAAAEAAAAAAAAAAAAAAAAAAAANE=";
    EXPECT_EQ(inv.monitors[0], panel);
}

TEST(MonitorCollector, DesktopHasTwoMonitorsAndRejectsTheCorruptedEdid) {
    const Inventory inv = monitorsOf("desktop");
    ASSERT_EQ(inv.monitors.size(), 2u);
    const Monitor& dell = inv.monitors[0];
    EXPECT_EQ(dell.connector, "DP-1");
    EXPECT_EQ(dell.manufacturer, "DEL");
    EXPECT_EQ(dell.model, "DELL P2419H");
    EXPECT_EQ(dell.serial, "7MT0195K1ABL") << "the serial descriptor wins over the numeric serial";
    EXPECT_EQ(dell.year, 2019);
    EXPECT_EQ(dell.edidBase64,
              base64(dps::test::readFile(kInventoryFixtures / "desktop/sys/class/drm/card0-DP-1/edid")));
    EXPECT_EQ(dell.edidBase64.size(), 172u);
    const Monitor& samsung = inv.monitors[1];
    EXPECT_EQ(samsung.connector, "HDMI-A-1");
    EXPECT_EQ(samsung.manufacturer, "SAM");
    EXPECT_EQ(samsung.model, "S24F350");
    EXPECT_EQ(samsung.serial, "H4ZM900123");
    EXPECT_EQ(samsung.year, 2020);
    EXPECT_EQ(samsung.edidBase64.size(), 344u) << "the whole EDID, its CEA extension included";
    ASSERT_EQ(inv.errors.size(), 1u);
    EXPECT_EQ(inv.errors[0], (CollectorError{"edid", "/sys/class/drm/card0-DP-2/edid",
                                             "has a bad checksum: its 128 bytes sum to 252 modulo 256, not 0"}));
}

TEST(MonitorCollector, ChromebookPanelWithoutANameIsItsProductCode) {
    const Inventory inv = monitorsOf("chromebook");
    EXPECT_TRUE(inv.errors.empty());
    ASSERT_EQ(inv.monitors.size(), 1u);
    EXPECT_EQ(inv.monitors[0].connector, "eDP-1");
    EXPECT_EQ(inv.monitors[0].manufacturer, "BOE");
    EXPECT_EQ(inv.monitors[0].model, "0771");
    EXPECT_EQ(inv.monitors[0].serial, "12345") << "no serial descriptor: the numeric serial";
    EXPECT_EQ(inv.monitors[0].year, 2021);
}

TEST(MonitorCollector, MissingOrGarbledFilesAreErrorsNotMonitors) {
    dps::test::TempDir dir;
    const auto drm = dir / "sys/class/drm";
    for (const char* c : {"card0-DP-1", "card0-DP-2", "card0-DP-3", "card0-DP-4", "card0-DP-5"})
        std::filesystem::create_directories(drm / c);
    dps::test::writeFile(drm / "card0-DP-1/status", "connected\n"); // no edid file at all
    dps::test::writeFile(drm / "card0-DP-2/status", "connected\n");
    dps::test::writeFile(drm / "card0-DP-2/edid", ""); // the display gave none
    dps::test::writeFile(drm / "card0-DP-3/status", "connected\n");
    dps::test::writeFile(drm / "card0-DP-3/edid", "garbage");
    dps::test::writeFile(drm / "card0-DP-4/edid", edidBlock("DEL", 1, 0, 1, 2021, {})); // no status
    dps::test::writeFile(drm / "card0-DP-5/status", "connected\n");
    dps::test::writeFile(drm / "card0-DP-5/edid", edidBlock("AOC", 0x2402, 7, 1, 2022, {}));
    Inventory inv;
    collectMonitors(SysRoot(dir.path()), inv);
    ASSERT_EQ(inv.monitors.size(), 1u);
    EXPECT_EQ(inv.monitors[0].connector, "DP-5");
    EXPECT_EQ(inv.monitors[0].model, "2402");
    EXPECT_EQ(inv.monitors[0].serial, "7");
    ASSERT_EQ(inv.errors.size(), 4u);
    EXPECT_EQ(inv.errors[0], (CollectorError{"edid", "/sys/class/drm/card0-DP-1/edid", "cannot be read"}));
    EXPECT_EQ(inv.errors[1], (CollectorError{"edid", "/sys/class/drm/card0-DP-2/edid", "is empty"}));
    EXPECT_EQ(inv.errors[2], (CollectorError{"edid", "/sys/class/drm/card0-DP-3/edid",
                                             "is truncated: 7 bytes, a base block has 128"}));
    EXPECT_EQ(inv.errors[3], (CollectorError{"edid", "/sys/class/drm/card0-DP-4/status", "cannot be read"}));
}

// [SECTION] USB on the fixture machines

TEST(UsbCollector, Laptop) {
    const Inventory inv = usbOf("laptop");
    EXPECT_TRUE(inv.errors.empty());
    const std::vector<UsbDevice> expected{
        usb("076b", "3031", "OMNIKEY", "Smart Card Reader USB", "", 0x0B, 0, "smartcard_reader"),
        usb("046d", "c077", "Logitech", "USB Optical Mouse", "", 0x03, 1, "mouse"),
        usb("04f2", "b604", "Chicony Electronics Co.,Ltd.", "Integrated Camera", "0001", 0x0E, 1, "builtin_camera"),
        rootHub(),
    };
    EXPECT_EQ(inv.usb, expected);
}

TEST(UsbCollector, Desktop) {
    const Inventory inv = usbOf("desktop");
    EXPECT_TRUE(inv.errors.empty());
    const std::vector<UsbDevice> expected{
        usb("413c", "2113", "Dell", "Dell KB216 Wired Keyboard", "", 0x03, 1, "keyboard"),
        usb("413c", "301a", "PixArt", "Dell MS116 USB Optical Mouse", "", 0x03, 1, "mouse"),
        usb("03f0", "002a", "HP", "HP LaserJet P1102", "000000000QH8H8RNPR1a", 0x07, 1, "printer"),
        usb("1c71", "c006", "HumanWare", "Brailliant BI 40X", "BI40X0042", 0x03, 0, "braille"),
        usb("08e6", "3437", "Gemplus", "USB SmartCard Reader", "", 0x0B, 0, "smartcard_reader"),
        rootHub(),
    };
    EXPECT_EQ(inv.usb, expected);
}

TEST(UsbCollector, Chromebook) {
    const Inventory inv = usbOf("chromebook");
    EXPECT_TRUE(inv.errors.empty());
    const std::vector<UsbDevice> expected{
        usb("04e6", "5116", "SCM Microsystems Inc.", "SCR33x USB Smart Card Reader", "21120844306172", 0x0B, 0,
            "smartcard_reader"),
        usb("0408", "5192", "Quanta", "HD User Facing", "", 0x0E, 1, "builtin_camera"),
        rootHub(),
    };
    EXPECT_EQ(inv.usb, expected);
}

TEST(UsbCollector, MissingOrGarbledFilesAreAbsentFieldsAndErrors) {
    dps::test::TempDir dir;
    const auto devices = dir / "sys/bus/usb/devices";
    for (const char* d : {"1-1", "1-1:1.1", "1-1:1.0", "2-1", "3-1", "4-1", "4-1:1.0"})
        std::filesystem::create_directories(devices / d);
    // 1-1: upper-case ids are written lower case; a keyboard with a card reader is a card reader;
    // GLPI's class is interface 0's, not 1's.
    dps::test::writeFile(devices / "1-1/idVendor", "0C27\n");
    dps::test::writeFile(devices / "1-1/idProduct", "3BFA\n");
    dps::test::writeFile(devices / "1-1/bDeviceClass", "00\n");
    dps::test::writeFile(devices / "1-1/bDeviceSubClass", "00\n");
    dps::test::writeFile(devices / "1-1/bDeviceProtocol", "00\n");
    dps::test::writeFile(devices / "1-1:1.0/bInterfaceClass", "03\n");
    dps::test::writeFile(devices / "1-1:1.0/bInterfaceSubClass", "01\n");
    dps::test::writeFile(devices / "1-1:1.0/bInterfaceProtocol", "01\n");
    dps::test::writeFile(devices / "1-1:1.1/bInterfaceClass", "0b\n");
    // 2-1: a garbled product id, no class files: it cannot be told from a visitor's, so it is left
    // out, and said so without its name.
    dps::test::writeFile(devices / "2-1/idVendor", "076b\n");
    dps::test::writeFile(devices / "2-1/idProduct", "zz\n");
    dps::test::writeFile(devices / "2-1/product", "OMNIKEY 3121\n");
    // 3-1: a class that says "interfaces", but no interface (not configured yet): nothing says what
    // it is, so it is not sent.
    dps::test::writeFile(devices / "3-1/idVendor", "1234\n");
    dps::test::writeFile(devices / "3-1/idProduct", "123456\n");
    dps::test::writeFile(devices / "3-1/bDeviceClass", "00\n");
    // 4-1: a printer with a garbled subclass: sent, with the error.
    dps::test::writeFile(devices / "4-1/idVendor", "03f0\n");
    dps::test::writeFile(devices / "4-1/idProduct", "002a\n");
    dps::test::writeFile(devices / "4-1/bDeviceClass", "00\n");
    dps::test::writeFile(devices / "4-1:1.0/bInterfaceClass", "07\n");
    dps::test::writeFile(devices / "4-1:1.0/bInterfaceSubClass", "1\n1\n");
    Inventory inv;
    collectUsb(SysRoot(dir.path()), inv);
    ASSERT_EQ(inv.usb.size(), 2u);
    EXPECT_EQ(inv.usb[0], usb("0c27", "3bfa", "", "", "", 0x03, 1, "smartcard_reader"));
    EXPECT_EQ(inv.usb[1], usb("03f0", "002a", "", "", "", 0x07, 0, "printer"));
    const std::vector<CollectorError> errors{
        {"usb", "/sys/bus/usb/devices/1-1:1.1/bInterfaceSubClass", "cannot be read"},
        {"usb", "/sys/bus/usb/devices/1-1:1.1/bInterfaceProtocol", "cannot be read"},
        {"usb", "/sys/bus/usb/devices/2-1/bDeviceClass", "cannot be read: the device is left out"},
        {"usb", "/sys/bus/usb/devices/4-1/bDeviceSubClass", "cannot be read"},
        {"usb", "/sys/bus/usb/devices/4-1/bDeviceProtocol", "cannot be read"},
        {"usb", "/sys/bus/usb/devices/4-1:1.0/bInterfaceSubClass", "is not a hexadecimal number: '1\n1'"},
        {"usb", "/sys/bus/usb/devices/4-1:1.0/bInterfaceProtocol", "cannot be read"},
    };
    EXPECT_EQ(inv.errors, errors);
}

// [SECTION] This machine

TEST(ThisMachine, DisplaysAndUsbAreReadWithoutACrash) {
    Inventory inv;
    const SysRoot root;
    collectMonitors(root, inv);
    collectUsb(root, inv);
    for (const auto& m : inv.monitors) {
        EXPECT_FALSE(m.connector.empty());
        EXPECT_FALSE(m.edidBase64.empty());
    }
    const auto fourHex = [](const std::string& s) {
        return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
                   return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
               });
    };
    for (const auto& d : inv.usb) {
        EXPECT_TRUE(fourHex(d.vendorId)) << d.vendorId;
        EXPECT_TRUE(fourHex(d.productId)) << d.productId;
        EXPECT_FALSE(d.kind.empty());
    }
    std::cout << "[ this machine ] " << inv.monitors.size() << " monitor(s), " << inv.usb.size() << " USB device(s), "
              << inv.errors.size() << " error(s)\n";
}
