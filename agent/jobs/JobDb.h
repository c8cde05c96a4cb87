#pragma once
// agent.db as a job holds it: the one it is given (`dps-agent sync --now`, the tests), or, in the
// service, a connection of its own to the file, opened at the first pass and opened again after a
// failure, so that a locked or replaced file does not stick.
#include "agent/store/AgentDb.h"

#include <filesystem>
#include <optional>

namespace dps::agent {

class JobDb {
public:
    explicit JobDb(AgentDb& given) : given_(&given) {}
    explicit JobDb(std::filesystem::path file) : file_(std::move(file)) {}

    AgentDb& get() {
        if (given_) return *given_;
        if (!own_) own_.emplace(AgentDb::open(file_));
        return *own_;
    }
    // The next get() opens the file again (a given database stays).
    void reopen() { own_.reset(); }

private:
    AgentDb* given_ = nullptr;
    std::filesystem::path file_;
    std::optional<AgentDb> own_;
};

} // namespace dps::agent
