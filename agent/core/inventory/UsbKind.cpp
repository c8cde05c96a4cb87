#include "UsbKind.h"

#include <algorithm>
#include <array>
#include <utility>

namespace dps::agent::inventory {

namespace {

// USB-IF base class codes (usb.org, "Defined Class Codes").
constexpr int kAudioVideo = 0x10, kHid = 0x03, kPrinter = 0x07, kSmartCard = 0x0B, kStillImage = 0x06, kStorage = 0x08,
              kHub = 0x09, kVideo = 0x0E;
constexpr int kHidBootKeyboard = 1, kHidBootMouse = 2;
// The kernel's own root hubs are 1d6b:0001, 0002 and 0003 (USB 1.1, 2.0, 3.x); the same vendor id
// also names its gadget devices (1d6b:0104, a board plugged in as a USB device), which are no hubs.
constexpr std::uint16_t kLinuxFoundation = 0x1d6b, kLastRootHub = 0x0003;

// Braille displays declare no class of their own, so they are known by their ids. The idea and the
// ids come from BRLTTY's device tables (Drivers/Braille/*, collected in its usb_devices.c), which
// list every USB Braille display its drivers talk to. Only makers whose whole vendor id is used for
// Braille devices are matched by vendor; the displays that reuse another vendor's id (a chip
// maker's or Microsoft's) are matched by vendor and product. The generic USB-serial bridges those
// tables also list (FTDI 0403:6001, Silicon Labs 10c4:ea60) are left out: they are in every
// serial cable.
constexpr std::array<std::uint16_t, 6> kBrailleVendors{
    0x0798, // Optelec (ALVA, Voyager)
    0x0904, // Baum
    0x0f4e, // Freedom Scientific (Focus)
    0x1c71, // HumanWare (Brailliant, BrailleNote)
    0x1fe4, // Handy Tech
    0xc251, // EuroBraille (Esys, Esytime)
};
constexpr std::array<std::pair<std::uint16_t, std::uint16_t>, 17> kBrailleProducts{{
    {0x0403, 0xfe70},
    {0x0403, 0xfe71},
    {0x0403, 0xfe72},
    {0x0403, 0xfe73},
    {0x0403, 0xfe74}, // Baum on FTDI
    {0x0403, 0xfe75},
    {0x0403, 0xfe76},
    {0x0403, 0xfe77}, // Baum on FTDI
    {0x0403, 0xde58},
    {0x0403, 0xde59}, // Hedo on FTDI
    {0x0403, 0xf208}, // Papenmeier
    {0x045e, 0x930a},
    {0x045e, 0x930b}, // HIMS
    {0x0483, 0xa1d3}, // Orbit Reader 20
    {0x0921, 0x1200}, // Handy Tech (GoHubs)
    {0x06b0, 0x0001}, // ALVA Satellite
    {0x1148, 0x0301}, // BrailleMemo
}};

} // namespace

bool isBrailleDisplay(std::uint16_t vendor, std::uint16_t product) {
    if (std::find(kBrailleVendors.begin(), kBrailleVendors.end(), vendor) != kBrailleVendors.end()) return true;
    return std::find(kBrailleProducts.begin(), kBrailleProducts.end(), std::pair{vendor, product}) !=
           kBrailleProducts.end();
}

std::string usbKind(const UsbIdentity& id) {
    if ((id.vendor == kLinuxFoundation && id.product >= 1 && id.product <= kLastRootHub) || id.usbClass == kHub)
        return "hub";
    switch (id.usbClass) {
    // The same makers sell video magnifiers and talking book players; those say what they are.
    case kStorage: return "storage";
    case kVideo:
    case kAudioVideo: return "webcam";
    case kPrinter: return "printer";
    case kStillImage: return "scanner";
    case kSmartCard: return "smartcard_reader";
    default: break;
    }
    // A Braille display shows itself as HID, a serial port or vendor-specific: its ids decide.
    if (isBrailleDisplay(id.vendor, id.product)) return "braille";
    if (id.usbClass == kHid && id.protocol == kHidBootKeyboard) return "keyboard";
    if (id.usbClass == kHid && id.protocol == kHidBootMouse) return "mouse";
    return "other";
}

} // namespace dps::agent::inventory
