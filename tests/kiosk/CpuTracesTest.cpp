// wipeCpuTraces(), proved on what it promises, in a child searched from its parent
// (tests/support/ChildMemory): a canary put in the last vector register, or left in a popped stack
// frame, is gone after the wipe. Each case also runs as --control, without the wipe, where the same
// search must find the canary, or the case proves nothing. Run by ctest as:
//   dps-cpu-traces-test registers|stack [--control]
#include "kiosk/adapters/eid/CpuTraces.h"

#include "ChildMemory.h"

#include <cstdio>
#include <string>
#include <string_view>

using namespace dps::test;

namespace {

// 64 bytes, the width of the widest register; only ever in read-only data, so the search finds
// copies made by the case itself, nothing else.
alignas(64) const char kCanary[64] = "QZREGISTERCANARY-QZREGISTERCANARY-QZREGISTERCANARY-QZREGISTERCA";
constexpr std::string_view kNeedle = "QZREGISTERCANARY";

// Loads the canary into the register a memcpy of card data would leave last: glibc's AVX-512
// memmove uses zmm16-zmm31, the others ymm/xmm0-15.
[[gnu::noinline]] void loadCanaryIntoARegister() {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f")) {
        asm volatile("vmovdqu64 (%0), %%zmm31" : : "r"(kCanary) : "memory");
    } else if (__builtin_cpu_supports("avx")) {
        asm volatile("vmovdqu (%0), %%ymm15" : : "r"(kCanary) : "memory");
    } else {
        asm volatile("movdqu (%0), %%xmm15" : : "r"(kCanary) : "memory");
    }
#elif defined(__aarch64__)
    asm volatile("ldr q31, [%0]" : : "r"(kCanary) : "memory");
#endif
}

// Leaves the canary in a frame that is then popped, below some room as a deep call would.
[[gnu::noinline]] void leaveCanaryInAPoppedFrame() {
    volatile char frame[4096 + sizeof kCanary];
    for (std::size_t i = 0; i < sizeof kCanary; ++i)
        frame[i] = kCanary[i]; // byte by byte (volatile): the copy goes through no vector register
    for (std::size_t i = sizeof kCanary; i < sizeof frame; ++i)
        frame[i] = 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string which = argc >= 2 ? argv[1] : "";
    const bool control = argc == 3 && std::string_view(argv[2]) == "--control";
    if (which != "registers" && which != "stack") {
        std::fprintf(stderr, "usage: dps-cpu-traces-test registers|stack [--control]\n");
        return 2;
    }
    const ChildSearch child = runAndSearchChild(
        [&] {
            if (which == "registers")
                loadCanaryIntoARegister();
            else
                leaveCanaryInAPoppedFrame();
            if (!control) dps::kiosk::eid::wipeCpuTraces();
            spillRegistersToMemory();
            return 0;
        },
        {kNeedle});
    int failures = 0;
    const auto check = [&](bool ok, const std::string& what) {
        std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
        if (!ok) ++failures;
    };
    check(child.exitCode == 0, "the child ran to its end");
    check(child.search.bytesRead > 0, "its memory was read (" + std::to_string(child.search.bytesRead) + " bytes)");
    const std::string found = std::to_string(child.search.found);
    if (control)
        check(child.search.found > 0, "without the wipe the canary is found in the " + which + " (" + found + ")");
    else
        check(child.search.found == 0, "after the wipe no canary is left in the " + which + " (" + found + " found)");
    return failures == 0 ? 0 : 1;
}
