#include "dps/program/LogLevel.h"

#include "dps/log/Log.h"

namespace dps::program {

bool applyLogLevel(std::string_view name) {
    log::Level level{};
    if (!log::parseLevel(name, level)) return false;
    log::setLevel(level);
    return true;
}

} // namespace dps::program
