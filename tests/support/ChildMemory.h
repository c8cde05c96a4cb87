#pragma once
#include "ProcessMemory.h"

#include <functional>
#include <string_view>
#include <vector>

namespace dps::test {

// What a child left in its memory, searched from its parent.
struct ChildSearch {
    MemorySearch search;
    int exitCode = -1; // work()'s return value; -1 when the child died otherwise
};

// Runs work() in a forked child that then stops itself (SIGSTOP) with everything it did still in
// its memory; this process searches it (searchMemory), lets it go and collects its exit code.
// Searching from another process is what keeps the search honest: a search in its own process
// loads the needles into registers, and the next lazy symbol lookup writes them to its stack.
ChildSearch runAndSearchChild(const std::function<int()>& work, const std::vector<std::string_view>& needles);

// For work() to call last: makes the kernel write this thread's whole register state (the vector
// registers included) into memory the search reads, as any signal the kiosk takes writes it on
// its stack. An alternate signal stack of its own keeps later calls from overwriting it.
void spillRegistersToMemory();

} // namespace dps::test
