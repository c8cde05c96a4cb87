#include "dps/protocol/HeartbeatJson.h"

#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/SchemaViolation.h"

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
constexpr std::string_view kKiosk = "kiosk"; // optional
constexpr std::array<std::string_view, 4> kKioskFields = {"state", "minutes_left", "help_asked_minutes",
                                                          "free_use_stopped"};
constexpr std::array<std::string_view, 4> kKioskStates = {"idle", "visit", "free_use", "out_of_order"};

// Counted in code points, not bytes, so a message in any language gets the same room.
std::size_t utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
    return n;
}

template <std::size_t N> bool listed(const std::array<std::string_view, N>& names, std::string_view key) {
    return std::find(names.begin(), names.end(), key) != names.end();
}

std::optional<BodyError> minutesAt(const json& v, const std::string& path, std::int64_t& out) {
    if (!v.is_number_integer()) return schemaViolation(path, "must be a whole number");
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxKioskMinutes)
                               : (v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > kMaxKioskMinutes))
        return schemaViolation(path, "must be between 0 and " + std::to_string(kMaxKioskMinutes));
    out = v.get<std::int64_t>();
    return std::nullopt;
}

std::variant<KioskState, BodyError> parseKiosk(const json& v) {
    if (!v.is_object()) return schemaViolation("/kiosk", "must be an object");
    for (const auto& [key, _] : v.items())
        if (!listed(kKioskFields, key))
            return schemaViolation("/kiosk/" + jsonPointerToken(key), "is not a field of a kiosk state");
    KioskState k;
    if (!v.contains("state")) return schemaViolation("/kiosk/state", "is missing");
    if (!v["state"].is_string() || !listed(kKioskStates, v["state"].get<std::string>()))
        return schemaViolation("/kiosk/state", "must be one of idle, visit, free_use, out_of_order");
    k.state = v["state"].get<std::string>();
    if (!v.contains("free_use_stopped")) return schemaViolation("/kiosk/free_use_stopped", "is missing");
    if (!v["free_use_stopped"].is_boolean()) return schemaViolation("/kiosk/free_use_stopped", "must be true or false");
    k.freeUseStopped = v["free_use_stopped"].get<bool>();
    const bool freeUse = k.state == "free_use";
    // Minutes belong to a session: one without them, or an idle terminal with them, is a wrong state.
    if (freeUse && !v.contains("minutes_left")) return schemaViolation("/kiosk/minutes_left", "is missing");
    for (const std::string_view name : {std::string_view("minutes_left"), std::string_view("help_asked_minutes")}) {
        const std::string key(name);
        if (!v.contains(key)) continue;
        const std::string path = "/kiosk/" + key;
        if (!freeUse) return schemaViolation(path, "is only for the free_use state");
        std::int64_t m = 0;
        if (auto e = minutesAt(v[key], path, m)) return *e;
        (name == "minutes_left" ? k.minutesLeft : k.helpAskedMinutes) = m;
    }
    return k;
}

} // namespace

bool isUnknownKioskField(int status, const std::string& path) { return status == 422 && path == "/kiosk"; }

std::string heartbeatJson(const Heartbeat& h) {
    // nlohmann's ordered_json keeps insertion order: the agent logs the same text it sends.
    nlohmann::ordered_json j;
    j["agent_version"] = h.agentVersion;
    j["uptime_seconds"] = h.uptimeSeconds;
    j["free_disk_bytes"] = h.freeDiskBytes;
    j["outbox"] = h.outbox;
    j["dead_letters"] = h.deadLetters;
    j["last_error"] = h.lastError;
    if (h.kiosk) {
        nlohmann::ordered_json k;
        k["state"] = h.kiosk->state;
        if (h.kiosk->minutesLeft) k["minutes_left"] = *h.kiosk->minutesLeft;
        if (h.kiosk->helpAskedMinutes) k["help_asked_minutes"] = *h.kiosk->helpAskedMinutes;
        k["free_use_stopped"] = h.kiosk->freeUseStopped;
        j["kiosk"] = std::move(k);
    }
    // An agent's error text may hold bytes that are not UTF-8 (a file name): replaced, not thrown.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::variant<Heartbeat, BodyError> parseHeartbeat(std::string_view body) {
    json doc;
    try {
        doc = parseBoundedJson(body);
    } catch (const JsonTooDeep& e) {
        return schemaViolation("", "is nested deeper than " + std::to_string(e.limit) + " levels");
    } catch (const json::exception& e) {
        // parse_error, and out_of_range for a number no double holds (1e999).
        return malformedJson(e);
    }
    if (!doc.is_object()) return schemaViolation("", "must be an object");
    for (const auto& [key, _] : doc.items())
        if (!listed(kFields, key) && key != kKiosk)
            return schemaViolation("/" + jsonPointerToken(key), "is not a field of a heartbeat");
    for (const auto name : kFields)
        if (!doc.contains(name)) return schemaViolation("/" + std::string(name), "is missing");

    Heartbeat h;
    auto text = [&](std::string_view name, std::size_t max, std::string& out) -> std::optional<BodyError> {
        const json& v = doc[std::string(name)];
        if (!v.is_string()) return schemaViolation(std::string("/").append(name), "must be a string");
        out = v.get<std::string>();
        if (utf8Length(out) > max)
            return schemaViolation("/" + std::string(name), "must be at most " + std::to_string(max) + " characters");
        return std::nullopt;
    };
    auto count = [&](std::string_view name, std::int64_t& out) -> std::optional<BodyError> {
        const json& v = doc[std::string(name)];
        if (!v.is_number_integer()) return schemaViolation("/" + std::string(name), "must be a whole number");
        if (v.is_number_unsigned()) {
            if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return schemaViolation("/" + std::string(name), "is too large");
            out = static_cast<std::int64_t>(v.get<std::uint64_t>());
        } else {
            out = v.get<std::int64_t>();
        }
        if (out < 0) return schemaViolation("/" + std::string(name), "must be 0 or more");
        return std::nullopt;
    };
    if (auto e = text("agent_version", kMaxAgentVersionLength, h.agentVersion)) return *e;
    if (auto e = count("uptime_seconds", h.uptimeSeconds)) return *e;
    if (auto e = count("free_disk_bytes", h.freeDiskBytes)) return *e;
    if (auto e = count("outbox", h.outbox)) return *e;
    if (auto e = count("dead_letters", h.deadLetters)) return *e;
    if (auto e = text("last_error", kMaxLastErrorLength, h.lastError)) return *e;
    if (doc.contains(kKiosk)) {
        auto k = parseKiosk(doc[std::string(kKiosk)]);
        if (auto* e = std::get_if<BodyError>(&k)) return *e;
        h.kiosk = std::get<KioskState>(std::move(k));
    }
    return h;
}

} // namespace dps::protocol
