#include "ChildMemory.h"

#include <csignal>
#include <cstdio>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dps::test {
namespace {

void ignoreSignal(int) {}

} // namespace

ChildSearch runAndSearchChild(const std::function<int()>& work, const std::vector<std::string_view>& needles) {
    std::fflush(nullptr); // or the child's copy of the buffers prints twice
    const pid_t child = ::fork();
    if (child < 0) return {};
    if (child == 0) {
        const int code = work();
        std::fflush(nullptr);
        ::raise(SIGSTOP);
        ::_exit(code);
    }
    ChildSearch result;
    int status = 0;
    if (::waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status)) {
        result.search = searchMemory(child, needles);
        ::kill(child, SIGCONT);
        if (::waitpid(child, &status, 0) != child) return result;
    }
    if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
    return result;
}

void spillRegistersToMemory() {
    constexpr std::size_t size = 256 * 1024; // far more than an AVX-512 signal frame (about 3 KiB)
    void* area = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) return;
    stack_t altStack{};
    altStack.ss_sp = area;
    altStack.ss_size = size;
    ::sigaltstack(&altStack, nullptr);
    struct sigaction action {};
    action.sa_handler = ignoreSignal;
    action.sa_flags = SA_ONSTACK;
    ::sigaction(SIGUSR1, &action, nullptr);
    ::raise(SIGUSR1); // the kernel saves the registers on the alternate stack, where they stay
}

} // namespace dps::test
