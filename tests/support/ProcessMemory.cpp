#include "ProcessMemory.h"

#include <cstdint>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace dps::test {
namespace {

struct Region {
    std::uintptr_t begin, end;
};

// Writable and not backed by a file: where a program's data lives.
std::vector<Region> writablePrivateRegions(pid_t pid) {
    std::vector<Region> regions;
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    for (std::string line; std::getline(maps, line);) {
        std::istringstream fields(line);
        std::string range, perms, offset, device, inode, name;
        fields >> range >> perms >> offset >> device >> inode >> name;
        const bool anonymous = name.empty() || name == "[heap]" || name.rfind("[stack", 0) == 0;
        if (perms.rfind("rw", 0) != 0 || !anonymous) continue;
        const auto dash = range.find('-');
        regions.push_back(
            {std::stoull(range.substr(0, dash), nullptr, 16), std::stoull(range.substr(dash + 1), nullptr, 16)});
    }
    return regions;
}

} // namespace

MemorySearch searchMemory(pid_t pid, const std::vector<std::string_view>& needles) {
    MemorySearch result;
    const std::vector<Region> regions = writablePrivateRegions(pid);
    const int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
    if (mem < 0) return result;
    for (const Region& region : regions) {
        const std::size_t size = region.end - region.begin;
        void* buffer = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (buffer == MAP_FAILED) continue;
        const ssize_t got = ::pread(mem, buffer, size, static_cast<off_t>(region.begin));
        if (got > 0) {
            result.bytesRead += static_cast<std::size_t>(got);
            const std::string_view bytes(static_cast<const char*>(buffer), static_cast<std::size_t>(got));
            for (const std::string_view needle : needles) {
                for (auto at = bytes.find(needle); at != std::string_view::npos; at = bytes.find(needle, at + 1))
                    ++result.found;
            }
        }
        ::munmap(buffer, size);
    }
    ::close(mem);
    return result;
}

} // namespace dps::test
