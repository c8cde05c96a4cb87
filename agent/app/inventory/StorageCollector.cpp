#include "StorageCollector.h"

#include "TextFields.h"

#include <cctype>

namespace dps::agent::inventory {

namespace {

constexpr const char* kCollector = "storage";

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Virtual block devices and the eMMC's hardware boot partitions (mmcblk0boot0, mmcblk0rpmb) are
// no separate disk of the machine.
bool isDisk(const std::string& name) {
    if (startsWith(name, "loop") || startsWith(name, "ram") || startsWith(name, "zram") || startsWith(name, "dm-"))
        return false;
    if (startsWith(name, "mmcblk") &&
        (name.find("boot") != std::string::npos || name.find("rpmb") != std::string::npos))
        return false;
    return true;
}

std::string optionalText(const SysRoot& root, const std::string& path, Inventory& into) {
    return text::trim(root.text(path, kCollector, into, false).value_or(""));
}

} // namespace

void collectStorage(const SysRoot& root, Inventory& into) {
    for (const auto& name : root.list("/sys/block")) {
        if (!isDisk(name)) continue;
        const std::string dir = "/sys/block/" + name;
        Disk d;
        d.name = name;
        // SCSI/SATA and NVMe name the model "model", MMC/SD cards "name"; a virtio disk has neither.
        d.model = optionalText(root, dir + "/device/model", into);
        if (d.model.empty()) d.model = optionalText(root, dir + "/device/name", into);
        d.vendor = optionalText(root, dir + "/device/vendor", into);
        // NVMe and MMC give a serial; SCSI only a world-wide id, the best stable identity it has.
        d.serial = optionalText(root, dir + "/device/serial", into);
        if (d.serial.empty()) d.serial = optionalText(root, dir + "/device/wwid", into);
        if (d.serial.empty()) d.serial = optionalText(root, dir + "/wwid", into);
        // Always 512-byte units, whatever the device's logical block size.
        const auto sectors = root.number(dir + "/size", kCollector, into);
        // A card reader's empty slot or a drive without its disc: a device, but no disk.
        if (sectors == 0) continue;
        if (sectors) d.sizeBytes = *sectors * 512;

        const bool sdCard = startsWith(name, "mmcblk") && optionalText(root, dir + "/device/type", into) == "SD";
        const auto removable = root.number(dir + "/removable", kCollector, into, false);
        if (sdCard || removable.value_or(0) == 1) {
            d.type = "removable";
        } else if (const auto rotational = root.number(dir + "/queue/rotational", kCollector, into)) {
            d.type = *rotational == 1 ? "hdd" : "ssd";
        }
        into.disks.push_back(d);
    }
}

} // namespace dps::agent::inventory
