#pragma once
#include <filesystem>
#include <string>

namespace dps::kiosk {

// `dps-kiosk facilitator add NAME | remove NAME | list`: the DPS manager's command for the
// facilitators who may open facilitator mode on this terminal. The PIN is asked twice without
// echo (or read as two lines from standard input, for scripts); only its slow salted hash is kept.
int facilitatorCommand(const std::filesystem::path& database, const std::string& action, const std::string& name);

} // namespace dps::kiosk
