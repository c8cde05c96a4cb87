#pragma once
#include "dps/config/Schema.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dps::agent {

// Everything an administrator can set in agent.toml (docs/agent.md). The server's address is
// not here: `dps-agent enroll --server URL` stores it with the credential.
struct AgentSettings {
    std::filesystem::path database;
    std::filesystem::path kioskDatabase;
    std::filesystem::path statusFile;
    std::filesystem::path caFile;
    bool insecure = false;
    std::int64_t connectTimeoutSeconds = 0;
    std::int64_t timeoutSeconds = 0;
    std::int64_t syncIntervalSeconds = 0;
    double jitter = 0;
    std::int64_t startDelaySeconds = 0;
    double backoffBaseSeconds = 0;
    double backoffCapSeconds = 0;
    std::int64_t batchRecords = 0;
    std::int64_t outboxLimit = 0;
    std::int64_t lookbackDays = 0;
    std::int64_t heartbeatIntervalSeconds = 0;
    std::int64_t inventoryIntervalSeconds = 0;
    std::int64_t inventoryResendDays = 0;
    std::string glpiUrl, glpiUser, glpiPassword;
    std::string logLevel;
};

const config::Schema<AgentSettings>& agentSchema();

inline constexpr const char* kDefaultAgentConfigPath = "/etc/dps-agent/agent.toml";

} // namespace dps::agent
