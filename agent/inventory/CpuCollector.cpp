#include "agent/inventory/CpuCollector.h"

#include "agent/inventory/TextFields.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace dps::agent::inventory {

namespace {

constexpr const char* kCpuCollector = "cpu";
const std::string kCpuinfo = "/proc/cpuinfo";

struct Package {
    Cpu cpu;
    std::set<std::string> coreIds;
};

std::optional<int> mhz(const std::string& value, double scale = 1) {
    double v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v <= 0 || v * scale > 1e6) return std::nullopt;
    return static_cast<int>(std::lround(v * scale));
}

// Intel names the nominal speed in the model ("… CPU @ 1.60GHz"); "cpu MHz" is the current one,
// which would change from one inventory to the next, so it is only the fallback.
std::optional<int> nominalMhz(const std::string& model) {
    const auto at = model.rfind("@ ");
    if (at == std::string::npos || model.size() < 3 || model.compare(model.size() - 3, 3, "GHz") != 0)
        return std::nullopt;
    return mhz(text::trim(model.substr(at + 2, model.size() - 3 - at - 2)), 1000);
}

} // namespace

void collectCpu(const SysRoot& root, Inventory& into) {
    const auto cpuinfo = root.text(kCpuinfo, kCpuCollector, into);
    if (!cpuinfo) return;
    const auto arch = root.text("/proc/sys/kernel/arch", kCpuCollector, into);

    // One block per logical processor, separated by blank lines; x86 names the package and core,
    // ARM has neither (and no "model name" on older kernels), so it counts as one package whose
    // processors are its cores.
    std::map<int, Package> packages; // by package number, so package 10 comes after 2
    std::map<std::string, std::string> block;
    std::string armModel; // 32-bit ARM's "Hardware" line stands after the blocks
    auto flush = [&] {
        if (block.find("processor") == block.end()) {
            if (auto h = block.find("Hardware"); h != block.end()) armModel = h->second;
            block.clear();
            return;
        }
        int id = 0;
        if (const auto pid = block.find("physical id"); pid != block.end())
            std::from_chars(pid->second.data(), pid->second.data() + pid->second.size(), id);
        auto& p = packages[id];
        ++p.cpu.threads;
        p.coreIds.insert(block.count("core id") ? block["core id"] : block["processor"]);
        if (p.cpu.vendor.empty() && block.count("vendor_id")) p.cpu.vendor = block["vendor_id"];
        if (p.cpu.model.empty() && block.count("model name")) p.cpu.model = block["model name"];
        if (!p.cpu.speedMhz && block.count("cpu MHz")) p.cpu.speedMhz = mhz(block["cpu MHz"]);
        block.clear();
    };
    std::istringstream lines(*cpuinfo);
    for (std::string line; std::getline(lines, line);) {
        if (text::trim(line).empty()) {
            flush();
            continue;
        }
        if (auto kv = text::keyValue(line, ':')) block[kv->first] = kv->second;
    }
    flush();

    if (packages.empty()) {
        into.errors.push_back({kCpuCollector, kCpuinfo, "lists no processor"});
        return;
    }
    bool noVendor = false, noModel = false;
    for (auto& [id, p] : packages) {
        p.cpu.cores = static_cast<int>(p.coreIds.size());
        if (p.cpu.model.empty()) p.cpu.model = armModel;
        if (const auto nominal = nominalMhz(p.cpu.model)) p.cpu.speedMhz = nominal;
        p.cpu.arch = text::trim(arch.value_or(""));
        noVendor = noVendor || p.cpu.vendor.empty();
        noModel = noModel || p.cpu.model.empty();
        into.cpus.push_back(p.cpu);
    }
    if (noVendor) into.errors.push_back({kCpuCollector, kCpuinfo, "has no vendor_id"});
    if (noModel) into.errors.push_back({kCpuCollector, kCpuinfo, "has no model name"});
}

} // namespace dps::agent::inventory
