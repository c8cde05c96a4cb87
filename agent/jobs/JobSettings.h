#pragma once
// What the jobs read of agent.toml (docs/agent.md), as plain values: the jobs never see the
// schema, its keys or its file (agent/cli/AgentSettings.h is the configuration, built on this).
#include "agent/net/CurlHttpClient.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dps::agent {

// The server's address is not here: `dps-agent enroll --server URL` stores it with the
// credential.
struct JobSettings {
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
};

// libcurl's settings for this agent and a server (dps-server, or glpi.url).
CurlSettings curlSettings(const JobSettings& settings, const std::string& server);

} // namespace dps::agent
