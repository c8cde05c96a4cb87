#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace dps::test {

// No display for a child (DISPLAY and WAYLAND_DISPLAY removed): the kiosk's off-screen runs.
inline const std::map<std::string, std::optional<std::string>> kNoDisplay{{"DISPLAY", {}}, {"WAYLAND_DISPLAY", {}}};

// A child process started with posix_spawn; stdout and stderr go to files the test can read.
class Process {
public:
    // env: variables to set (a value of "" with unset=true removes it): {"DISPLAY", ":99"}.
    Process(std::vector<std::string> argv, const std::map<std::string, std::optional<std::string>>& env,
            const std::filesystem::path& outputDir);
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    ~Process(); // kills the process if still running

    [[nodiscard]] pid_t pid() const { return pid_; }
    // Exit code, or nullopt if still running after the timeout. A signal death gives 128+signal.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    void signal(int sig) const;
    [[nodiscard]] std::string stdoutText() const;
    [[nodiscard]] std::string stderrText() const;

private:
    pid_t pid_ = -1;
    std::optional<int> exit_;
    std::filesystem::path out_, err_;
};

// Runs a command to completion and returns its exit code (stdout/stderr in outputDir).
int runCommand(std::vector<std::string> argv, const std::map<std::string, std::optional<std::string>>& env,
               const std::filesystem::path& outputDir, std::chrono::milliseconds timeout = std::chrono::seconds(30));

} // namespace dps::test
