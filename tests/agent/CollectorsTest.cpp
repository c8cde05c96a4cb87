// The sysfs/procfs collectors on fixture trees of three real machine layouts (their values are
// written out here), on broken copies of them (absent field and an error, never a crash), and on
// this machine's own /sys and /proc, checked against the OS asked another way.
#include "InventoryFixtures.h"
#include "TempDir.h"
#include "agent/inventory/BatteryCollector.h"
#include "agent/inventory/CpuCollector.h"
#include "agent/inventory/DmiCollector.h"
#include "agent/inventory/FilesystemCollector.h"
#include "agent/inventory/MemoryCollector.h"
#include "agent/inventory/NetworkCollector.h"
#include "agent/inventory/OsCollector.h"
#include "agent/inventory/StorageCollector.h"
#include "agent/inventory/SystemCollectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/statvfs.h>
#include <thread>
#include <unistd.h>

using dps::agent::inventory::Battery;
using dps::agent::inventory::collectBatteries;
using dps::agent::inventory::collectCpu;
using dps::agent::inventory::collectDmi;
using dps::agent::inventory::CollectorError;
using dps::agent::inventory::collectStorage;
using dps::agent::inventory::collectSystem;
using dps::agent::inventory::Computer;
using dps::agent::inventory::Cpu;
using dps::agent::inventory::Disk;
using dps::agent::inventory::Filesystem;
using dps::agent::inventory::FsStat;
using dps::agent::inventory::Inventory;
using dps::agent::inventory::NetworkInterface;
using dps::agent::inventory::OperatingSystem;
using dps::agent::inventory::SysRoot;
using dps::test::inventoryFixture;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t GiB = 1024LL * 1024 * 1024;

// A fixture tree's mount points are not mounted: sizes by mount point, as root.real() gives them.
FsStat fixedSizes(const fs::path& root, std::map<std::string, std::pair<std::int64_t, std::int64_t>> byMountPoint) {
    return [root, byMountPoint](const fs::path& p) -> std::optional<std::pair<std::int64_t, std::int64_t>> {
        for (const auto& [mountPoint, sizes] : byMountPoint)
            if (p == root / fs::path(mountPoint).relative_path()) return sizes;
        return std::nullopt;
    };
}

Filesystem filesystem(std::string mountPoint, std::string device, std::string type, std::optional<std::int64_t> total,
                      std::optional<std::int64_t> free) {
    Filesystem f;
    f.mountPoint = std::move(mountPoint);
    f.device = std::move(device);
    f.type = std::move(type);
    f.totalBytes = total;
    f.freeBytes = free;
    return f;
}

Disk disk(std::string name, std::string model, std::string serial, std::string vendor, std::int64_t size,
          std::string type) {
    Disk d;
    d.name = std::move(name);
    d.model = std::move(model);
    d.serial = std::move(serial);
    d.vendor = std::move(vendor);
    d.sizeBytes = size;
    d.type = std::move(type);
    return d;
}

NetworkInterface nic(std::string name, std::string mac, std::string type, bool up) {
    NetworkInterface n;
    n.name = std::move(name);
    n.mac = std::move(mac);
    n.type = std::move(type);
    n.up = up;
    return n;
}

Cpu cpu(std::string vendor, std::string model, int cores, int threads, std::optional<int> mhz, std::string arch) {
    Cpu c;
    c.vendor = std::move(vendor);
    c.model = std::move(model);
    c.cores = cores;
    c.threads = threads;
    c.speedMhz = mhz;
    c.arch = std::move(arch);
    return c;
}

OperatingSystem debian12(std::string kernel, std::int64_t uptime) {
    OperatingSystem os;
    os.name = "Debian GNU/Linux";
    os.version = "12 (bookworm)";
    os.fullName = "Debian GNU/Linux 12 (bookworm)";
    os.kernelName = "linux";
    os.kernelVersion = std::move(kernel);
    os.arch = "x86_64";
    os.uptimeSeconds = uptime;
    return os;
}

// A fixture tree copied where a test may break it.
struct BrokenCopy {
    dps::test::TempDir dir;
    explicit BrokenCopy(const std::string& machine) {
        fs::copy(inventoryFixture(machine), dir.path(), fs::copy_options::recursive);
    }
    void remove(const std::string& path) const { ASSERT_TRUE(fs::remove(dir / path)) << path; }
    void write(const std::string& path, const std::string& text) const {
        fs::create_directories((dir / path).parent_path());
        dps::test::writeFile(dir / path, text);
    }
};

bool hasError(const Inventory& inv, const std::string& collector, const std::string& path) {
    return std::any_of(inv.errors.begin(), inv.errors.end(),
                       [&](const CollectorError& e) { return e.collector == collector && e.path == path; });
}

std::string errorList(const Inventory& inv) {
    std::string s;
    for (const auto& e : inv.errors)
        s += e.collector + " " + e.path + ": " + e.what + "\n";
    return s;
}

} // namespace

TEST(LaptopFixture, EveryCollectorReadsItsValues) {
    const auto root = inventoryFixture("laptop");
    Inventory inv;
    collectSystem(
        SysRoot(root), inv,
        fixedSizes(root, {{"/", {234 * GiB, 120 * GiB}}, {"/boot/efi", {511 * 1024 * 1024, 480 * 1024 * 1024}}}));

    Computer c;
    c.vendor = "LENOVO";
    c.model = "20L5CTO1WW";
    c.serial = "PF1TST01";
    c.uuid = "5e9c1a20-3d4b-11e8-b467-0ed5f89f718b";
    c.chassisType = "Notebook";
    c.biosVendor = "LENOVO";
    c.biosVersion = "N24ET70W (1.45 )";
    c.biosDate = "02/22/2022";
    c.boardVendor = "LENOVO";
    c.boardModel = "20L5CTO1WW";
    c.boardSerial = "L1HF8AB00TS";
    c.hostname = "kiosk-laptop-01";
    EXPECT_EQ(inv.computer, c);
    EXPECT_EQ(inv.cpus, (std::vector<Cpu>{
                            cpu("GenuineIntel", "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz", 4, 8, 1600, "x86_64")}));
    EXPECT_EQ(inv.memoryBytes, 16211524LL * 1024);
    EXPECT_EQ(inv.os, debian12("6.1.0-26-amd64", 12345));
    EXPECT_EQ(inv.disks, (std::vector<Disk>{disk("nvme0n1", "SAMSUNG MZVLB256HAHQ-000L7", "S4ELNX0N812345", "",
                                                 500118192LL * 512, "ssd")}));
    EXPECT_EQ(inv.filesystems, (std::vector<Filesystem>{filesystem("/", "/dev/nvme0n1p2", "ext4", 234 * GiB, 120 * GiB),
                                                        filesystem("/boot/efi", "/dev/nvme0n1p1", "vfat",
                                                                   511 * 1024 * 1024, 480 * 1024 * 1024)}));
    EXPECT_EQ(inv.networks, (std::vector<NetworkInterface>{nic("enp0s31f6", "8c:16:45:3a:5b:01", "ethernet", false),
                                                           nic("lo", "00:00:00:00:00:00", "loopback", false),
                                                           nic("wlp3s0", "5c:e0:c5:7e:21:9f", "wifi", true)}));
    Battery b;
    b.name = "BAT0";
    b.manufacturer = "SMP";
    b.model = "01AV430";
    b.serial = "1234";
    b.technology = "Li-poly";
    b.designCapacityMwh = 57020;
    b.fullCapacityMwh = 49310;
    b.cycleCount = 187;
    b.voltageMv = 11460;
    EXPECT_EQ(inv.batteries, std::vector<Battery>{b});
    EXPECT_TRUE(inv.errors.empty()) << errorList(inv);
}

TEST(DesktopFixture, EveryCollectorReadsItsValues) {
    const auto root = inventoryFixture("desktop");
    Inventory inv;
    collectSystem(SysRoot(root), inv,
                  fixedSizes(root, {{"/", {220 * GiB, 150 * GiB}},
                                    {"/boot/efi", {511 * 1024 * 1024, 500 * 1024 * 1024}},
                                    {"/srv/kiosk data", {931 * GiB, 900 * GiB}}}));

    Computer c;
    c.vendor = "Dell Inc.";
    c.model = "OptiPlex 7050";
    c.serial = "7XK2TS2";
    c.uuid = "4c4c4544-0058-4b10-8032-b7c04f545332";
    c.chassisType = "Desktop";
    c.biosVendor = "Dell Inc.";
    c.biosVersion = "1.24.0";
    c.biosDate = "07/10/2023";
    c.boardVendor = "Dell Inc.";
    c.boardModel = "0NW6H5";
    c.boardSerial = "/7XK2TS2/CNFCW0078B00QT/";
    c.hostname = "kiosk-desk-02";
    EXPECT_EQ(inv.computer, c);
    EXPECT_EQ(inv.cpus,
              (std::vector<Cpu>{cpu("GenuineIntel", "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz", 4, 8, 3600, "x86_64")}));
    EXPECT_EQ(inv.memoryBytes, 8038264LL * 1024);
    EXPECT_EQ(inv.os, debian12("6.1.0-18-amd64", 864000));
    EXPECT_EQ(inv.disks,
              (std::vector<Disk>{
                  disk("sda", "ST1000DM010-2EP102", "naa.5000c500b1a2c3d4", "ATA", 1953525168LL * 512, "hdd"),
                  disk("sdb", "Samsung SSD 860 EVO 250GB", "naa.5002538e40a1b2c3", "ATA", 488397168LL * 512, "ssd")}))
        << "loop0, dm-0 and ram0 are no disks";
    EXPECT_EQ(inv.filesystems, (std::vector<Filesystem>{
                                   filesystem("/", "/dev/sdb2", "ext4", 220 * GiB, 150 * GiB),
                                   filesystem("/boot/efi", "/dev/sdb1", "vfat", 511 * 1024 * 1024, 500 * 1024 * 1024),
                                   filesystem("/srv/kiosk data", "/dev/sda1", "xfs", 931 * GiB, 900 * GiB)}))
        << "no proc, tmpfs, squashfs or overlay; the bind mount of /dev/sdb2 counted once";
    EXPECT_EQ(inv.networks, (std::vector<NetworkInterface>{nic("eno1", "54:bf:64:1c:2d:3e", "ethernet", true),
                                                           nic("lo", "00:00:00:00:00:00", "loopback", false)}));
    EXPECT_TRUE(inv.batteries.empty());
    EXPECT_TRUE(inv.errors.empty()) << errorList(inv);
}

TEST(ChromebookFixture, EveryCollectorReadsItsValues) {
    const auto root = inventoryFixture("chromebook");
    Inventory inv;
    collectSystem(SysRoot(root), inv,
                  fixedSizes(root, {{"/", {28 * GiB, 20 * GiB}},
                                    {"/boot/efi", {511 * 1024 * 1024, 500 * 1024 * 1024}},
                                    {"/mnt/sd", {29 * GiB, 29 * GiB}}}));

    Computer c;
    c.vendor = "GOOGLE";
    c.model = "Setzer";
    c.uuid = "9f3b2a10-77c1-4e2d-a0b5-3c4d5e6f7a8b";
    c.chassisType = "Laptop";
    c.biosVendor = "coreboot";
    c.biosVersion = "MrChromebox-4.22.4";
    c.biosDate = "05/07/2024";
    c.boardVendor = "GOOGLE";
    c.boardModel = "Setzer";
    c.hostname = "kiosk-cb-03";
    EXPECT_EQ(inv.computer, c);
    EXPECT_EQ(inv.cpus, (std::vector<Cpu>{
                            cpu("GenuineIntel", "Intel(R) Celeron(R) CPU  N3060  @ 1.60GHz", 2, 2, 1600, "x86_64")}));
    EXPECT_EQ(inv.memoryBytes, 3916404LL * 1024);
    EXPECT_EQ(inv.os, debian12("6.1.0-26-amd64", 3600)) << "from /usr/lib/os-release when /etc has none";
    EXPECT_EQ(inv.disks, (std::vector<Disk>{disk("mmcblk0", "HBG4a2", "0x1a2b3c4d", "", 61071360LL * 512, "ssd")}))
        << "the eMMC's boot partitions are no disks; the SD card in its slot, though it says removable=0, is "
           "removable media: anyone's, never collected (issue 16)";
    EXPECT_EQ(inv.filesystems, (std::vector<Filesystem>{filesystem("/", "/dev/mmcblk0p2", "ext4", 28 * GiB, 20 * GiB),
                                                        filesystem("/boot/efi", "/dev/mmcblk0p1", "vfat",
                                                                   511 * 1024 * 1024, 500 * 1024 * 1024)}))
        << "nor the filesystem on the card";
    EXPECT_EQ(inv.networks, (std::vector<NetworkInterface>{nic("lo", "00:00:00:00:00:00", "loopback", false),
                                                           nic("wlp1s0", "a4:34:d9:5e:6f:70", "wifi", true)}));
    Battery b;
    b.name = "BAT0";
    b.manufacturer = "SANYO";
    b.model = "AC17A8M";
    b.serial = "5C2B";
    b.technology = "Li-ion";
    b.designCapacityMwh = 44929; // 3 890 000 µAh × 11.55 V
    b.fullCapacityMwh = 41580;   // 3 600 000 µAh × 11.55 V
    b.cycleCount = 312;
    b.voltageMv = 11550;
    EXPECT_EQ(inv.batteries, std::vector<Battery>{b}) << "the Bluetooth mouse's battery is not the machine's";
    // coreboot on this board fills no serial numbers.
    EXPECT_EQ(inv.errors, (std::vector<CollectorError>{{"dmi", "/sys/class/dmi/id/product_serial", "cannot be read"},
                                                       {"dmi", "/sys/class/dmi/id/board_serial", "cannot be read"}}));
}

TEST(BrokenTree, MissingAndGarbledFilesAreAbsentFieldsAndErrors) {
    BrokenCopy tree("laptop");
    tree.remove("sys/class/dmi/id/product_serial");
    tree.write("sys/class/dmi/id/chassis_type", "ten\n");
    tree.remove("proc/sys/kernel/arch");
    tree.write("proc/meminfo", "MemTotal:       lots\nMemFree:        12 kB\n");
    tree.remove("etc/os-release");
    tree.write("proc/uptime", "soon\n");
    tree.remove("sys/block/nvme0n1/queue/rotational");
    tree.remove("sys/block/nvme0n1/size");
    tree.remove("sys/class/net/wlp3s0/address");
    tree.remove("sys/class/power_supply/BAT0/energy_full");
    tree.remove("sys/class/power_supply/BAT0/voltage_min_design");
    Inventory inv;
    collectSystem(SysRoot(tree.dir.path()), inv, [](const fs::path&) { return std::nullopt; });

    EXPECT_EQ(inv.computer.serial, "");
    EXPECT_EQ(inv.computer.chassisType, "");
    EXPECT_EQ(inv.computer.vendor, "LENOVO") << "the rest is still read";
    ASSERT_EQ(inv.cpus.size(), 1u);
    EXPECT_EQ(inv.cpus[0].arch, "");
    EXPECT_EQ(inv.cpus[0].threads, 8);
    EXPECT_FALSE(inv.memoryBytes);
    EXPECT_EQ(inv.os.name, "");
    EXPECT_FALSE(inv.os.uptimeSeconds);
    EXPECT_EQ(inv.os.kernelVersion, "6.1.0-26-amd64");
    ASSERT_EQ(inv.disks.size(), 1u);
    EXPECT_FALSE(inv.disks[0].sizeBytes);
    EXPECT_EQ(inv.disks[0].type, "");
    EXPECT_EQ(inv.disks[0].model, "SAMSUNG MZVLB256HAHQ-000L7");
    ASSERT_EQ(inv.filesystems.size(), 2u);
    EXPECT_FALSE(inv.filesystems[0].totalBytes);
    ASSERT_EQ(inv.networks.size(), 3u);
    EXPECT_EQ(inv.networks[2].mac, "");
    EXPECT_EQ(inv.networks[2].type, "wifi");
    ASSERT_EQ(inv.batteries.size(), 1u);
    EXPECT_EQ(inv.batteries[0].designCapacityMwh, 57020);
    EXPECT_FALSE(inv.batteries[0].fullCapacityMwh);
    EXPECT_FALSE(inv.batteries[0].voltageMv);

    EXPECT_TRUE(hasError(inv, "dmi", "/sys/class/dmi/id/product_serial"));
    EXPECT_TRUE(hasError(inv, "dmi", "/sys/class/dmi/id/chassis_type"));
    EXPECT_TRUE(hasError(inv, "cpu", "/proc/sys/kernel/arch"));
    EXPECT_TRUE(hasError(inv, "os", "/proc/sys/kernel/arch"));
    EXPECT_TRUE(hasError(inv, "memory", "/proc/meminfo"));
    EXPECT_TRUE(hasError(inv, "os", "/etc/os-release"));
    EXPECT_TRUE(hasError(inv, "os", "/proc/uptime"));
    EXPECT_TRUE(hasError(inv, "storage", "/sys/block/nvme0n1/size"));
    EXPECT_TRUE(hasError(inv, "storage", "/sys/block/nvme0n1/queue/rotational"));
    EXPECT_TRUE(hasError(inv, "filesystems", "/"));
    EXPECT_TRUE(hasError(inv, "filesystems", "/boot/efi"));
    EXPECT_TRUE(hasError(inv, "network", "/sys/class/net/wlp3s0/address"));
    EXPECT_TRUE(hasError(inv, "battery", "/sys/class/power_supply/BAT0/energy_full"));
    EXPECT_TRUE(hasError(inv, "battery", "/sys/class/power_supply/BAT0/voltage_min_design"));
    EXPECT_EQ(inv.errors.size(), 14u) << errorList(inv);
}

TEST(BrokenTree, AnEmptyRootGivesNothingButErrors) {
    dps::test::TempDir empty;
    Inventory inv;
    collectSystem(SysRoot(empty.path()), inv, [](const fs::path&) { return std::nullopt; });
    EXPECT_EQ(inv.computer, Computer{});
    EXPECT_TRUE(inv.cpus.empty());
    EXPECT_FALSE(inv.memoryBytes);
    EXPECT_EQ(inv.os.name, "");
    EXPECT_TRUE(inv.disks.empty());
    EXPECT_TRUE(inv.filesystems.empty());
    EXPECT_TRUE(inv.networks.empty());
    EXPECT_TRUE(inv.batteries.empty());
    EXPECT_TRUE(hasError(inv, "cpu", "/proc/cpuinfo"));
    EXPECT_TRUE(hasError(inv, "memory", "/proc/meminfo"));
    EXPECT_TRUE(hasError(inv, "filesystems", "/proc/mounts"));
    EXPECT_TRUE(hasError(inv, "dmi", "/proc/sys/kernel/hostname"));
    EXPECT_TRUE(hasError(inv, "dmi", "/sys/class/dmi/id"));
    EXPECT_FALSE(hasError(inv, "dmi", "/sys/class/dmi/id/sys_vendor")) << "no DMI at all is one error, not eleven";
}

TEST(DmiCollector, AnUnknownChassisCodeIsAnErrorNotAGuess) {
    BrokenCopy tree("desktop");
    tree.write("sys/class/dmi/id/chassis_type", "99\n");
    Inventory inv;
    collectDmi(SysRoot(tree.dir.path()), inv);
    EXPECT_EQ(inv.computer.chassisType, "");
    EXPECT_EQ(inv.errors,
              (std::vector<CollectorError>{{"dmi", "/sys/class/dmi/id/chassis_type", "unknown chassis code 99"}}));
}

TEST(DmiCollector, PlaceholdersAreNoValues) {
    BrokenCopy tree("desktop");
    tree.write("sys/class/dmi/id/product_serial", "Default string\n");
    tree.write("sys/class/dmi/id/board_serial", "To Be Filled By O.E.M.\n");
    tree.write("sys/class/dmi/id/product_uuid", "03000200-0400-0500-0006-000700080009\n");
    tree.write("sys/class/dmi/id/board_name", "00000000-0000-0000-0000-000000000000\n");
    Inventory inv;
    collectDmi(SysRoot(tree.dir.path()), inv);
    EXPECT_EQ(inv.computer.serial, "");
    EXPECT_EQ(inv.computer.boardSerial, "");
    EXPECT_EQ(inv.computer.uuid, "");
    EXPECT_EQ(inv.computer.boardModel, "");
    EXPECT_EQ(inv.computer.model, "OptiPlex 7050");
    ASSERT_EQ(inv.errors.size(), 4u) << errorList(inv);
    EXPECT_EQ(inv.errors[0],
              (CollectorError{"dmi", "/sys/class/dmi/id/product_serial", "holds a placeholder: 'Default string'"}));
}

TEST(DmiCollector, ChassisCodesFollowSmbios) {
    const std::map<int, std::string> expected = {{3, "Desktop"},   {8, "Portable"},     {9, "Laptop"},
                                                 {10, "Notebook"}, {13, "All in One"},  {14, "Sub Notebook"},
                                                 {30, "Tablet"},   {31, "Convertible"}, {32, "Detachable"},
                                                 {35, "Mini PC"},  {36, "Stick PC"},    {7, "Tower"}};
    BrokenCopy tree("desktop");
    for (const auto& [code, words] : expected) {
        tree.write("sys/class/dmi/id/chassis_type", std::to_string(code) + "\n");
        Inventory inv;
        collectDmi(SysRoot(tree.dir.path()), inv);
        EXPECT_EQ(inv.computer.chassisType, words) << code;
    }
}

TEST(BatteryCollector, AnEmptyBayIsNoBattery) {
    BrokenCopy tree("laptop");
    tree.write("sys/class/power_supply/BAT0/present", "0\n");
    for (const char* gone : {"manufacturer", "model_name", "serial_number", "technology", "cycle_count",
                             "voltage_min_design", "energy_full_design", "energy_full"})
        tree.remove(std::string("sys/class/power_supply/BAT0/") + gone);
    Inventory inv;
    collectBatteries(SysRoot(tree.dir.path()), inv);
    EXPECT_TRUE(inv.batteries.empty());
    EXPECT_TRUE(inv.errors.empty()) << errorList(inv);
}

TEST(StorageCollector, AnEmptyCardSlotIsNoDisk) {
    BrokenCopy tree("desktop");
    tree.write("sys/block/sdc/size", "0\n");
    tree.write("sys/block/sdc/removable", "1\n");
    tree.write("sys/block/sdc/device/model", "SD/MMC/MS PRO\n");
    Inventory inv;
    collectStorage(SysRoot(tree.dir.path()), inv);
    ASSERT_EQ(inv.disks.size(), 2u);
    EXPECT_EQ(inv.disks[1].name, "sdb");
    EXPECT_TRUE(inv.errors.empty()) << errorList(inv);
}

TEST(CpuCollector, TwoPackagesAreTwoCpus) {
    std::string cpuinfo;
    for (int i = 0; i < 8; ++i) {
        cpuinfo += "processor\t: " + std::to_string(i) + "\nvendor_id\t: AuthenticAMD\n" +
                   "model name\t: AMD EPYC 7262 8-Core Processor\ncpu MHz\t\t: 3200.000\n" +
                   "physical id\t: " + std::to_string(i / 4) + "\ncore id\t\t: " + std::to_string((i % 4) / 2) + "\n\n";
    }
    dps::test::TempDir dir;
    fs::create_directories(dir / "proc/sys/kernel");
    dps::test::writeFile(dir / "proc/cpuinfo", cpuinfo);
    dps::test::writeFile(dir / "proc/sys/kernel/arch", "x86_64\n");
    Inventory inv;
    collectCpu(SysRoot(dir.path()), inv);
    const auto epyc = cpu("AuthenticAMD", "AMD EPYC 7262 8-Core Processor", 2, 4, 3200, "x86_64");
    EXPECT_EQ(inv.cpus, (std::vector<Cpu>{epyc, epyc}));
    EXPECT_TRUE(inv.errors.empty()) << errorList(inv);
}

TEST(CpuCollector, ArmCpuinfoFillsWhatItHas) {
    // A Raspberry Pi's 32-bit kernel: no vendor_id, model name, physical or core id, nor MHz.
    std::string cpuinfo;
    for (int i = 0; i < 4; ++i)
        cpuinfo += "processor\t: " + std::to_string(i) +
                   "\nBogoMIPS\t: 108.00\nFeatures\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt "
                   "vfpd32 lpae evtstrm crc32\nCPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x0\n"
                   "CPU part\t: 0xd08\nCPU revision\t: 3\n\n";
    cpuinfo += "Hardware\t: BCM2835\nRevision\t: c03114\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n";
    dps::test::TempDir dir;
    fs::create_directories(dir / "proc");
    dps::test::writeFile(dir / "proc/cpuinfo", cpuinfo);
    Inventory inv;
    collectCpu(SysRoot(dir.path()), inv);
    EXPECT_EQ(inv.cpus, (std::vector<Cpu>{cpu("", "BCM2835", 4, 4, std::nullopt, "")}));
    EXPECT_TRUE(hasError(inv, "cpu", "/proc/sys/kernel/arch"));
    EXPECT_TRUE(hasError(inv, "cpu", "/proc/cpuinfo")) << "no vendor_id";
}

TEST(CpuCollector, ACpuinfoWithoutProcessorsIsAnError) {
    dps::test::TempDir dir;
    fs::create_directories(dir / "proc/sys/kernel");
    dps::test::writeFile(dir / "proc/cpuinfo", "\x01\x02garbage without colons\n\n\n");
    dps::test::writeFile(dir / "proc/sys/kernel/arch", "x86_64\n");
    Inventory inv;
    collectCpu(SysRoot(dir.path()), inv);
    EXPECT_TRUE(inv.cpus.empty());
    EXPECT_EQ(inv.errors, (std::vector<CollectorError>{{"cpu", "/proc/cpuinfo", "lists no processor"}}));
}

// ---- this machine, asked another way

namespace {

std::string osReleaseName(const std::string& file) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("NAME=", 0) != 0) continue;
        auto v = line.substr(5);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
        return v;
    }
    return {};
}

} // namespace

TEST(ThisMachine, CollectorsAgreeWithTheOs) {
    Inventory inv;
    collectSystem(SysRoot("/"), inv);
    // What this machine does not show (no DMI in a VM or container, root-only serials) is no failure.
    std::cout << "[ this machine ] " << inv.cpus.size() << " cpu(s), " << inv.disks.size() << " disk(s), "
              << inv.filesystems.size() << " filesystem(s), " << inv.networks.size() << " interface(s), "
              << inv.batteries.size() << " battery(ies); errors:\n"
              << errorList(inv);

    int threads = 0;
    for (const auto& c : inv.cpus)
        threads += c.threads;
    const auto online = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
    const auto concurrency = static_cast<int>(std::thread::hardware_concurrency());
    EXPECT_TRUE(threads == online || threads == concurrency)
        << threads << " threads; online " << online << ", hardware_concurrency " << concurrency;

    std::int64_t memTotalKib = 0;
    {
        std::ifstream meminfo("/proc/meminfo");
        std::string key, unit;
        while (meminfo >> key >> memTotalKib >> unit && key != "MemTotal:") {
        }
    }
    ASSERT_GT(memTotalKib, 0);
    EXPECT_EQ(inv.memoryBytes, memTotalKib * 1024);

    struct statvfs s {};
    ASSERT_EQ(::statvfs("/", &s), 0);
    const auto it = std::find_if(inv.filesystems.begin(), inv.filesystems.end(),
                                 [](const Filesystem& f) { return f.mountPoint == "/"; });
    if (it == inv.filesystems.end()) {
        // A container's overlay root holds no disk of the machine; then there is nothing to compare.
        std::ifstream mounts("/proc/mounts");
        std::string rootType;
        for (std::string dev, mp, type, rest; mounts >> dev >> mp >> type && std::getline(mounts, rest);)
            if (mp == "/") rootType = type;
        if (rootType == "overlay" || rootType == "tmpfs" || rootType == "rootfs") GTEST_SKIP() << "/ is " << rootType;
        FAIL() << "no filesystem mounted at / (it is " << rootType << ")\n" << errorList(inv);
    }
    EXPECT_EQ(it->totalBytes, static_cast<std::int64_t>(s.f_blocks) * static_cast<std::int64_t>(s.f_frsize));

    auto name = osReleaseName("/etc/os-release");
    if (name.empty()) name = osReleaseName("/usr/lib/os-release");
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(inv.os.name, name);
}
