#include "dps/protocol/BoundedJson.h"

namespace dps::protocol {

void refuseNulBytes(std::string_view text) {
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        throw nlohmann::json::parse_error::create(101, nul + 1,
                                                  "syntax error while parsing value - invalid literal; last read: "
                                                  "a NUL byte (JSON text has none)",
                                                  nullptr);
}

nlohmann::json parseBoundedJson(std::string_view text, std::size_t maxDepth) {
    refuseNulBytes(text);
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
