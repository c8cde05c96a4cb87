#pragma once
#include <fmt/core.h>
#include <string_view>

// Logging to stderr. Under systemd (JOURNAL_STREAM set) each line starts with the syslog
// priority ("<3>…"), which journald turns into the entry's level; on a terminal it reads
// "2026-11-23 19:32:11 warning: …".
namespace dps::log {

enum class Level { Debug = 7, Info = 6, Warning = 4, Error = 3 };

void setLevel(Level level);
[[nodiscard]] Level level();
bool parseLevel(std::string_view name, Level& out);
void write(Level level, std::string_view message);

template <typename... Args> void debug(fmt::format_string<Args...> f, Args&&... args) {
    if (level() >= Level::Debug) write(Level::Debug, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args> void info(fmt::format_string<Args...> f, Args&&... args) {
    if (level() >= Level::Info) write(Level::Info, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args> void warning(fmt::format_string<Args...> f, Args&&... args) {
    if (level() >= Level::Warning) write(Level::Warning, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args> void error(fmt::format_string<Args...> f, Args&&... args) {
    write(Level::Error, fmt::format(f, std::forward<Args>(args)...));
}

} // namespace dps::log
