#include "kiosk/adapters/compositor/SwayIpc.h"

#include "dps/protocol/BoundedJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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

IpcHeaderRead readIpcHeader(std::string_view bytes, std::size_t maxPayload) {
    if (bytes.size() < kIpcHeaderSize)
        return {std::nullopt,
                fmt::format("sway's reply ended after {} of its {} header bytes", bytes.size(), kIpcHeaderSize)};
    if (bytes.substr(0, kIpcMagic.size()) != kIpcMagic)
        return {std::nullopt, "sway's reply does not start with \"i3-ipc\": not sway's IPC socket"};
    IpcHeader h;
    std::memcpy(&h.length, bytes.data() + 6, 4);
    std::memcpy(&h.type, bytes.data() + 10, 4);
    if (h.length > maxPayload)
        return {std::nullopt,
                fmt::format("sway's reply announces {} bytes, more than the {} it may have", h.length, maxPayload)};
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

WindowEventRead windowEvent(std::string_view payload) {
    if (payload.size() > kMaxIpcEventPayload) return {std::nullopt, "sway's window event is longer than its limit"};
    nlohmann::json e;
    try {
        e = protocol::parseBoundedJson(payload, kMaxIpcJsonDepth);
    } catch (const protocol::JsonTooDeep&) {
        return {std::nullopt, fmt::format("sway's window event nests deeper than {} levels", kMaxIpcJsonDepth)};
    } catch (const nlohmann::json::exception& x) {
        return {std::nullopt, fmt::format("sway's window event is not JSON: {}", x.what())};
    }
    if (!e.is_object()) return {std::nullopt, "sway's window event is not an object"};
    const auto change = e.find("change");
    const auto container = e.find("container");
    if (change == e.end() || !change->is_string() || container == e.end() || !container->is_object())
        return {std::nullopt, "sway's window event has no \"change\" or no \"container\""};
    WindowEvent out;
    out.change = change->get<std::string>().substr(0, 64);
    const auto number = [&](const char* key, long long& into) {
        const auto v = container->find(key);
        if (v == container->end()) return true; // sway leaves pid out of nodes without a process
        if (!v->is_number_integer()) return false;
        into = v->get<long long>();
        return true;
    };
    long long mode = 0;
    if (!number("id", out.conId) || !number("pid", out.pid) || !number("fullscreen_mode", mode))
        return {std::nullopt, "sway's window event has an id, pid or fullscreen_mode that is not a whole number"};
    out.fullscreenMode = static_cast<int>(std::clamp<long long>(mode, 0, 2));
    return {out, {}};
}

bool mustRefuseFullscreen(const WindowEvent& event, long long kioskPid) {
    return event.change == "fullscreen_mode" && event.fullscreenMode != 0 && event.pid != kioskPid && event.conId > 0;
}

} // namespace dps::kiosk::compositor
