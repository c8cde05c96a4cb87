#pragma once
#include "agent/jobs/JobSettings.h"
#include "dps/config/Schema.h"

#include <string>

namespace dps::agent {

// Everything an administrator can set in agent.toml (docs/agent.md): what the jobs read, and the
// program's own keys.
struct AgentSettings : JobSettings {
    std::string logLevel;
};

const config::Schema<AgentSettings>& agentSchema();

inline constexpr const char* kDefaultAgentConfigPath = "/etc/dps-agent/agent.toml";

} // namespace dps::agent
