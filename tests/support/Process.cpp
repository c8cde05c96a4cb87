#include "Process.h"

#include "TempDir.h"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace dps::test {
namespace {

std::vector<std::string> buildEnv(const std::map<std::string, std::optional<std::string>>& changes) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        const auto eq = kv.find('=');
        if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : changes) {
        if (v)
            vars[k] = *v;
        else
            vars.erase(k);
    }
    std::vector<std::string> out;
    for (const auto& [k, v] : vars)
        out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (auto& s : strings)
        p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

int counter = 0;

} // namespace

Process::Process(std::vector<std::string> argv, const std::map<std::string, std::optional<std::string>>& env,
                 const std::filesystem::path& outputDir) {
    const std::string stem = std::filesystem::path(argv.at(0)).filename().string() + "-" + std::to_string(++counter);
    out_ = outputDir / (stem + ".out");
    err_ = outputDir / (stem + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    auto envStrings = buildEnv(env);
    auto envp = pointers(envStrings);
    auto args = pointers(argv);
    const int rc = posix_spawnp(&pid_, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

Process::~Process() {
    if (!exit_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait(std::chrono::seconds(5));
    }
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
    if (exit_) return exit_;
    const auto end = std::chrono::steady_clock::now() + timeout;
    do {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return exit_;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < end);
    return std::nullopt;
}

void Process::signal(int sig) const {
    if (!exit_) ::kill(pid_, sig);
}

std::string Process::stdoutText() const { return readFile(out_); }
std::string Process::stderrText() const { return readFile(err_); }

int runCommand(std::vector<std::string> argv, const std::map<std::string, std::optional<std::string>>& env,
               const std::filesystem::path& outputDir, std::chrono::milliseconds timeout) {
    Process p(std::move(argv), env, outputDir);
    const auto rc = p.wait(timeout);
    return rc ? *rc : -1;
}

} // namespace dps::test
