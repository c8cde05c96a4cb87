#include "dps/protocol/SchemaViolation.h"

#include <utility>

namespace dps::protocol {

BodyError schemaViolation(std::string path, std::string message) {
    return BodyError{422, "schema_violation", std::move(message), std::move(path)};
}

void throwSchemaViolation(const std::string& path, std::string message) {
    throw schemaViolation(path, std::move(message));
}

const nlohmann::json& objectAt(const nlohmann::json& v, const std::string& path) {
    if (!v.is_object()) throwSchemaViolation(path, "must be an object");
    return v;
}

} // namespace dps::protocol
