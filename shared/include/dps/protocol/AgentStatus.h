#pragma once
// What dps-agent tells the kiosk on the same terminal, in a small world-readable JSON file beside
// its private agent.db: up to which local date the server has every final day record (the kiosk's
// retention deletes no visit after it), and when the last sync succeeded (the facilitator's
// terminal status). No secret and no count is in it.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace dps::protocol {

struct AgentStatus {
    std::string acknowledgedThrough; // "2026-11-30", "" when nothing is acknowledged yet
    std::string lastSuccess;         // ISO UTC time, "" never
    bool operator==(const AgentStatus&) const = default;
};

// Written to a temporary file then renamed, so a reader never sees half a file.
void writeAgentStatus(const std::filesystem::path& file, const AgentStatus& status);
// The agent writes well under 200 bytes; anything larger is not its file.
inline constexpr std::size_t kMaxAgentStatusBytes = 4096;
// nullopt when the text is not the agent's JSON object (or larger than kMaxAgentStatusBytes).
[[nodiscard]] std::optional<AgentStatus> parseAgentStatus(std::string_view text);
// nullopt when the file is missing, unreadable or not the agent's (no agent, or not run yet).
[[nodiscard]] std::optional<AgentStatus> readAgentStatus(const std::filesystem::path& file);

} // namespace dps::protocol
