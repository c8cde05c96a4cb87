#include "agent/inventory/DmiCollector.h"

#include "agent/inventory/TextFields.h"

#include <array>
#include <cctype>
#include <utility>

namespace dps::agent::inventory {

namespace {

constexpr const char* kDmiCollector = "dmi";

// SMBIOS 3.x (DSP0134) 7.4.1, "System Enclosure or Chassis Types", indexed by the code (the kernel
// already masks the lock bit). The words are the spec's, which GLPI's computer types follow.
// clang-format off
constexpr std::array<const char*, 37> kChassisTypes = {
    nullptr,              "Other",                 "Unknown",            "Desktop",               //  0-3
    "Low Profile Desktop", "Pizza Box",            "Mini Tower",         "Tower",                 //  4-7
    "Portable",           "Laptop",                "Notebook",           "Hand Held",             //  8-11
    "Docking Station",    "All in One",            "Sub Notebook",       "Space-saving",          // 12-15
    "Lunch Box",          "Main Server Chassis",   "Expansion Chassis",  "SubChassis",            // 16-19
    "Bus Expansion Chassis", "Peripheral Chassis", "RAID Chassis",       "Rack Mount Chassis",    // 20-23
    "Sealed-case PC",     "Multi-system chassis",  "Compact PCI",        "Advanced TCA",          // 24-27
    "Blade",              "Blade Enclosure",       "Tablet",             "Convertible",           // 28-31
    "Detachable",         "IoT Gateway",           "Embedded PC",        "Mini PC",               // 32-35
    "Stick PC"};                                                                                  // 36
// clang-format on

// What board makers leave in the fields they did not fill. GLPI tells computers apart by serial
// and UUID, so a placeholder kept would merge every kiosk of one cheap model into one computer.
bool isPlaceholder(const std::string& value) {
    static const std::array<const char*, 14> kPlaceholders = {"to be filled by o.e.m.",
                                                              "default string",
                                                              "system serial number",
                                                              "system product name",
                                                              "system manufacturer",
                                                              "not specified",
                                                              "not applicable",
                                                              "none",
                                                              "oem",
                                                              "o.e.m.",
                                                              "0123456789",
                                                              "123456789",
                                                              "chassis serial number",
                                                              "base board serial number"};
    std::string lower;
    for (const char ch : value)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const char* p : kPlaceholders)
        if (lower == p) return true;
    // AMI's stock UUID, and UUIDs of one repeated digit (all zeros, all Fs).
    if (lower == "03000200-0400-0500-0006-000700080009") return true;
    const auto digits = lower.find_first_not_of("-");
    return lower.size() == 36 && digits != std::string::npos &&
           lower.find_first_not_of(std::string("-") + lower[digits]) == std::string::npos;
}

std::string read(const SysRoot& root, const std::string& name, Inventory& into) {
    const std::string path = "/sys/class/dmi/id/" + name;
    // The serials and the UUID are root's only (0400) and the agent is not root: under systemd its
    // unit loads them as credentials of the same name (LoadCredential=, docs/systemd.md).
    auto found = root.text(path, kDmiCollector, into, false);
    if (!found) found = root.credential(name);
    if (!found) into.errors.push_back({kDmiCollector, path, "cannot be read"});
    auto value = text::trim(found.value_or(""));
    if (!value.empty() && isPlaceholder(value)) {
        into.errors.push_back({kDmiCollector, path, "holds a placeholder: '" + value.substr(0, 40) + "'"});
        value.clear();
    }
    return value;
}

} // namespace

void collectDmi(const SysRoot& root, Inventory& into) {
    auto& c = into.computer;
    c.hostname = text::trim(root.text("/proc/sys/kernel/hostname", kDmiCollector, into).value_or(""));
    // Without SMBIOS (most ARM boards, some virtual machines) there is no DMI at all: one error
    // says so better than one per missing file.
    if (!root.exists("/sys/class/dmi/id")) {
        into.errors.push_back({kDmiCollector, "/sys/class/dmi/id", "not there: the firmware gives no SMBIOS tables"});
        return;
    }
    c.vendor = read(root, "sys_vendor", into);
    c.model = read(root, "product_name", into);
    c.serial = read(root, "product_serial", into);
    c.uuid = read(root, "product_uuid", into);
    const std::string chassisPath = "/sys/class/dmi/id/chassis_type";
    if (const auto code = root.number(chassisPath, kDmiCollector, into)) {
        if (*code > 0 && *code < static_cast<std::int64_t>(kChassisTypes.size()))
            c.chassisType = kChassisTypes[static_cast<std::size_t>(*code)];
        else
            into.errors.push_back({kDmiCollector, chassisPath, "unknown chassis code " + std::to_string(*code)});
    }
    c.biosVendor = read(root, "bios_vendor", into);
    c.biosVersion = read(root, "bios_version", into);
    c.biosDate = read(root, "bios_date", into);
    c.boardVendor = read(root, "board_vendor", into);
    c.boardModel = read(root, "board_name", into);
    c.boardSerial = read(root, "board_serial", into);
}

} // namespace dps::agent::inventory
