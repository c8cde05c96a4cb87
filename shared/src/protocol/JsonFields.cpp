#include "dps/protocol/JsonFields.h"

namespace dps::protocol {

const nlohmann::json& jsonMember(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json kNone;
    if (!object.is_object()) return kNone;
    const auto it = object.find(key);
    return it == object.end() ? kNone : *it;
}

std::string jsonText(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json& v = jsonMember(object, key);
    return v.is_string() ? v.get<std::string>() : "";
}

} // namespace dps::protocol
