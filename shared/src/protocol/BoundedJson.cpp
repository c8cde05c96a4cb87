#include "dps/protocol/BoundedJson.h"

namespace dps::protocol {

nlohmann::json parseBoundedJson(std::string_view text, std::size_t maxDepth) {
    // nlohmann gives an array's or object's start event the number of levels already open around
    // it: the outermost value starts at 0.
    const nlohmann::json::parser_callback_t limit = [maxDepth](int depth, nlohmann::json::parse_event_t event,
                                                               nlohmann::json&) {
        if ((event == nlohmann::json::parse_event_t::object_start ||
             event == nlohmann::json::parse_event_t::array_start) &&
            static_cast<std::size_t>(depth) >= maxDepth)
            throw JsonTooDeep(maxDepth);
        return true;
    };
    return nlohmann::json::parse(text.begin(), text.end(), limit);
}

} // namespace dps::protocol
