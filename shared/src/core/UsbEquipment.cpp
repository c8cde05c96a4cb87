#include "dps/core/UsbEquipment.h"

#include <algorithm>
#include <array>
#include <utility>

namespace dps {
namespace {

// USB-IF base class codes (usb.org, "Defined Class Codes").
constexpr int kPerInterface = 0x00, kAudio = 0x01, kCdc = 0x02, kHid = 0x03, kPrinter = 0x07, kHub = 0x09,
              kCdcData = 0x0A, kSmartCard = 0x0B, kVideo = 0x0E, kApplicationSpecific = 0xFE, kMiscellaneous = 0xEF,
              kVendorSpecific = 0xFF;
constexpr int kDfu = 0x01; // kApplicationSpecific's subclass: Device Firmware Upgrade
// HID 1.11, 4.2 and 4.3: the boot interface subclass and its keyboard and mouse protocols.
constexpr int kHidBoot = 1, kHidBootKeyboard = 1, kHidBootMouse = 2;
// HID Usage Tables 1.4: Generic Desktop (Pointer, Mouse, Keyboard, Keypad), Digitizers (Digitizer,
// Pen, Touch Screen, Touch Pad), Braille Display, and the FIDO Alliance's page (security keys).
constexpr std::uint16_t kGenericDesktop = 0x01, kDigitizers = 0x0D, kBraille = 0x41, kFido = 0xF1D0;
constexpr std::uint16_t kPointer = 0x01, kMouse = 0x02, kKeyboard = 0x06, kKeypad = 0x07;
constexpr std::uint16_t kDigitizer = 0x01, kPen = 0x02, kTouchScreen = 0x04, kTouchPad = 0x05;
// The kernel's own root hubs are 1d6b:0001, 0002 and 0003 (USB 1.1, 2.0, 3.x); the same vendor id
// also names its gadget devices (1d6b:0104, a board plugged in as a USB device), which are no hubs.
constexpr std::uint16_t kLinuxFoundation = 0x1d6b, kLastRootHub = 0x0003;

// Braille displays declare no class of their own (HID, a serial port or vendor-specific), so they
// are known by their ids: every entry of BRLTTY's USB device table (Programs/usb_devices.c, commit
// af08b138 of 2026-08-17, the table its udev rules are made from) except the six it marks "Generic
// Identifier": USB-serial bridges (FTDI 0403:6001 and 6010, Silicon Labs 10c4:ea60 and ea80, QinHeng
// 1a86:55d3 and 7523) that are in every serial cable. Sorted, for binary search.
constexpr std::array<std::pair<std::uint16_t, std::uint16_t>, 128> kBrailleDisplays{{
    {0x0403, 0xde58}, {0x0403, 0xde59}, {0x0403, 0xf208}, {0x0403, 0xfe70}, {0x0403, 0xfe71}, {0x0403, 0xfe72},
    {0x0403, 0xfe73}, {0x0403, 0xfe74}, {0x0403, 0xfe75}, {0x0403, 0xfe76}, {0x0403, 0xfe77}, {0x0452, 0x0100},
    {0x045e, 0x930a}, {0x045e, 0x930b}, {0x045e, 0x940a}, {0x0483, 0xa1d3}, {0x0483, 0xa366}, {0x06b0, 0x0001},
    {0x0798, 0x0001}, {0x0798, 0x0600}, {0x0798, 0x0624}, {0x0798, 0x0640}, {0x0798, 0x0680}, {0x0904, 0x1016},
    {0x0904, 0x1017}, {0x0904, 0x2000}, {0x0904, 0x2001}, {0x0904, 0x2002}, {0x0904, 0x2007}, {0x0904, 0x2008},
    {0x0904, 0x2009}, {0x0904, 0x2010}, {0x0904, 0x2011}, {0x0904, 0x2014}, {0x0904, 0x2015}, {0x0904, 0x2016},
    {0x0904, 0x3000}, {0x0904, 0x3001}, {0x0904, 0x4004}, {0x0904, 0x4005}, {0x0904, 0x4007}, {0x0904, 0x4008},
    {0x0904, 0x6001}, {0x0904, 0x6002}, {0x0904, 0x6003}, {0x0904, 0x6004}, {0x0904, 0x6005}, {0x0904, 0x6006},
    {0x0904, 0x6007}, {0x0904, 0x6008}, {0x0904, 0x6009}, {0x0904, 0x600a}, {0x0904, 0x6011}, {0x0904, 0x6012},
    {0x0904, 0x6013}, {0x0904, 0x6101}, {0x0904, 0x6102}, {0x0904, 0x6103}, {0x0921, 0x1200}, {0x0f4e, 0x0100},
    {0x0f4e, 0x0111}, {0x0f4e, 0x0112}, {0x0f4e, 0x0114}, {0x1148, 0x0301}, {0x1209, 0xabc0}, {0x16c0, 0x05e1},
    {0x1c71, 0xc004}, {0x1c71, 0xc005}, {0x1c71, 0xc006}, {0x1c71, 0xc00a}, {0x1c71, 0xc021}, {0x1c71, 0xc101},
    {0x1c71, 0xc104}, {0x1c71, 0xc111}, {0x1c71, 0xc114}, {0x1c71, 0xc121}, {0x1c71, 0xc124}, {0x1c71, 0xc131},
    {0x1c71, 0xc141}, {0x1c71, 0xce01}, {0x1c71, 0xce04}, {0x1fe4, 0x0003}, {0x1fe4, 0x0044}, {0x1fe4, 0x0054},
    {0x1fe4, 0x0055}, {0x1fe4, 0x0061}, {0x1fe4, 0x0064}, {0x1fe4, 0x0074}, {0x1fe4, 0x0081}, {0x1fe4, 0x0082},
    {0x1fe4, 0x0083}, {0x1fe4, 0x0084}, {0x1fe4, 0x0086}, {0x1fe4, 0x0087}, {0x1fe4, 0x008a}, {0x1fe4, 0x008b},
    {0x1fe4, 0x0092}, {0x1fe4, 0x0093}, {0x1fe4, 0x0094}, {0x1fe4, 0x0096}, {0x1fe4, 0x0097}, {0x1fe4, 0x009a},
    {0x1fe4, 0x009c}, {0x1fe4, 0x00a4}, {0x1fe4, 0x00a6}, {0x1fe4, 0x00a8}, {0x28ac, 0x0012}, {0x28ac, 0x0013},
    {0x28ac, 0x0020}, {0x28ac, 0x0021}, {0x4242, 0x0001}, {0xc251, 0x1122}, {0xc251, 0x1123}, {0xc251, 0x1124},
    {0xc251, 0x1125}, {0xc251, 0x1126}, {0xc251, 0x1127}, {0xc251, 0x1128}, {0xc251, 0x1129}, {0xc251, 0x112a},
    {0xc251, 0x112b}, {0xc251, 0x112c}, {0xc251, 0x112d}, {0xc251, 0x112e}, {0xc251, 0x112f}, {0xc251, 0x1130},
    {0xc251, 0x1131}, {0xc251, 0x1132},
}};
static_assert(std::is_sorted(kBrailleDisplays.begin(), kBrailleDisplays.end()));

// Which kind a device with several functions is, the higher the more it says what the device is
// for: a keyboard with a card reader is a card reader, a keyboard with a touch pad a keyboard.
constexpr int rank(UsbKind k) {
    switch (k) {
    case UsbKind::Hub: return 0;
    case UsbKind::BuiltInCamera: return 1;
    case UsbKind::Mouse: return 2;
    case UsbKind::Touch: return 3;
    case UsbKind::Keyboard: return 4;
    case UsbKind::Printer: return 5;
    case UsbKind::SmartCardReader: return 6;
    case UsbKind::Braille: return 7;
    }
    return 0;
}

enum class Verdict { Neutral, Forbidden, Equipment };
struct Judgement {
    Verdict verdict = Verdict::Neutral;
    UsbKind kind = UsbKind::Hub;
};

constexpr Judgement neutral() { return {}; }
constexpr Judgement forbidden() { return {Verdict::Forbidden, UsbKind::Hub}; }
constexpr Judgement equipment(UsbKind k) { return {Verdict::Equipment, k}; }

bool any(const std::vector<HidUsage>& usages, std::uint16_t page, std::initializer_list<std::uint16_t> ids = {}) {
    return std::any_of(usages.begin(), usages.end(), [&](const HidUsage& u) {
        return u.page == page && (ids.size() == 0 || std::find(ids.begin(), ids.end(), u.id) != ids.end());
    });
}

// What a HID interface is by its application collections; without them, by its boot protocol.
// A consumer-control, system-control, vendor-defined or telephony collection (a keyboard's media
// keys, a headset's buttons) is neutral: it makes no device equipment on its own.
Judgement hid(const UsbInterfaceClass& itf) {
    const auto& apps = itf.hidApplications;
    if (any(apps, kFido)) return forbidden(); // a security key is its owner's, whatever else it is
    if (any(apps, kBraille)) return equipment(UsbKind::Braille);
    if (any(apps, kDigitizers, {kDigitizer, kPen, kTouchScreen, kTouchPad})) return equipment(UsbKind::Touch);
    if (any(apps, kGenericDesktop, {kKeyboard, kKeypad})) return equipment(UsbKind::Keyboard);
    if (any(apps, kGenericDesktop, {kMouse, kPointer})) return equipment(UsbKind::Mouse);
    if (apps.empty() && itf.subclass == kHidBoot && itf.protocol == kHidBootKeyboard)
        return equipment(UsbKind::Keyboard);
    if (apps.empty() && itf.subclass == kHidBoot && itf.protocol == kHidBootMouse) return equipment(UsbKind::Mouse);
    return neutral();
}

Judgement judge(const UsbInterfaceClass& itf, const UsbFacts& device, bool braille) {
    switch (itf.usbClass) {
    case kHid: return braille ? equipment(UsbKind::Braille) : hid(itf);
    case kPrinter: return equipment(UsbKind::Printer);
    case kSmartCard: return equipment(UsbKind::SmartCardReader);
    case kHub: return equipment(UsbKind::Hub);
    // A camera is the terminal's only when it is built in: an external one is as likely a visitor's.
    case kVideo: return device.port == UsbPort::Fixed ? equipment(UsbKind::BuiltInCamera) : forbidden();
    // A built-in camera's or a dock's microphone; a headset alone has nothing else and is left out.
    case kAudio: return neutral();
    // How a keyboard's or a reader's firmware is updated; it carries nothing of a person.
    case kApplicationSpecific: return itf.subclass == kDfu ? neutral() : forbidden();
    // A Braille display in serial mode (CDC ACM, or a vendor's USB-serial chip); for anything else,
    // what phones show: ADB and Samsung's MTP (vendor-specific), RNDIS, NCM, ECM and ACM modems.
    case kCdc:
    case kCdcData:
    case kVendorSpecific: return braille ? equipment(UsbKind::Braille) : forbidden();
    // Mass storage, still image (PTP, MTP), wireless controllers, content security, billboard…
    default: return forbidden();
    }
}

} // namespace

std::string_view usbKindName(UsbKind kind) {
    switch (kind) {
    case UsbKind::Hub: return "hub";
    case UsbKind::Keyboard: return "keyboard";
    case UsbKind::Mouse: return "mouse";
    case UsbKind::Touch: return "touch";
    case UsbKind::SmartCardReader: return "smartcard_reader";
    case UsbKind::Printer: return "printer";
    case UsbKind::Braille: return "braille";
    case UsbKind::BuiltInCamera: return "builtin_camera";
    }
    return "";
}

std::optional<UsbKind> usbKindNamed(std::string_view word) {
    for (const UsbKind k : {UsbKind::Hub, UsbKind::Keyboard, UsbKind::Mouse, UsbKind::Touch, UsbKind::SmartCardReader,
                            UsbKind::Printer, UsbKind::Braille, UsbKind::BuiltInCamera})
        if (usbKindName(k) == word) return k;
    return std::nullopt;
}

bool isBrailleDisplay(std::uint16_t vendor, std::uint16_t product) {
    return std::binary_search(kBrailleDisplays.begin(), kBrailleDisplays.end(), std::pair{vendor, product});
}

std::optional<UsbKind> usbEquipmentKind(const UsbFacts& device) {
    if (device.vendor == kLinuxFoundation && device.product >= 1 && device.product <= kLastRootHub) return UsbKind::Hub;
    const bool braille = isBrailleDisplay(device.vendor, device.product);
    std::vector<UsbInterfaceClass> functions = device.interfaces;
    // A class given for the whole device counts as one more function (a hub says 09, a modem 02,
    // a Bluetooth adapter E0); 00 and EF/02/01 (interface association) leave it to the interfaces.
    if (device.usbClass != kPerInterface && device.usbClass != kMiscellaneous)
        functions.push_back({device.usbClass, device.subclass, device.protocol, {}});
    std::optional<UsbKind> kind;
    for (const auto& itf : functions) {
        const Judgement j = judge(itf, device, braille);
        // One forbidden function is enough: a phone that also offers a keyboard is a phone.
        if (j.verdict == Verdict::Forbidden) return std::nullopt;
        if (j.verdict == Verdict::Equipment && (!kind || rank(j.kind) > rank(*kind))) kind = j.kind;
    }
    return kind;
}

} // namespace dps
