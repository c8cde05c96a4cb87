#pragma once
// How every protocol parser refuses a body that breaks its schema: 422 "schema_violation", what is
// wrong and where (a JSON pointer). One copy, so that the formats say it the same way and a unity
// build does not meet four file-local helpers of the same name.
#include "dps/protocol/UsageJson.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dps::protocol {

[[nodiscard]] BodyError schemaViolation(std::string path, std::string message);

// schemaViolation thrown, for the parsers that unwind to one catch at the top.
[[noreturn]] void throwSchemaViolation(const std::string& path, std::string message);

// v, once it is known to be an object (else throwSchemaViolation at path).
const nlohmann::json& objectAt(const nlohmann::json& v, const std::string& path);

} // namespace dps::protocol
