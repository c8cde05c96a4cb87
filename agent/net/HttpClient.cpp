#include "agent/net/HttpClient.h"

#include "dps/protocol/BoundedJson.h"

#include <nlohmann/json.hpp>

namespace dps::agent {

ServerError serverError(const HttpResponse& response) {
    try {
        const auto j = protocol::parseBoundedJson(response.body);
        if (j.is_object()) return {j.value("error", ""), j.value("message", ""), j.value("path", "")};
    } catch (const nlohmann::json::exception&) {
    } catch (const protocol::JsonTooDeep&) {
    }
    return {"", response.body.substr(0, 200), ""};
}

} // namespace dps::agent
