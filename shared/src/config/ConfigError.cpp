#include "dps/config/ConfigError.h"

namespace dps::config {
namespace {

std::string joined(const std::vector<ConfigProblem>& problems) {
    std::string text;
    for (const auto& p : problems) {
        if (!text.empty()) text += '\n';
        text += p.str();
    }
    return text;
}

} // namespace

std::string ConfigProblem::str() const {
    return line > 0 ? file.string() + ":" + std::to_string(line) + ": " + message : file.string() + ": " + message;
}

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : std::runtime_error(joined(problems)), problems_(std::move(problems)) {}

} // namespace dps::config
