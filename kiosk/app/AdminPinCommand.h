#pragma once
#include <filesystem>
#include <string>

namespace dps::kiosk {

// `dps-kiosk admin-pin set | clear`: the administrator's PIN, which allows the maintenance exit
// from facilitator mode. Asked twice without echo (or two lines of standard input, for scripts);
// only its slow salted hash is kept. clear: no maintenance exit on this terminal.
int adminPinCommand(const std::filesystem::path& database, const std::string& action);

} // namespace dps::kiosk
