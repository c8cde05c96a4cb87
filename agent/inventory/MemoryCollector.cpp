#include "agent/inventory/MemoryCollector.h"

#include "agent/inventory/TextFields.h"

#include <charconv>
#include <sstream>

namespace dps::agent::inventory {

void collectMemory(const SysRoot& root, Inventory& into) {
    const std::string path = "/proc/meminfo";
    const auto meminfo = root.text(path, "memory", into);
    if (!meminfo) return;
    std::istringstream lines(*meminfo);
    for (std::string line; std::getline(lines, line);) {
        const auto kv = text::keyValue(line, ':');
        if (!kv || kv->first != "MemTotal") continue;
        // The kernel writes "MemTotal:       16211524 kB", where kB means KiB.
        const std::string& v = kv->second;
        std::int64_t kib = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), kib);
        if (ec == std::errc() && std::string_view(end, static_cast<std::size_t>(v.data() + v.size() - end)) == " kB" &&
            kib > 0) {
            into.memoryBytes = kib * 1024;
        } else {
            into.errors.push_back({"memory", path, "MemTotal is not a size in kB: '" + v.substr(0, 40) + "'"});
        }
        return;
    }
    into.errors.push_back({"memory", path, "has no MemTotal"});
}

} // namespace dps::agent::inventory
