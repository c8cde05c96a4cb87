#include "agent/inventory/GlpiDocument.h"

#include <cctype>

namespace dps::agent::inventory {
namespace {

using nlohmann::json;

constexpr std::int64_t kMiB = 1024 * 1024;

// Only what is known goes in: GLPI treats a missing key as unknown, an empty string as a value.
void put(json& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}
template <class T> void put(json& j, const char* key, const std::optional<T>& value) {
    if (value) j[key] = *value;
}
std::optional<std::int64_t> mebibytes(const std::optional<std::int64_t>& bytes) {
    if (!bytes) return std::nullopt;
    return *bytes / kMiB;
}

// GLPI's architecture pattern knows these spellings; another is left out rather than refused.
bool glpiArch(const std::string& a) {
    static const char* known[] = {"x86_64", "aarch64", "i386",  "i486",    "i586", "i686",    "mips",
                                  "mips64", "alpha",   "sparc", "sparc64", "m68k", "powerpc", "powerpc64"};
    for (const char* k : known)
        if (a == k) return true;
    return a.rfind("arm", 0) == 0;
}

json hardware(const Inventory& inv) {
    json h = json::object();
    put(h, "name", inv.computer.hostname);
    put(h, "uuid", inv.computer.uuid);
    put(h, "chassis_type", inv.computer.chassisType);
    put(h, "memory", mebibytes(inv.memoryBytes));
    return h;
}

json bios(const Inventory& inv) {
    const Computer& c = inv.computer;
    json b = json::object();
    put(b, "bmanufacturer", c.biosVendor);
    put(b, "bversion", c.biosVersion);
    put(b, "bdate", isoBiosDate(c.biosDate));
    put(b, "smanufacturer", c.vendor);
    put(b, "smodel", c.model);
    put(b, "ssn", c.serial);
    put(b, "mmanufacturer", c.boardVendor);
    put(b, "mmodel", c.boardModel);
    put(b, "msn", c.boardSerial);
    return b;
}

json cpus(const Inventory& inv) {
    json a = json::array();
    for (const Cpu& c : inv.cpus) {
        json j = json::object();
        put(j, "manufacturer", c.vendor);
        put(j, "name", c.model);
        if (c.cores) j["core"] = c.cores;
        // GLPI's "thread" is threads per core.
        if (c.cores && c.threads) j["thread"] = c.threads / c.cores;
        put(j, "speed", c.speedMhz);
        if (glpiArch(c.arch)) j["arch"] = c.arch;
        a.push_back(std::move(j));
    }
    return a;
}

json storages(const Inventory& inv) {
    json a = json::array();
    for (const Disk& d : inv.disks) {
        json j = {{"name", d.name}, {"type", d.type == "removable" ? "removable" : "disk"}};
        put(j, "model", d.model);
        put(j, "serial", d.serial);
        put(j, "manufacturer", d.vendor);
        put(j, "disksize", mebibytes(d.sizeBytes));
        if (d.type == "ssd" || d.type == "hdd") j["description"] = d.type == "ssd" ? "SSD" : "HDD";
        a.push_back(std::move(j));
    }
    return a;
}

json drives(const Inventory& inv) {
    json a = json::array();
    for (const Filesystem& f : inv.filesystems) {
        json j = {{"type", f.mountPoint}};
        put(j, "volumn", f.device);
        put(j, "filesystem", f.type);
        put(j, "total", mebibytes(f.totalBytes));
        put(j, "free", mebibytes(f.freeBytes));
        a.push_back(std::move(j));
    }
    return a;
}

json monitors(const Inventory& inv) {
    json a = json::array();
    for (const Monitor& m : inv.monitors) {
        json j = json::object();
        put(j, "caption", m.model);
        put(j, "name", m.model);
        put(j, "manufacturer", m.manufacturer);
        put(j, "serial", m.serial);
        put(j, "port", m.connector);
        put(j, "base64", m.edidBase64);
        a.push_back(std::move(j));
    }
    return a;
}

json usbdevices(const Inventory& inv) {
    json a = json::array();
    for (const UsbDevice& u : inv.usb) {
        json j = {{"vendorid", u.vendorId},
                  {"productid", u.productId},
                  {"class", std::to_string(u.deviceClass)},
                  {"subclass", std::to_string(u.subclass)}};
        put(j, "manufacturer", u.manufacturer);
        put(j, "name", u.product);
        put(j, "serial", u.serial);
        a.push_back(std::move(j));
    }
    return a;
}

json printers(const Inventory& inv) {
    json a = json::array();
    for (const Printer& p : inv.printers) {
        json j = {{"name", p.name}};
        put(j, "driver", p.makeModel);
        put(j, "status", p.state);
        put(j, "port", p.uri);
        a.push_back(std::move(j));
    }
    return a;
}

json networks(const Inventory& inv) {
    json a = json::array();
    for (const NetworkInterface& n : inv.networks) {
        json j = {{"description", n.name}, {"status", n.up ? "up" : "down"}, {"virtualdev", n.type == "loopback"}};
        put(j, "mac", n.mac);
        if (n.type == "ethernet" || n.type == "wifi" || n.type == "loopback") j["type"] = n.type;
        a.push_back(std::move(j));
    }
    return a;
}

json operatingsystem(const Inventory& inv) {
    const OperatingSystem& o = inv.os;
    json j = json::object();
    put(j, "name", o.name);
    put(j, "version", o.version);
    put(j, "full_name", o.fullName);
    put(j, "kernel_name", o.kernelName);
    put(j, "kernel_version", o.kernelVersion);
    put(j, "arch", o.arch);
    return j;
}

json batteries(const Inventory& inv) {
    json a = json::array();
    for (const Battery& b : inv.batteries) {
        json j = json::object();
        put(j, "name", b.model.empty() ? b.name : b.model);
        put(j, "manufacturer", b.manufacturer);
        put(j, "serial", b.serial);
        put(j, "chemistry", b.technology);
        put(j, "capacity", b.designCapacityMwh);
        put(j, "real_capacity", b.fullCapacityMwh);
        put(j, "voltage", b.voltageMv);
        a.push_back(std::move(j));
    }
    return a;
}

json memories(const Inventory& inv) {
    json a = json::array();
    // The OS knows the total, not the modules (that needs root and the SMBIOS tables).
    if (inv.memoryBytes) a.push_back({{"caption", "System memory"}, {"capacity", *inv.memoryBytes / kMiB}});
    return a;
}

json dpsPart(const Inventory& inv, const DocumentFacts& facts) {
    json readers = json::array();
    for (const auto& r : inv.cardReaders.readers)
        readers.push_back(r);
    json batteryHealth = json::array();
    for (const Battery& b : inv.batteries) {
        json j = {{"name", b.name}};
        put(j, "cycle_count", b.cycleCount);
        if (b.designCapacityMwh && b.fullCapacityMwh && *b.designCapacityMwh > 0)
            j["health_percent"] = static_cast<int>(*b.fullCapacityMwh * 100 / *b.designCapacityMwh);
        batteryHealth.push_back(std::move(j));
    }
    json usbKinds = json::array();
    for (const UsbDevice& u : inv.usb)
        usbKinds.push_back({{"vendorid", u.vendorId}, {"productid", u.productId}, {"kind", u.kind}});
    json disks = json::array();
    for (const Disk& d : inv.disks)
        disks.push_back({{"name", d.name}, {"type", d.type}});
    json problems = json::object();
    for (const auto& [item, state] : facts.equipmentProblems)
        problems[item] = state;
    json errors = json::array();
    for (const CollectorError& e : inv.errors)
        errors.push_back({{"collector", e.collector}, {"path", e.path}, {"what", e.what}});
    json os = json::object();
    put(os, "uptime_seconds", inv.os.uptimeSeconds);
    return {{"agent_version", facts.agentVersion},
            {"card_readers", {{"pcscd_answers", inv.cardReaders.pcscdAnswers}, {"readers", readers}}},
            {"usb_kinds", usbKinds},
            {"disk_types", disks},
            {"battery_health", batteryHealth},
            {"equipment_problems", problems},
            {"os", os},
            {"collector_errors", errors}};
}

} // namespace

std::string isoBiosDate(const std::string& d) {
    // "MM/DD/YYYY"
    if (d.size() != 10 || d[2] != '/' || d[5] != '/') return "";
    for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(d[i]))) return "";
    return d.substr(6, 4) + "-" + d.substr(0, 2) + "-" + d.substr(3, 2);
}

json glpiDocument(const Inventory& inv, const DocumentFacts& facts) {
    json content = {{"versionclient", "dps-agent_v" + facts.agentVersion},
                    {"hardware", hardware(inv)},
                    {"bios", bios(inv)},
                    {"cpus", cpus(inv)},
                    {"memories", memories(inv)},
                    {"storages", storages(inv)},
                    {"drives", drives(inv)},
                    {"monitors", monitors(inv)},
                    {"usbdevices", usbdevices(inv)},
                    {"printers", printers(inv)},
                    {"networks", networks(inv)},
                    {"operatingsystem", operatingsystem(inv)},
                    {"batteries", batteries(inv)}};
    return {{"action", "inventory"}, {"deviceid", facts.deviceId}, {"itemtype", "Computer"}, {"content", content}};
}

json inventoryMessage(const Inventory& inv, const DocumentFacts& facts) {
    return {{"format", "dps-inventory/1"}, {"glpi", glpiDocument(inv, facts)}, {"dps", dpsPart(inv, facts)}};
}

} // namespace dps::agent::inventory
