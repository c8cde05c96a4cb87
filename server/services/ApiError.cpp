#include "server/services/ApiError.h"

#include <nlohmann/json.hpp>

namespace dps::server {

std::string errorJson(const ApiError& error) {
    nlohmann::ordered_json j;
    j["error"] = error.code;
    j["message"] = error.message;
    j["path"] = error.path;
    // A parser's message may quote the body, which may not be UTF-8.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace dps::server
