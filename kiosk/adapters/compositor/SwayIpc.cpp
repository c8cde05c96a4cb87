#include "kiosk/adapters/compositor/SwayIpc.h"

#include "dps/protocol/BoundedJson.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fmt/core.h>

namespace dps::kiosk::compositor {

std::string ipcMessage(std::uint32_t type, std::string_view payload) {
    std::string out(kIpcMagic);
    const auto length = static_cast<std::uint32_t>(payload.size());
    char word[4];
    std::memcpy(word, &length, 4);
    out.append(word, 4);
    std::memcpy(word, &type, 4);
    out.append(word, 4);
    out.append(payload);
    return out;
}

IpcHeaderRead readIpcHeader(std::string_view bytes) {
    if (bytes.size() < kIpcHeaderSize)
        return {std::nullopt,
                fmt::format("sway's reply ended after {} of its {} header bytes", bytes.size(), kIpcHeaderSize)};
    if (bytes.substr(0, kIpcMagic.size()) != kIpcMagic)
        return {std::nullopt, "sway's reply does not start with \"i3-ipc\": not sway's IPC socket"};
    IpcHeader h;
    std::memcpy(&h.length, bytes.data() + 6, 4);
    std::memcpy(&h.type, bytes.data() + 10, 4);
    if (h.length > kMaxIpcPayload)
        return {std::nullopt,
                fmt::format("sway's reply announces {} bytes, more than the {} a command's reply may have", h.length,
                            kMaxIpcPayload)};
    return {h, {}};
}

CommandOutcome commandOutcome(std::string_view payload) {
    if (payload.size() > kMaxIpcPayload) return {false, "sway's reply is longer than a command's reply may be"};
    nlohmann::json reply;
    try {
        reply = protocol::parseBoundedJson(payload, kMaxIpcJsonDepth);
    } catch (const protocol::JsonTooDeep&) {
        return {false, fmt::format("sway's reply nests deeper than {} levels", kMaxIpcJsonDepth)};
    } catch (const nlohmann::json::exception& e) {
        return {false, fmt::format("sway's reply is not JSON: {}", e.what())};
    }
    // sway-ipc(7): one object per command (commands are separated by ',' and ';').
    if (!reply.is_array() || reply.empty())
        return {false, "sway's reply is not a list of results (sway-ipc(7), RUN_COMMAND)"};
    for (std::size_t i = 0; i < reply.size(); ++i) {
        const auto& r = reply[i];
        const auto success = r.is_object() ? r.find("success") : r.end();
        if (!r.is_object() || success == r.end() || !success->is_boolean())
            return {false, fmt::format("sway's result {} has no \"success\"", i + 1)};
        if (success->get<bool>()) continue;
        const auto error = r.find("error");
        const std::string words = error != r.end() && error->is_string() ? error->get<std::string>() : "no reason";
        return {false, fmt::format("sway refused command {}: {}", i + 1, words.substr(0, 200))};
    }
    return {true, {}};
}

} // namespace dps::kiosk::compositor
