#pragma once
// Disks from /sys/block, without loop, ram, zram and device-mapper devices, and without removable
// media: a USB stick, a disk on USB, a memory card is as likely a visitor's as the DPS's, and its
// model, serial and volume name are not the Region's to know (issue 16, docs/inventory.md).
#include "agent/inventory/SysRoot.h"

#include <string>

namespace dps::agent::inventory {

// Whether block device `name` ("sdb", "sdb1", "mmcblk1p1") is, or is a partition of, removable
// media: marked removable, an SD card, or on the USB bus.
[[nodiscard]] bool isRemovableMedia(const SysRoot& root, const std::string& name);

void collectStorage(const SysRoot& root, Inventory& into);

} // namespace dps::agent::inventory
