#pragma once
namespace dps::agent {
// dps-agent's command line: run (the service), enroll, status, sync --now (docs/agent.md).
int agentMain(int argc, char** argv);
} // namespace dps::agent
