#include "dps/protocol/AgentStatus.h"

#include "dps/protocol/BoundedJson.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace dps::protocol {

void writeAgentStatus(const std::filesystem::path& file, const AgentStatus& status) {
    const nlohmann::json j = {{"acknowledged_through", status.acknowledgedThrough},
                              {"last_success", status.lastSuccess}};
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump() << '\n';
        out.flush();
        if (!out) throw std::runtime_error(tmp.string() + ": cannot be written");
    }
    std::filesystem::rename(tmp, file);
}

std::optional<AgentStatus> parseAgentStatus(std::string_view text) {
    if (text.size() > kMaxAgentStatusBytes) return std::nullopt;
    try {
        const auto j = parseBoundedJson(text);
        if (!j.is_object()) return std::nullopt;
        return AgentStatus{j.value("acknowledged_through", ""), j.value("last_success", "")};
    } catch (const nlohmann::json::exception&) {
        return std::nullopt; // not JSON, or a value that is not a string
    } catch (const JsonTooDeep&) {
        return std::nullopt;
    }
}

std::optional<AgentStatus> readAgentStatus(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text(kMaxAgentStatusBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parseAgentStatus(text);
}

} // namespace dps::protocol
