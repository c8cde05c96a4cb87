#include "DmiCollector.h"

#include "TextFields.h"

#include <array>
#include <utility>

namespace dps::agent::inventory {

namespace {

constexpr const char* kCollector = "dmi";

// SMBIOS 3.x (DSP0134) 7.4.1, "System Enclosure or Chassis Types"; the kernel already masks the
// lock bit. The words are the spec's, which GLPI's computer types follow.
constexpr std::array<const char*, 37> kChassisTypes = {nullptr,
                                                       "Other",
                                                       "Unknown",
                                                       "Desktop",
                                                       "Low Profile Desktop",
                                                       "Pizza Box",
                                                       "Mini Tower",
                                                       "Tower",
                                                       "Portable",
                                                       "Laptop",
                                                       "Notebook",
                                                       "Hand Held",
                                                       "Docking Station",
                                                       "All in One",
                                                       "Sub Notebook",
                                                       "Space-saving",
                                                       "Lunch Box",
                                                       "Main Server Chassis",
                                                       "Expansion Chassis",
                                                       "SubChassis",
                                                       "Bus Expansion Chassis",
                                                       "Peripheral Chassis",
                                                       "RAID Chassis",
                                                       "Rack Mount Chassis",
                                                       "Sealed-case PC",
                                                       "Multi-system chassis",
                                                       "Compact PCI",
                                                       "Advanced TCA",
                                                       "Blade",
                                                       "Blade Enclosure",
                                                       "Tablet",
                                                       "Convertible",
                                                       "Detachable",
                                                       "IoT Gateway",
                                                       "Embedded PC",
                                                       "Mini PC",
                                                       "Stick PC"};

std::string read(const SysRoot& root, const std::string& name, Inventory& into) {
    return text::trim(root.text("/sys/class/dmi/id/" + name, kCollector, into).value_or(""));
}

} // namespace

void collectDmi(const SysRoot& root, Inventory& into) {
    auto& c = into.computer;
    c.hostname = text::trim(root.text("/proc/sys/kernel/hostname", kCollector, into).value_or(""));
    // Without SMBIOS (most ARM boards, some virtual machines) there is no DMI at all: one error
    // says so better than one per missing file.
    if (!root.exists("/sys/class/dmi/id")) {
        into.errors.push_back({kCollector, "/sys/class/dmi/id", "not there: the firmware gives no SMBIOS tables"});
        return;
    }
    c.vendor = read(root, "sys_vendor", into);
    c.model = read(root, "product_name", into);
    c.serial = read(root, "product_serial", into);
    c.uuid = read(root, "product_uuid", into);
    const std::string chassisPath = "/sys/class/dmi/id/chassis_type";
    if (const auto code = root.number(chassisPath, kCollector, into)) {
        if (*code > 0 && *code < static_cast<std::int64_t>(kChassisTypes.size()))
            c.chassisType = kChassisTypes[static_cast<std::size_t>(*code)];
        else
            into.errors.push_back({kCollector, chassisPath, "unknown chassis code " + std::to_string(*code)});
    }
    c.biosVendor = read(root, "bios_vendor", into);
    c.biosVersion = read(root, "bios_version", into);
    c.biosDate = read(root, "bios_date", into);
    c.boardVendor = read(root, "board_vendor", into);
    c.boardModel = read(root, "board_name", into);
    c.boardSerial = read(root, "board_serial", into);
}

} // namespace dps::agent::inventory
