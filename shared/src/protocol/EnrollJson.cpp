#include "dps/protocol/EnrollJson.h"

#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/SchemaViolation.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <utility>

namespace dps::protocol {
namespace {

using nlohmann::json;

// body as an object with the string fields names (checked in that order), each at most maxLength
// bytes (0: no limit), and no other field unless what is empty ("is not a field of <what>").
template <std::size_t N>
std::variant<std::array<std::string, N>, BodyError> stringFields(std::string_view body,
                                                                 const std::array<const char*, N>& names,
                                                                 std::size_t maxLength, std::string_view what) {
    json doc;
    try {
        doc = parseBoundedJson(body);
    } catch (const JsonTooDeep& e) {
        return schemaViolation("", "is nested deeper than " + std::to_string(e.limit) + " levels");
    } catch (const json::exception& e) { // parse_error, out_of_range (1e999)
        return malformedJson(e);
    }
    if (!doc.is_object()) return schemaViolation("", "must be an object");
    for (const auto& [key, _] : doc.items()) {
        bool known = what.empty();
        for (const char* name : names)
            known = known || key == name;
        if (!known) return schemaViolation("/" + jsonPointerToken(key), "is not a field of " + std::string(what));
    }
    std::array<std::string, N> out;
    for (std::size_t i = 0; i < N; ++i) {
        const std::string path = std::string("/") + names[i];
        const auto it = doc.find(names[i]);
        if (it == doc.end()) return schemaViolation(path, "is missing");
        if (!it->is_string()) return schemaViolation(path, "must be a string");
        out[i] = it->template get<std::string>();
        if (maxLength > 0 && out[i].size() > maxLength)
            return schemaViolation(path, "must be at most " + std::to_string(maxLength) + " characters");
    }
    return out;
}

} // namespace

std::string enrollRequestJson(const EnrollRequest& request) {
    return json{{"code", request.code}, {"agent_version", request.agentVersion}}.dump();
}

std::string enrollAnswerJson(const EnrollAnswer& answer) {
    return json{{"terminal", answer.terminal}, {"token", answer.token}}.dump();
}

std::variant<EnrollRequest, BodyError> parseEnrollRequest(std::string_view body) {
    auto fields = stringFields<2>(body, {"code", "agent_version"}, kMaxEnrollFieldLength, "an enrollment");
    if (auto* e = std::get_if<BodyError>(&fields)) return *e;
    auto& [code, version] = std::get<0>(fields);
    return EnrollRequest{std::move(code), std::move(version)};
}

std::variant<EnrollAnswer, BodyError> parseEnrollAnswer(std::string_view body) {
    auto fields = stringFields<2>(body, {"terminal", "token"}, 0, "");
    if (auto* e = std::get_if<BodyError>(&fields)) return *e;
    auto& [terminal, token] = std::get<0>(fields);
    return EnrollAnswer{std::move(terminal), std::move(token)};
}

} // namespace dps::protocol
