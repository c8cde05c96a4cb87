// Issue 16: visitors' devices never reach the Region. The USB rule (dps/core/UsbEquipment.h)
// on the class codes real devices show, the HID report descriptors it reads, and the whole
// collection on the fixture machines with the visitors' devices of tests/fixtures/inventory/visitors
// plugged in (phones sharing their connection and USB network dongles included): the document is
// the one without them, and none of their names, serials, addresses or volume labels is anywhere
// in it.
#include "InventoryFixtures.h"
#include "TempDir.h"
#include "agent/core/inventory/HidReport.h"
#include "agent/inventory/CollectInventory.h"
#include "agent/inventory/GlpiDocument.h"
#include "dps/core/UsbEquipment.h"
#include "dps/protocol/InventoryUsb.h"

#include <gtest/gtest.h>

#include <fstream>

using dps::HidUsage;
using dps::usbEquipmentKind;
using dps::UsbFacts;
using dps::UsbKind;
using dps::UsbPort;
using dps::agent::inventory::collectInventory;
using dps::agent::inventory::hidApplications;
using dps::agent::inventory::inventoryMessage;
using dps::agent::inventory::InventorySources;
using dps::test::kInventoryFixtures;
namespace fs = std::filesystem;

namespace {

std::string hexBytes(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

// HID 1.11, Appendix E.6: the boot keyboard's report descriptor.
const std::string kBootKeyboard =
    hexBytes("05010906a101050719e029e71500250175019508810295017508810195057501050819012905"
             "910295017503910195067508150025650507190029658100c0");
// FIDO U2F HID Protocol, 4.1: a U2F/CTAPHID authenticator (usage page 0xF1D0, usage 1).
const std::string kFido = hexBytes("06d0f10901a1010920150026ff007508954081020921150026ff00750895409102c0");
// HID Usage Tables 1.4, 16 (Digitizers): a touch screen (0x0D/0x04) whose finger (0x22) is a
// logical collection inside it, with X and Y from Generic Desktop.
const std::string kTouchScreen = hexBytes("050d0904a1010922a10209421500250175019501810205010930093126ff0f75109502"
                                          "8102c0c0");
// HID Usage Tables 1.4, 36 (Braille Display page 0x41): a Braille Display (0x01) application with
// 40 bytes of 8-dot Braille cells (0x02) as its output.
const std::string kBrailleDisplay = hexBytes("05410901a101090215"
                                             "0025ff750895289102c0");

std::vector<HidUsage> apps(const std::string& descriptor) {
    const auto read = hidApplications(descriptor);
    EXPECT_EQ(read.error, "");
    return read.applications;
}

UsbFacts device(std::uint16_t vendor, std::uint16_t product, std::vector<dps::UsbInterfaceClass> interfaces,
                UsbPort port = UsbPort::Removable, int usbClass = 0, int subclass = 0, int protocol = 0) {
    UsbFacts f;
    f.vendor = vendor;
    f.product = product;
    f.usbClass = usbClass;
    f.subclass = subclass;
    f.protocol = protocol;
    f.interfaces = std::move(interfaces);
    f.port = port;
    return f;
}

} // namespace

// [SECTION] The rule, on the classes real devices show (the fixtures' README says where from)

TEST(UsbEquipmentRule, VisitorsDevicesAreNeverEquipment) {
    EXPECT_EQ(usbEquipmentKind(device(0x0781, 0x5567, {{0x08, 0x06, 0x50, {}}})), std::nullopt) << "a USB stick";
    EXPECT_EQ(usbEquipmentKind(device(0x04e8, 0x6860, {{0x06, 0x01, 0x01, {}}})), std::nullopt) << "Samsung, MTP";
    EXPECT_EQ(usbEquipmentKind(device(0x04e8, 0x6860, {{0x06, 1, 1, {}}, {0x02, 0x02, 0x01, {}}, {0x0A, 0, 0, {}}})),
              std::nullopt)
        << "Samsung's second configuration, MTP and an AT modem";
    EXPECT_EQ(usbEquipmentKind(device(0x18d1, 0x4ee1, {{0x06, 0x01, 0x01, {}}})), std::nullopt)
        << "a Pixel charging only: MTP with its data locked";
    EXPECT_EQ(usbEquipmentKind(device(0x18d1, 0x4ee7, {{0xFF, 0x42, 0x01, {}}})), std::nullopt)
        << "a Pixel charging only, USB debugging on: ADB";
    EXPECT_EQ(usbEquipmentKind(device(0x18d1, 0x4ee3, {{0xE0, 0x01, 0x03, {}}, {0x0A, 0, 0, {}}})), std::nullopt)
        << "Android tethering over RNDIS";
    EXPECT_EQ(usbEquipmentKind(device(0x05ac, 0x12a8, {{0x06, 0x01, 0x01, {}}})), std::nullopt)
        << "an iPhone in its first configuration (PTP)";
    EXPECT_EQ(usbEquipmentKind(device(0x05ac, 0x12a8, {{0x06, 1, 1, {}}, {0xFF, 0xFE, 0x02, {}}, {0xFF, 0xFD, 1, {}}})),
              std::nullopt)
        << "an iPhone as usbmuxd sets it: PTP, usbmux, tethering";
    EXPECT_EQ(usbEquipmentKind(device(0x18d1, 0x4ee2, {{0x03, 0x01, 0x01, {}}, {0xFF, 0x42, 0x01, {}}})), std::nullopt)
        << "a phone that also offers a keyboard is a phone";
    EXPECT_EQ(usbEquipmentKind(device(0x046d, 0x082d, {{0x0E, 1, 0, {}}, {0x0E, 2, 0, {}}, {0x01, 1, 0, {}}},
                                      UsbPort::Removable, 0xEF, 2, 1)),
              std::nullopt)
        << "a webcam on a front port";
    EXPECT_EQ(
        usbEquipmentKind(device(0x046d, 0x082d, {{0x0E, 1, 0, {}}, {0x0E, 2, 0, {}}}, UsbPort::Unknown, 0xEF, 2, 1)),
        std::nullopt)
        << "nothing says the camera is built in";
    EXPECT_EQ(usbEquipmentKind(device(0x0b0e, 0x0305, {{0x01, 1, 0, {}}, {0x01, 2, 0, {}}, {0x03, 0, 0, {}}})),
              std::nullopt)
        << "a headset: audio and its buttons";
    EXPECT_EQ(usbEquipmentKind(device(0x8087, 0x0026, {{0xE0, 1, 1, {}}}, UsbPort::Fixed, 0xE0, 1, 1)), std::nullopt)
        << "a Bluetooth adapter, even a built-in one";
    EXPECT_EQ(usbEquipmentKind(device(0x0403, 0x6001, {{0xFF, 0xFF, 0xFF, {}}})), std::nullopt)
        << "a plain FTDI serial cable: BRLTTY's generic ids are no Braille display";
    EXPECT_EQ(usbEquipmentKind(
                  device(0x1d6b, 0x0104, {{0x02, 0x02, 0x01, {}}, {0x0A, 0, 0, {}}}, UsbPort::Removable, 0xEF, 2, 1)),
              std::nullopt)
        << "a board plugged in as a Linux USB gadget";
    EXPECT_EQ(usbEquipmentKind(device(0x18d1, 0x4eeb, {{0x02, 0x0D, 0x00, {}}, {0x0A, 0x00, 0x01, {}}})), std::nullopt)
        << "a Tensor Pixel sharing its connection over CDC NCM";
    EXPECT_EQ(usbEquipmentKind(device(0x04e8, 0x6864, {{0xE0, 1, 3, {}}, {0x0A, 0, 0, {}}, {0xFF, 0x42, 1, {}}},
                                      UsbPort::Removable, 0xE0)),
              std::nullopt)
        << "a Samsung sharing its connection over RNDIS, with ADB";
    EXPECT_EQ(usbEquipmentKind(device(0x0bda, 0x8153, {{0xFF, 0xFF, 0x00, {}}})), std::nullopt)
        << "a USB Ethernet adapter";
    EXPECT_EQ(usbEquipmentKind(device(0x0bda, 0x8153, {{0xFF, 0xFF, 0x00, {}}}, UsbPort::Fixed)), std::nullopt)
        << "the same chip inside a dock, behind the dock's hub";
    EXPECT_EQ(usbEquipmentKind(device(0x2357, 0x010c, {{0xFF, 0xFF, 0xFF, {}}})), std::nullopt) << "a Wi-Fi dongle";
    EXPECT_EQ(usbEquipmentKind(device(0x1234, 0x5678, {})), std::nullopt) << "not configured: nothing says";
    EXPECT_EQ(usbEquipmentKind(device(0x0079, 0x0006, {{0x03, 0x00, 0x00, {}}})), std::nullopt)
        << "HID that is neither a boot keyboard nor a mouse, its descriptor unread (a game pad)";
}

TEST(UsbEquipmentRule, TheTerminalsEquipment) {
    EXPECT_EQ(usbEquipmentKind(device(0x413c, 0x2113, {{0x03, 1, 1, {}}, {0x03, 0, 0, {}}})), UsbKind::Keyboard)
        << "a boot keyboard with its media keys";
    EXPECT_EQ(usbEquipmentKind(device(0x046d, 0xc077, {{0x03, 1, 2, {}}})), UsbKind::Mouse);
    EXPECT_EQ(usbEquipmentKind(device(0x076b, 0x3031, {{0x0B, 0, 0, {}}})), UsbKind::SmartCardReader);
    EXPECT_EQ(usbEquipmentKind(device(0x046a, 0x0070, {{0x03, 1, 1, {}}, {0x0B, 0, 0, {}}})), UsbKind::SmartCardReader)
        << "a keyboard with a card reader is counted as a reader";
    EXPECT_EQ(usbEquipmentKind(device(0x03f0, 0x002a, {{0x07, 1, 2, {}}})), UsbKind::Printer);
    EXPECT_EQ(usbEquipmentKind(device(0x05e3, 0x0610, {{0x09, 0, 0, {}}}, UsbPort::Removable, 0x09, 0, 1)),
              UsbKind::Hub);
    EXPECT_EQ(usbEquipmentKind(device(0x1d6b, 0x0003, {{0x09, 0, 0, {}}}, UsbPort::Unknown, 0x09, 0, 3)), UsbKind::Hub);
    EXPECT_EQ(
        usbEquipmentKind(device(0x04f2, 0xb604, {{0x0E, 1, 0, {}}, {0x0E, 2, 0, {}}}, UsbPort::Fixed, 0xEF, 2, 1)),
        UsbKind::BuiltInCamera);
    EXPECT_EQ(usbEquipmentKind(device(0x04f2, 0xb604, {{0x0E, 1, 0, {}}, {0x0E, 2, 0, {}}, {0x01, 1, 0, {}}},
                                      UsbPort::Fixed, 0xEF, 2, 1)),
              UsbKind::BuiltInCamera)
        << "with its microphone";
    EXPECT_EQ(usbEquipmentKind(device(0x0c45, 0x7603, {{0x03, 1, 1, {}}, {0xFE, 0x01, 0x02, {}}})), UsbKind::Keyboard)
        << "a keyboard whose firmware is updated over DFU";
    EXPECT_EQ(usbEquipmentKind(device(0x0eef, 0x0001, {{0x03, 0, 0, apps(kTouchScreen)}})), UsbKind::Touch)
        << "a touch screen is no boot device: its report descriptor says what it is";
    EXPECT_EQ(usbEquipmentKind(device(0x046d, 0xc52b, {{0x03, 1, 1, apps(kBootKeyboard)}, {0x03, 0, 0, {}}})),
              UsbKind::Keyboard);
}

TEST(UsbEquipmentRule, BrailleDisplaysByTheirIdsOrTheirHidPage) {
    EXPECT_EQ(usbEquipmentKind(device(0x1c71, 0xc006, {{0x03, 0, 0, {}}})), UsbKind::Braille)
        << "HumanWare Brailliant in HID mode";
    EXPECT_EQ(usbEquipmentKind(device(0x0f4e, 0x0114, {{0xFF, 0, 0, {}}})), UsbKind::Braille)
        << "Freedom Scientific Focus, vendor-specific";
    EXPECT_EQ(usbEquipmentKind(device(0x0904, 0x6102, {{0x02, 2, 1, {}}, {0x0A, 0, 0, {}}}, UsbPort::Removable, 0x02)),
              UsbKind::Braille)
        << "Baum VarioUltra as a serial port (CDC ACM)";
    EXPECT_EQ(usbEquipmentKind(device(0x0403, 0xfe72, {{0xFF, 0xFF, 0xFF, {}}})), UsbKind::Braille)
        << "Baum SuperVario on FTDI's vendor id";
    EXPECT_EQ(usbEquipmentKind(device(0x045e, 0x930b, {{0xFF, 0, 0, {}}})), UsbKind::Braille)
        << "HIMS Braille Edge on Microsoft's vendor id";
    EXPECT_EQ(usbEquipmentKind(device(0x045e, 0x0750, {{0x03, 1, 1, {}}})), UsbKind::Keyboard)
        << "Microsoft's own keyboard is no Braille display";
    EXPECT_EQ(usbEquipmentKind(device(0x1234, 0x0001, {{0x03, 0, 0, apps(kBrailleDisplay)}})), UsbKind::Braille)
        << "a display unknown to BRLTTY that says Braille in HID";
    EXPECT_EQ(usbEquipmentKind(device(0x1c71, 0xc00a, {{0x03, 0, 0, {}}, {0x06, 1, 1, {}}})), std::nullopt)
        << "a Braille note-taker that shows its files is its owner's computer";
    EXPECT_TRUE(dps::isBrailleDisplay(0xc251, 0x1130));
    EXPECT_FALSE(dps::isBrailleDisplay(0x10c4, 0xea60)) << "Silicon Labs' generic bridge";
}

TEST(UsbEquipmentRule, ASecurityKeyIsItsOwners) {
    // A YubiKey: a boot keyboard (one-time passwords), a FIDO authenticator and a CCID card. By
    // classes it is a keyboard with a card reader; its FIDO collection says whose it is.
    const auto yubikey = [](bool descriptorsRead) {
        return device(0x1050, 0x0407,
                      {{0x03, 1, 1, descriptorsRead ? apps(kBootKeyboard) : std::vector<HidUsage>{}},
                       {0x03, 0, 0, descriptorsRead ? apps(kFido) : std::vector<HidUsage>{}},
                       {0x0B, 0, 0, {}}});
    };
    EXPECT_EQ(usbEquipmentKind(yubikey(true)), std::nullopt);
    // The limit of the rule (docs/inventory.md): without its report descriptors (usbhid not
    // bound), classes alone cannot tell.
    EXPECT_EQ(usbEquipmentKind(yubikey(false)), UsbKind::SmartCardReader);
}

TEST(UsbEquipmentRule, OnlyTheKindsOfEquipmentHaveAWord) {
    for (const UsbKind k : {UsbKind::Hub, UsbKind::Keyboard, UsbKind::Mouse, UsbKind::Touch, UsbKind::SmartCardReader,
                            UsbKind::Printer, UsbKind::Braille, UsbKind::BuiltInCamera})
        EXPECT_EQ(dps::usbKindNamed(dps::usbKindName(k)), k);
    // What agents before the rule wrote for anything else.
    for (const char* old : {"storage", "scanner", "webcam", "other", ""})
        EXPECT_EQ(dps::usbKindNamed(old), std::nullopt) << old;
}

// [SECTION] HID report descriptors

TEST(HidReport, TheApplicationCollectionsOfTheSpecsExamples) {
    EXPECT_EQ(apps(kBootKeyboard), (std::vector<HidUsage>{{0x01, 0x06}}));
    EXPECT_EQ(apps(kFido), (std::vector<HidUsage>{{0xF1D0, 0x01}}));
    EXPECT_EQ(apps(kTouchScreen), (std::vector<HidUsage>{{0x0D, 0x04}})) << "the finger's collection is not one";
    EXPECT_EQ(apps(kBrailleDisplay), (std::vector<HidUsage>{{0x41, 0x01}}));
    // Two applications (a keyboard and its consumer keys), a 32-bit usage naming its own page, a
    // page saved by Push and restored by Pop, and a long item skipped.
    const std::string two = hexBytes("05010906a101c0"       // Keyboard
                                     "050c0b06000100a101c0" // page 0x0C, usage 0x00010006: a keyboard
                                     "a40501b40901a101c0"   // Push, page 1, Pop: 0x0C's Consumer Control
                                     "fe0201abcd");         // a long item: tag 01, two bytes of data
    EXPECT_EQ(apps(two), (std::vector<HidUsage>{{0x01, 0x06}, {0x01, 0x06}, {0x0C, 0x01}}));
}

TEST(HidReport, ABrokenDescriptorSaysWhereAndIsNotBelieved) {
    const auto error = [](const std::string& d) { return hidApplications(d).error; };
    EXPECT_EQ(error(hexBytes("05010906a10195")), "ends inside an item at byte 6");
    EXPECT_EQ(error(hexBytes("05010906a101")), "leaves 1 collection(s) open");
    EXPECT_EQ(error(hexBytes("c0")), "ends a collection it never began");
    EXPECT_EQ(error(hexBytes("b4")), "pops a state it never pushed");
    EXPECT_EQ(error(hexBytes("fe05")), "ends inside a long item");
    EXPECT_EQ(error(hexBytes("fe0501abcd")), "ends inside a long item");
    std::string deep;
    for (int i = 0; i < 33; ++i)
        deep += hexBytes("a102");
    EXPECT_EQ(error(deep), "nests collections deeper than 32");
    std::string many;
    for (int i = 0; i < 65; ++i)
        many += hexBytes("0906a101c0");
    EXPECT_EQ(error(many), "has more than 64 application collections");
    EXPECT_EQ(error(std::string(4097, '\0')), "is longer than 4096 bytes");
    EXPECT_EQ(error(std::string(4096, '\0')), "") << "4096 bytes of empty (reserved) main items are read through";
    EXPECT_EQ(error(""), "");
}

// [SECTION] The fixture machines with visitors' devices plugged in

namespace {

const std::vector<std::string> kVisitors{
    "usb-stick",       "samsung-mtp",  "pixel-charge-only", "pixel-charge-only-adb", "iphone",
    "external-webcam", "security-key", "pixel-tethering",   "samsung-tethering",     "usb-ethernet-adapter",
    "usb-wifi-dongle"};
// Every name, serial and volume label of the visitors' devices (make-visitors.py).
// (Their ids are left to the equality of the documents: four hex digits may be in an EDID's base64.)
const std::vector<std::string> kVisitorsWords{
    "Cruzer", "SanDisk", "4C530001170923105118", "MARIE", "/media/kiosk", "SAMSUNG_Android", "RF8N31QZKLM", "Pixel 3a",
    "93KAX0C47Q", "iPhone", "3f2a9c0d17e54b68", "HD Pro Webcam", "A1B2C3D4", "YubiKey", "Yubico",
    // The network interfaces of the phones sharing their
    // connection and of the dongles: names and addresses.
    "Pixel 6a", "28011JEGR09317", "0915F9C3D8A52C04", "enx3a5f2c8e1d47", "3a:5f:2c:8e:1d:47", "usb0",
    "d2:c4:7e:19:a3:5b", "enx00e04c680a1b", "00:e0:4c:68:0a:1b", "USB 10/100/1000 LAN", "wlx503eaa1b2c3d",
    "50:3e:aa:1b:2c:3d", "802.11n NIC"};

// The machine's tree with the visitors' devices laid over it, as the kernel would show them.
struct Crowded {
    dps::test::TempDir dir;
    Crowded(const std::string& machine, const std::vector<std::string>& visitors) {
        fs::copy(kInventoryFixtures / machine, dir.path(),
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks);
        for (const auto& v : visitors) {
            const fs::path from = kInventoryFixtures / "visitors" / v;
            fs::copy(from / "sys", dir / "sys",
                     fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::skip_existing);
            if (fs::exists(from / "mounts")) {
                std::ofstream(dir / "proc/mounts", std::ios::app) << dps::test::readFile(from / "mounts");
            }
        }
    }
};

// The whole message, drive sizes aside (statvfs of this machine, not the tree's).
nlohmann::json documentOf(const fs::path& root) {
    InventorySources sources;
    sources.root = root;
    auto doc = inventoryMessage(collectInventory(sources), {"kiosk-01-2026-12-01-10-00-00", "0.1.0", {}});
    for (auto& drive : doc["glpi"]["content"]["drives"]) {
        drive.erase("total");
        drive.erase("free");
    }
    return doc;
}

} // namespace

TEST(VisitorsDevices, EachOnEveryMachineLeavesTheDocumentAsItWas) {
    for (const char* machine : {"laptop", "desktop", "chromebook"}) {
        const auto alone = documentOf(kInventoryFixtures / machine);
        for (const auto& v : kVisitors) {
            Crowded tree(machine, {v});
            ASSERT_TRUE(fs::exists(tree.dir / "sys/bus/usb/devices")) << v;
            EXPECT_EQ(documentOf(tree.dir.path()), alone) << v << " on the " << machine;
        }
    }
}

TEST(VisitorsDevices, AllAtOnceAndNothingOfThemIsInTheDocument) {
    for (const char* machine : {"laptop", "desktop", "chromebook"}) {
        Crowded tree(machine, kVisitors);
        // They are there to be seen: the USB bus has every one of them, and the stick its disk.
        for (const char* port : {"1-7", "1-8", "1-9", "1-10", "1-11", "1-12", "1-13", "1-14", "1-15", "1-16", "2-3"})
            ASSERT_TRUE(fs::exists(tree.dir / "sys/bus/usb/devices" / port / "idVendor")) << port;
        ASSERT_TRUE(fs::exists(tree.dir / "sys/block/sdc/device/model"));
        for (const char* net : {"enx3a5f2c8e1d47", "usb0", "enx00e04c680a1b", "wlx503eaa1b2c3d"})
            ASSERT_TRUE(fs::exists(tree.dir / "sys/class/net" / net / "address")) << net;
        const auto doc = documentOf(tree.dir.path());
        EXPECT_EQ(doc, documentOf(kInventoryFixtures / machine)) << machine;
        const std::string text = doc.dump();
        for (const auto& word : kVisitorsWords)
            EXPECT_EQ(text.find(word), std::string::npos) << "'" << word << "' is in the " << machine << "'s document";
    }
}

TEST(VisitorsDevices, TheStickWouldBeSeenWithoutTheRule) {
    // The tests above could pass on a tree the collectors do not read: the same stick as a plain
    // disk (not on USB, not removable) is collected, and its mount point with it.
    Crowded tree("desktop", {"usb-stick"});
    fs::remove(tree.dir / "sys/block/sdc");
    fs::create_directories(tree.dir / "sys/block/sdc/device");
    fs::create_directories(tree.dir / "sys/block/sdc/queue");
    dps::test::writeFile(tree.dir / "sys/block/sdc/device/model", "Cruzer Blade    \n");
    dps::test::writeFile(tree.dir / "sys/block/sdc/removable", "0\n");
    dps::test::writeFile(tree.dir / "sys/block/sdc/size", "30031872\n");
    dps::test::writeFile(tree.dir / "sys/block/sdc/queue/rotational", "1\n");
    const std::string text = documentOf(tree.dir.path()).dump();
    EXPECT_NE(text.find("Cruzer Blade"), std::string::npos);
    EXPECT_NE(text.find("MARIE DUPONT"), std::string::npos);
}

TEST(VisitorsDevices, TheTetheredPhoneWouldBeSeenOffUsb) {
    // The same: the phone's network interface as a folder of its own, not on USB, is collected
    // with its address; what leaves it out is where it sits.
    Crowded tree("laptop", {"pixel-tethering"});
    const fs::path net = tree.dir / "sys/class/net/enx3a5f2c8e1d47";
    const fs::path real = fs::canonical(net);
    fs::remove(net);
    fs::create_directory(net);
    for (const char* attr : {"address", "type", "operstate"})
        fs::copy_file(real / attr, net / attr);
    const std::string text = documentOf(tree.dir.path()).dump();
    EXPECT_NE(text.find("3a:5f:2c:8e:1d:47"), std::string::npos);
}

TEST(VisitorsDevices, AnInterfaceStackedOnAVisitorsIsLeftOutToo) {
    // A bridge or VLAN over the phone's interface (net/core/dev.c links an upper device to its
    // lowers: lower_<name>) takes the phone's address; one over the machine's own Wi-Fi is kept.
    Crowded tree("laptop", {"pixel-tethering"});
    const auto bridge = [&](const std::string& name, const std::string& mac, const std::string& lowerLink,
                            const std::string& lowerTarget) {
        const fs::path dir = tree.dir / "sys/devices/virtual/net" / name;
        fs::create_directories(dir);
        dps::test::writeFile(dir / "type", "1\n");
        dps::test::writeFile(dir / "address", mac + "\n");
        dps::test::writeFile(dir / "operstate", "up\n");
        fs::create_directory_symlink(lowerTarget, dir / lowerLink);
        fs::create_directory_symlink("../../devices/virtual/net/" + name, tree.dir / "sys/class/net" / name);
    };
    bridge("br0", "3a:5f:2c:8e:1d:47", "lower_enx3a5f2c8e1d47",
           "../../../pci0000:00/0000:00:14.0/usb1/1-14/1-14:1.0/net/enx3a5f2c8e1d47");
    bridge("br1", "f8:e4:e3:aa:bb:01", "lower_wlp3s0", "../../../../class/net/wlp3s0");
    ASSERT_TRUE(fs::exists(tree.dir / "sys/class/net/br0/lower_enx3a5f2c8e1d47/address"));
    ASSERT_TRUE(fs::exists(tree.dir / "sys/class/net/br1/lower_wlp3s0/address"));
    const auto doc = documentOf(tree.dir.path());
    const std::string text = doc.dump();
    EXPECT_EQ(text.find("3a:5f:2c:8e:1d:47"), std::string::npos);
    EXPECT_EQ(text.find("br0"), std::string::npos);
    EXPECT_NE(text.find("f8:e4:e3:aa:bb:01"), std::string::npos) << "a bridge over the laptop's own Wi-Fi is kept";
}

// [SECTION] What dps-server keeps of an older agent's message

TEST(DropVisitorsDevices, TheSameRuleOnWhatAnOlderAgentWrote) {
    using nlohmann::json;
    json glpi = {{"content",
                  {{"usbdevices", json::array({{{"vendorid", "076b"}, {"productid", "3031"}, {"name", "OMNIKEY"}},
                                               {{"vendorid", "0781"}, {"productid", "5567"}, {"name", "Cruzer Blade"}},
                                               {{"vendorid", "05ac"}, {"productid", "12a8"}, {"name", "iPhone"}},
                                               {{"vendorid", "04f2"}, {"productid", "b604"}, {"name", "Camera"}}})},
                   {"storages", json::array({{{"name", "sda"}, {"type", "disk"}},
                                             {{"name", "mmcblk1"}, {"type", "removable"}, {"model", "SD64G"}}})},
                   {"drives", json::array({{{"type", "/"}, {"volumn", "/dev/sda2"}},
                                           {{"type", "/mnt/sd"}, {"volumn", "/dev/mmcblk1p1"}},
                                           {{"type", "/mnt/x"}, {"volumn", "/dev/mmcblk10p1"}}})}}}};
    json dps = {{"usb_kinds", json::array({{{"vendorid", "076b"}, {"productid", "3031"}, {"kind", "smartcard_reader"}},
                                           {{"vendorid", "0781"}, {"productid", "5567"}, {"kind", "storage"}},
                                           // out of step with usbdevices: no kind for the iPhone
                                           {{"vendorid", "04f2"}, {"productid", "b604"}, {"kind", "webcam"}}})},
                {"disk_types",
                 json::array({{{"name", "sda"}, {"type", "ssd"}}, {{"name", "mmcblk1"}, {"type", "removable"}}})}};
    const auto dropped = dps::protocol::dropVisitorsDevices(glpi, dps);
    EXPECT_EQ(dropped.usb, 3)
        << "the stick, the iPhone without its kind, and an older agent's webcam (built in or not)";
    EXPECT_EQ(dropped.disks, 1);
    EXPECT_EQ(dropped.filesystems, 1) << "mmcblk10p1 is another disk's";
    EXPECT_EQ(glpi["content"]["usbdevices"],
              json::array({{{"vendorid", "076b"}, {"productid", "3031"}, {"name", "OMNIKEY"}}}));
    EXPECT_EQ(dps["usb_kinds"],
              json::array({{{"vendorid", "076b"}, {"productid", "3031"}, {"kind", "smartcard_reader"}}}));
    EXPECT_EQ(glpi["content"]["storages"], json::array({{{"name", "sda"}, {"type", "disk"}}}));
    EXPECT_EQ(glpi["content"]["drives"].size(), 2u);
    EXPECT_EQ(dps["disk_types"], json::array({{{"name", "sda"}, {"type", "ssd"}}}));

    EXPECT_EQ(dropped.networks, 0);

    json none = json::object(), empty = json::object();
    EXPECT_EQ(dps::protocol::dropVisitorsDevices(none, empty).total(), 0) << "nothing to take out of nothing";
}

TEST(DropVisitorsDevices, NetworkInterfacesNamedAsOnUsb) {
    using dps::protocol::isUsbInterfaceName;
    // systemd.net-naming-scheme(7) and Debian 12's udev: a USB interface is named by its address
    // (73-usb-net-by-mac.link), or by its PCI path and USB port chain; usbnet's own name is usb%d.
    for (const char* usb : {"enx3a5f2c8e1d47", "enx00e04c680a1b", "wlx503eaa1b2c3d", "wwx028037ec0200", "usb0", "usb12",
                            "enp0s20f0u2", "enp0s20f0u2i1", "wwp0s29u1u4i6", "wlp0s20f0u3", "ens1u2", "enP1p0s20u1c2"})
        EXPECT_TRUE(isUsbInterfaceName(usb)) << usb;
    for (const char* kept : {"enp0s31f6",
                             "wlp3s0",
                             "eno1",
                             "ens1",
                             "eth0",
                             "wlan0",
                             "lo",
                             "enp2s0f1",
                             "wwan0",
                             "usb",
                             "usbnet",
                             "enx3a5f2c8e1d4",
                             "enx3a5f2c8e1d47a",
                             "enxg5f2c8e1d47",
                             "enX3a5f2c8e1d47",
                             "enp0s20fu2",
                             "enpu2",
                             "docker0",
                             "br0",
                             "",
                             "enp0s20f0u"})
        EXPECT_FALSE(isUsbInterfaceName(kept)) << kept;
}

TEST(DropVisitorsDevices, AnOlderAgentsUsbNetworkInterfacesGo) {
    using nlohmann::json;
    json glpi = {{"content",
                  {{"networks", json::array({{{"description", "lo"}, {"mac", "00:00:00:00:00:00"}},
                                             {{"description", "wlp0s20f3"}, {"mac", "a4:c3:f0:12:34:56"}},
                                             {{"description", "enx3a5f2c8e1d47"}, {"mac", "3a:5f:2c:8e:1d:47"}},
                                             {{"description", "usb0"}, {"mac", "d2:c4:7e:19:a3:5b"}},
                                             {{"description", "enp0s20f0u2"}, {"mac", "02:11:22:33:44:55"}},
                                             {{"mac", "00:11:22:33:44:55"}},
                                             "not an object"})}}}};
    json dps = json::object();
    const auto dropped = dps::protocol::dropVisitorsDevices(glpi, dps);
    EXPECT_EQ(dropped.networks, 3);
    EXPECT_EQ(dropped.total(), 3);
    EXPECT_EQ(glpi["content"]["networks"], json::array({{{"description", "lo"}, {"mac", "00:00:00:00:00:00"}},
                                                        {{"description", "wlp0s20f3"}, {"mac", "a4:c3:f0:12:34:56"}},
                                                        {{"mac", "00:11:22:33:44:55"}},
                                                        "not an object"}))
        << "what names no USB interface is not the rule's to judge";
}
