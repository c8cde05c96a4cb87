#pragma once
// Which USB devices are the terminal's equipment (issue 16, docs/inventory.md "USB devices: the
// rule"): card readers, keyboards, mice, touch screens, printers, Braille displays, hubs and a
// built-in camera. Everything else a visitor may plug in (a USB stick, a phone charging, a
// headset) is never sent, not even counted. One rule for both sides: dps-agent applies it to what
// sysfs says of a device, dps-server to the kinds an older agent wrote in its document.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace dps {

// The sysfs `removable` attribute of a USB device (Documentation/ABI/testing/sysfs-bus-usb): how
// the firmware or the parent hub describes the port: "fixed" is inside the machine (or inside a
// dock, a monitor or a keyboard with a hub), out of a visitor's reach.
enum class UsbPort { Unknown, Fixed, Removable };

// A HID usage: page and id (HID Usage Tables 1.4).
struct HidUsage {
    std::uint16_t page = 0, id = 0;
    bool operator==(const HidUsage&) const = default;
};

struct UsbInterfaceClass {
    int usbClass = 0, subclass = 0, protocol = 0; // bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol
    // A HID interface's top-level application collections, from its report descriptor; empty when
    // it could not be read (the boot protocol then says keyboard or mouse, or nothing).
    std::vector<HidUsage> hidApplications;
};

struct UsbFacts {
    std::uint16_t vendor = 0, product = 0;
    int usbClass = 0, subclass = 0, protocol = 0; // bDeviceClass, bDeviceSubClass, bDeviceProtocol
    std::vector<UsbInterfaceClass> interfaces;    // of the active configuration
    UsbPort port = UsbPort::Unknown;
};

enum class UsbKind { Hub, Keyboard, Mouse, Touch, SmartCardReader, Printer, Braille, BuiltInCamera };

// The word a document uses: hub, keyboard, mouse, touch, smartcard_reader, printer, braille,
// builtin_camera.
[[nodiscard]] std::string_view usbKindName(UsbKind kind);
// The kind a document's word names, or nullopt for any other word: the kinds older agents wrote
// for devices outside the rule (storage, scanner, webcam, other) are no equipment.
[[nodiscard]] std::optional<UsbKind> usbKindNamed(std::string_view word);

// The terminal's equipment kind of this device, or nullopt: not the terminal's, never sent.
[[nodiscard]] std::optional<UsbKind> usbEquipmentKind(const UsbFacts& device);

// Whether the ids are those of a refreshable Braille display (BRLTTY's device table, see the .cpp).
[[nodiscard]] bool isBrailleDisplay(std::uint16_t vendor, std::uint16_t product);

} // namespace dps
