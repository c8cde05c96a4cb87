#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace dps::config {

// One problem found in a configuration file, located as an editor expects it.
struct ConfigProblem {
    std::filesystem::path file;
    int line = 0; // 0 when the problem is the file as a whole (missing, unreadable)
    std::string message;
    [[nodiscard]] std::string str() const; // "file:line: message"
};

// Thrown when a configuration cannot be used. A program stops on it: a typo in an
// administrator's file must never turn silently into a default.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<ConfigProblem> problems);
    [[nodiscard]] const std::vector<ConfigProblem>& problems() const { return problems_; }

private:
    std::vector<ConfigProblem> problems_;
};

} // namespace dps::config
