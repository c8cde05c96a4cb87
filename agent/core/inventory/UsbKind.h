#pragma once
// What a USB device is for the kiosk's inventory, from its ids and its USB class triple (the
// device's, or its first interface's when the device defers to its interfaces).
#include <cstdint>
#include <string>

namespace dps::agent::inventory {

struct UsbIdentity {
    std::uint16_t vendor = 0, product = 0;
    int usbClass = 0, subclass = 0, protocol = 0;
};

// One of: keyboard, mouse, smartcard_reader, printer, scanner, webcam, braille, storage, hub, other.
[[nodiscard]] std::string usbKind(const UsbIdentity& id);

// Whether the ids are those of a refreshable Braille display (see UsbKind.cpp for the list).
[[nodiscard]] bool isBrailleDisplay(std::uint16_t vendor, std::uint16_t product);

} // namespace dps::agent::inventory
