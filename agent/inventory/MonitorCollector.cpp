#include "agent/inventory/MonitorCollector.h"

#include "agent/core/inventory/Base64.h"
#include "agent/core/inventory/Edid.h"

#include <cctype>
#include <cstdio>

namespace dps::agent::inventory {

namespace {

constexpr const char* kMonitorCollector = "edid";
constexpr const char* kDrm = "/sys/class/drm/";

// "card0-HDMI-A-1" → "HDMI-A-1"; "" for the cards themselves ("card0"), render nodes and the rest.
std::string connectorName(const std::string& entry) {
    if (entry.rfind("card", 0) != 0) return {};
    std::size_t i = 4;
    while (i < entry.size() && std::isdigit(static_cast<unsigned char>(entry[i])))
        ++i;
    if (i == 4 || i + 1 >= entry.size() || entry[i] != '-') return {};
    return entry.substr(i + 1);
}

// Upper case, no prefix: how a monitor's hardware id writes it after the PNP id ("DEL40A3").
std::string upperHex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
    return buf;
}

} // namespace

void collectMonitors(const SysRoot& root, Inventory& into) {
    for (const auto& entry : root.list(kDrm)) {
        const std::string connector = connectorName(entry);
        if (connector.empty()) continue;
        const std::string dir = kDrm + entry;
        const auto status = root.text(dir + "/status", kMonitorCollector, into);
        if (status != "connected") continue;
        const std::string path = dir + "/edid";
        const auto raw = root.bytes(path);
        if (!raw) {
            into.errors.push_back({kMonitorCollector, path, "cannot be read"});
            continue;
        }
        const EdidParse parsed = parseEdid(*raw);
        if (!parsed.edid) {
            // An empty file is how the kernel says a connected display gave no EDID.
            into.errors.push_back({kMonitorCollector, path, parsed.error});
            continue;
        }
        const Edid& e = *parsed.edid;
        Monitor m;
        m.connector = connector;
        m.manufacturer = e.manufacturer;
        m.model = !e.name.empty() ? e.name : upperHex4(e.productCode);
        if (!e.serial.empty())
            m.serial = e.serial;
        else if (e.serialNumber != 0)
            m.serial = std::to_string(e.serialNumber);
        m.year = e.year;
        m.edidBase64 = base64(*raw);
        into.monitors.push_back(std::move(m));
    }
}

} // namespace dps::agent::inventory
