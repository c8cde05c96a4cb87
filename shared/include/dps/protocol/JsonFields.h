#pragma once
// Fields of a message the server has already accepted, read the forgiving way (reports, purges):
// a missing field, or one of another type, reads as absent rather than failing the whole report.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace dps::protocol {

// object[key], or a null value when object is not an object or has no such field.
[[nodiscard]] const nlohmann::json& jsonMember(const nlohmann::json& object, std::string_view key);

// object[key] when it is a string, else "".
[[nodiscard]] std::string jsonText(const nlohmann::json& object, std::string_view key);

} // namespace dps::protocol
