#pragma once
// A HID report descriptor's top-level application collections (HID 1.11, 6.2.2): what the
// interface says it is, a Keyboard (Generic Desktop 0x06), a Touch Screen (Digitizers 0x04), a
// Braille Display (page 0x41), a security key (FIDO page 0xF1D0)… Only what the USB rule needs
// (UsbEquipment.h): items are walked, reports are not built.
#include "dps/core/UsbEquipment.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dps::agent::inventory {

// The kernel's own limit (HID_MAX_DESCRIPTOR_SIZE): longer is no descriptor it would have read.
inline constexpr std::size_t kMaxHidDescriptor = 4096;
// Collections nested deeper than this, or more application collections, are refused.
inline constexpr int kMaxHidCollectionDepth = 32;
inline constexpr std::size_t kMaxHidApplications = 64;

struct HidApplications {
    std::vector<dps::HidUsage> applications; // in the descriptor's order
    std::string error;                       // empty when the whole descriptor was read
};

[[nodiscard]] HidApplications hidApplications(std::string_view descriptor);

} // namespace dps::agent::inventory
