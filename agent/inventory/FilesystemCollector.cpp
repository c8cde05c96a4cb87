#include "agent/inventory/FilesystemCollector.h"

#include "agent/inventory/StorageCollector.h"

#include <set>
#include <sstream>
#include <sys/statvfs.h>

namespace dps::agent::inventory {

namespace {

constexpr const char* kFilesystemCollector = "filesystems";
const std::string kMounts = "/proc/mounts";

// Filesystems that hold data on a disk; proc, sysfs, tmpfs, overlay, squashfs (snaps), cgroup…
// are the kernel's or a container's and say nothing about the machine's storage; network
// filesystems are another machine's, and statvfs on an unreachable NFS server would hang.
// fuseblk is how ntfs-3g mounts a disk.
const std::set<std::string> kRealTypes = {"ext2", "ext3",  "ext4", "xfs", "btrfs", "vfat",     "exfat",
                                          "ntfs", "ntfs3", "f2fs", "jfs", "zfs",   "reiserfs", "fuseblk"};

// /proc/mounts writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
std::string unescape(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3' &&
            field[i + 2] >= '0' && field[i + 2] <= '7' && field[i + 3] >= '0' && field[i + 3] <= '7') {
            out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> statvfsStat(const std::filesystem::path& mountPoint) {
    struct statvfs s {};
    if (::statvfs(mountPoint.c_str(), &s) != 0) return std::nullopt;
    const auto unit = static_cast<std::int64_t>(s.f_frsize);
    return std::pair{static_cast<std::int64_t>(s.f_blocks) * unit, static_cast<std::int64_t>(s.f_bavail) * unit};
}

void collectFilesystems(const SysRoot& root, Inventory& into, const FsStat& stat) {
    const auto mounts = root.text(kMounts, kFilesystemCollector, into);
    if (!mounts) return;
    std::set<std::string> devices;
    std::istringstream lines(*mounts);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string device, mountPoint, type;
        if (!(fields >> device >> mountPoint >> type)) continue;
        if (kRealTypes.count(type) == 0) continue;
        device = unescape(device);
        // Bind mounts (a container's /etc/hosts) and btrfs subvolumes show the same space again
        // under another path: the first mount of a device is the one that counts.
        if (!devices.insert(device).second) continue;
        // A USB stick or a memory card: its mount point is often its owner's volume name.
        if (device.rfind("/dev/", 0) == 0 && isRemovableMedia(root, device.substr(5))) continue;
        Filesystem fs;
        fs.mountPoint = unescape(mountPoint);
        fs.device = device;
        fs.type = type;
        if (const auto sizes = stat ? stat(root.real(fs.mountPoint)) : std::nullopt) {
            fs.totalBytes = sizes->first;
            fs.freeBytes = sizes->second;
        } else {
            into.errors.push_back({kFilesystemCollector, fs.mountPoint, "its size cannot be read (statvfs)"});
        }
        into.filesystems.push_back(fs);
    }
}

} // namespace dps::agent::inventory
