#pragma once
#include <cstddef>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace dps::test {

struct MemorySearch {
    std::size_t found = 0;     // occurrences of all the needles together
    std::size_t bytesRead = 0; // tells a search that ran from one that could read nothing
};

// Searches a process's writable private memory (heap, malloc arenas, thread stacks, the main
// stack) for needles, through /proc/PID/mem (this process's own, or a child's: root may read it).
// Each region is copied into a fresh mapping outside the heap, so the search neither follows
// pointers into freed memory nor finds its own copies of what it looks for.
MemorySearch searchMemory(pid_t pid, const std::vector<std::string_view>& needles);

} // namespace dps::test
