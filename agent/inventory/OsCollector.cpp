#include "agent/inventory/OsCollector.h"

#include "agent/inventory/TextFields.h"

#include <charconv>
#include <map>
#include <sstream>

namespace dps::agent::inventory {

namespace {

constexpr const char* kOsCollector = "os";

// os-release(5): KEY=value, the value possibly in single or double quotes with backslash escapes.
std::map<std::string, std::string> parseOsRelease(const std::string& content) {
    std::map<std::string, std::string> fields;
    std::istringstream lines(content);
    for (std::string line; std::getline(lines, line);) {
        const auto kv = text::keyValue(line, '=');
        if (!kv || kv->first.empty() || kv->first[0] == '#') continue;
        std::string value = kv->second;
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
            std::string unquoted;
            for (std::size_t i = 1; i + 1 < value.size(); ++i) {
                if (value[i] == '\\' && i + 2 < value.size()) ++i;
                unquoted += value[i];
            }
            value = unquoted;
        }
        fields[kv->first] = value;
    }
    return fields;
}

} // namespace

void collectOs(const SysRoot& root, Inventory& into) {
    auto& os = into.os;
    // /etc/os-release is the admin's override; /usr/lib/os-release the vendor's, read only without it.
    auto release = root.text("/etc/os-release", kOsCollector, into, false);
    if (!release) release = root.text("/usr/lib/os-release", kOsCollector, into, false);
    if (release) {
        auto fields = parseOsRelease(*release);
        os.name = fields["NAME"];
        os.version = fields["VERSION"];
        os.fullName = fields["PRETTY_NAME"];
        if (os.name.empty()) into.errors.push_back({kOsCollector, "/etc/os-release", "has no NAME"});
    } else {
        into.errors.push_back({kOsCollector, "/etc/os-release", "cannot be read, nor /usr/lib/os-release"});
    }
    os.kernelName = "linux";
    os.kernelVersion = text::trim(root.text("/proc/sys/kernel/osrelease", kOsCollector, into).value_or(""));
    os.arch = text::trim(root.text("/proc/sys/kernel/arch", kOsCollector, into).value_or(""));

    const std::string uptimePath = "/proc/uptime";
    if (const auto uptime = root.text(uptimePath, kOsCollector, into)) {
        // "12345.67 45678.90": seconds since boot, then idle time summed over processors.
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(uptime->data(), uptime->data() + uptime->size(), seconds);
        if (ec == std::errc() && (end == uptime->data() + uptime->size() || *end == '.' || *end == ' '))
            os.uptimeSeconds = seconds;
        else
            into.errors.push_back(
                {kOsCollector, uptimePath, "is not a number of seconds: '" + uptime->substr(0, 40) + "'"});
    }
}

} // namespace dps::agent::inventory
