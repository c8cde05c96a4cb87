// libFuzzer target: whatever bytes a USB device gives as its HID report descriptor (sysfs
// report_descriptor, read by the inventory), the parser gives application collections or an
// error, never a crash, an out-of-bounds read or an unbounded result; and the USB rule then
// classifies the device without failing (issue 16).
//   tests/fuzz/run-hid-fuzz.sh [SECONDS]
#include "agent/core/inventory/HidReport.h"
#include "dps/core/UsbEquipment.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::agent::inventory;
    const std::string_view descriptor(reinterpret_cast<const char*>(data), size);
    const auto read = hidApplications(descriptor);
    if (read.applications.size() > kMaxHidApplications) std::abort();
    if (size > kMaxHidDescriptor && read.error.empty()) std::abort();
    dps::UsbFacts device;
    device.vendor = size > 1 ? static_cast<std::uint16_t>(data[0] << 8 | data[1]) : 0;
    device.interfaces.push_back({0x03, 0, 0, read.applications});
    (void)dps::usbEquipmentKind(device);
    return 0;
}
