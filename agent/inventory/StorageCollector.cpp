#include "agent/inventory/StorageCollector.h"

#include "agent/inventory/TextFields.h"
#include "agent/inventory/UsbSysfs.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace dps::agent::inventory {

namespace {

constexpr const char* kStorageCollector = "storage";

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
    return text::trim(root.text(path, kStorageCollector, into, false).value_or(""));
}

// The disk of `name`: itself, or the disk whose partition it is ("sdb1" → "sdb", "mmcblk1p1" → "mmcblk1").
std::optional<std::string> diskOf(const SysRoot& root, const std::string& name) {
    for (const auto& disk : root.list("/sys/block")) {
        if (name.compare(0, disk.size(), disk) != 0) continue;
        std::string_view rest = std::string_view(name).substr(disk.size());
        if (!rest.empty() && rest.front() == 'p' && std::isdigit(static_cast<unsigned char>(disk.back())))
            rest.remove_prefix(1);
        if (std::all_of(rest.begin(), rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return disk;
    }
    return std::nullopt;
}

} // namespace

bool isRemovableMedia(const SysRoot& root, const std::string& name) {
    const auto disk = diskOf(root, name);
    if (!disk) return false;
    const std::string dir = "/sys/block/" + *disk;
    Inventory ignored; // a question, not a collection: what cannot be read says "no"
    if (root.number(dir + "/removable", kStorageCollector, ignored, false).value_or(0) == 1) return true;
    if (startsWith(*disk, "mmcblk") &&
        text::trim(root.text(dir + "/device/type", kStorageCollector, ignored, false).value_or("")) == "SD")
        return true;
    const auto path = root.devicePath(dir);
    return path && onUsbBus(*path);
}

void collectStorage(const SysRoot& root, Inventory& into) {
    for (const auto& name : root.list("/sys/block")) {
        if (!isDisk(name) || isRemovableMedia(root, name)) continue;
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
        const auto sectors = root.number(dir + "/size", kStorageCollector, into);
        // A card reader's empty slot or a drive without its disc: a device, but no disk.
        if (sectors == 0) continue;
        if (sectors) d.sizeBytes = *sectors * 512;

        if (const auto rotational = root.number(dir + "/queue/rotational", kStorageCollector, into)) {
            d.type = *rotational == 1 ? "hdd" : "ssd";
        }
        into.disks.push_back(d);
    }
}

} // namespace dps::agent::inventory
