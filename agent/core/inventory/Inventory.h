#pragma once
// What a terminal is and has (issue 7), as the collectors read it from the OS: plain values, no
// I/O. GlpiDocument turns it into GLPI's native inventory JSON. A field a collector could not read
// stays empty (std::nullopt or ""), and the reason is one CollectorError: never a guess.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dps::agent::inventory {

struct CollectorError {
    std::string collector; // "dmi", "cpu", "edid"…
    std::string path;      // what could not be read, relative to the root ("/sys/class/dmi/id/product_serial")
    std::string what;      // why, in words
    bool operator==(const CollectorError&) const = default;
};

struct Computer {
    std::string vendor, model, serial, uuid;
    std::string chassisType; // GLPI's words: "Laptop", "Desktop", "Notebook", … from the DMI chassis code
    std::string biosVendor, biosVersion, biosDate; // biosDate as DMI has it: MM/DD/YYYY
    std::string boardVendor, boardModel, boardSerial;
    std::string hostname;
    bool operator==(const Computer&) const = default;
};

struct Cpu {
    std::string vendor, model; // "GenuineIntel", "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz"
    int cores = 0, threads = 0;
    std::optional<int> speedMhz;
    std::string arch; // "x86_64"
    bool operator==(const Cpu&) const = default;
};

struct OperatingSystem {
    std::string name, version, fullName;   // from os-release: "Debian GNU/Linux", "12 (bookworm)", PRETTY_NAME
    std::string kernelName, kernelVersion; // "linux", "6.1.0-26-amd64"
    std::string arch;
    std::optional<std::int64_t> uptimeSeconds;
    bool operator==(const OperatingSystem&) const = default;
};

struct Disk {
    std::string name; // "sda", "nvme0n1", "mmcblk0"
    std::string model, serial, vendor;
    std::optional<std::int64_t> sizeBytes;
    std::string type; // "ssd", "hdd" (removable media are never collected: StorageCollector.h)
    bool operator==(const Disk&) const = default;
};

struct Filesystem {
    std::string mountPoint, device, type;
    std::optional<std::int64_t> totalBytes, freeBytes;
    bool operator==(const Filesystem&) const = default;
};

struct Monitor {
    std::string connector;    // "eDP-1", "HDMI-A-1" (from the DRM card's connector name)
    std::string manufacturer; // the EDID's three-letter PNP id, e.g. "DEL"
    std::string model;        // the EDID's monitor name descriptor, else its product code
    std::string serial;       // the serial descriptor, else the numeric serial
    std::optional<int> year;  // year of manufacture
    std::string edidBase64;   // the EDID itself (GLPI keeps it)
    bool operator==(const Monitor&) const = default;
};

struct UsbDevice {
    std::string vendorId, productId; // four hex digits, lower case
    std::string manufacturer, product, serial;
    int deviceClass = 0, subclass = 0; // the device's, or its first interface's when the device says 0
    // The terminal's equipment only (dps/core/UsbEquipment.h): hub, keyboard, mouse, touch,
    // smartcard_reader, printer, braille, builtin_camera. No other device is ever collected.
    std::string kind;
    bool operator==(const UsbDevice&) const = default;
};

struct Printer {
    std::string name, makeModel, state; // state: idle, printing, stopped
    std::string uri;                    // without credentials
    bool operator==(const Printer&) const = default;
};

struct Battery {
    std::string name, manufacturer, model, serial, technology;
    std::optional<std::int64_t> designCapacityMwh, fullCapacityMwh; // mWh (µWh or µAh×V from sysfs)
    std::optional<int> cycleCount;
    std::optional<std::int64_t> voltageMv;
    bool operator==(const Battery&) const = default;
};

struct NetworkInterface {
    std::string name, mac;
    std::string type; // ethernet, wifi, loopback, other
    bool up = false;
    bool operator==(const NetworkInterface&) const = default;
};

struct CardReaders {
    bool pcscdAnswers = false;
    std::vector<std::string> readers; // names as pcsc-lite gives them
    bool operator==(const CardReaders&) const = default;
};

struct Inventory {
    Computer computer;
    std::vector<Cpu> cpus; // one per physical package
    std::optional<std::int64_t> memoryBytes;
    OperatingSystem os;
    std::vector<Disk> disks;
    std::vector<Filesystem> filesystems;
    std::vector<Monitor> monitors;
    std::vector<UsbDevice> usb;
    std::vector<Printer> printers;
    std::vector<Battery> batteries;
    std::vector<NetworkInterface> networks;
    CardReaders cardReaders;
    std::vector<CollectorError> errors;
};

} // namespace dps::agent::inventory
