#include "dps/protocol/HeartbeatJson.h"

#include "dps/protocol/BoundedJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace dps::protocol {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kFields = {"agent_version", "uptime_seconds", "free_disk_bytes",
                                                     "outbox",        "dead_letters",   "last_error"};

BodyError violation(std::string path, std::string message) {
    return BodyError{422, "schema_violation", std::move(message), std::move(path)};
}

// Counted in code points, not bytes, so a message in any language gets the same room.
std::size_t utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
    return n;
}

} // namespace

std::string heartbeatJson(const Heartbeat& h) {
    // nlohmann's ordered_json keeps insertion order: the agent logs the same text it sends.
    nlohmann::ordered_json j;
    j["agent_version"] = h.agentVersion;
    j["uptime_seconds"] = h.uptimeSeconds;
    j["free_disk_bytes"] = h.freeDiskBytes;
    j["outbox"] = h.outbox;
    j["dead_letters"] = h.deadLetters;
    j["last_error"] = h.lastError;
    // An agent's error text may hold bytes that are not UTF-8 (a file name): replaced, not thrown.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::variant<Heartbeat, BodyError> parseHeartbeat(std::string_view body) {
    json doc;
    try {
        doc = parseBoundedJson(body);
    } catch (const JsonTooDeep& e) {
        return violation("", "is nested deeper than " + std::to_string(e.limit) + " levels");
    } catch (const json::exception& e) {
        // parse_error, and out_of_range for a number no double holds (1e999).
        return malformedJson(e);
    }
    if (!doc.is_object()) return violation("", "must be an object");
    for (const auto& [key, _] : doc.items()) {
        if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
            std::string token;
            for (const char c : key)
                token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            return violation("/" + token, "is not a field of a heartbeat");
        }
    }
    for (const auto name : kFields)
        if (!doc.contains(name)) return violation("/" + std::string(name), "is missing");

    Heartbeat h;
    auto text = [&](std::string_view name, std::size_t max, std::string& out) -> std::optional<BodyError> {
        const json& v = doc[std::string(name)];
        if (!v.is_string()) return violation(std::string("/").append(name), "must be a string");
        out = v.get<std::string>();
        if (utf8Length(out) > max)
            return violation("/" + std::string(name), "must be at most " + std::to_string(max) + " characters");
        return std::nullopt;
    };
    auto count = [&](std::string_view name, std::int64_t& out) -> std::optional<BodyError> {
        const json& v = doc[std::string(name)];
        if (!v.is_number_integer()) return violation("/" + std::string(name), "must be a whole number");
        if (v.is_number_unsigned()) {
            if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return violation("/" + std::string(name), "is too large");
            out = static_cast<std::int64_t>(v.get<std::uint64_t>());
        } else {
            out = v.get<std::int64_t>();
        }
        if (out < 0) return violation("/" + std::string(name), "must be 0 or more");
        return std::nullopt;
    };
    if (auto e = text("agent_version", kMaxAgentVersionLength, h.agentVersion)) return *e;
    if (auto e = count("uptime_seconds", h.uptimeSeconds)) return *e;
    if (auto e = count("free_disk_bytes", h.freeDiskBytes)) return *e;
    if (auto e = count("outbox", h.outbox)) return *e;
    if (auto e = count("dead_letters", h.deadLetters)) return *e;
    if (auto e = text("last_error", kMaxLastErrorLength, h.lastError)) return *e;
    return h;
}

} // namespace dps::protocol
