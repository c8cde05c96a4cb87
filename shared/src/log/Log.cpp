#include "dps/log/Log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace dps::log {
namespace {

std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;

const char* levelName(Level l) {
    switch (l) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
    }
    return "?";
}

bool toJournal() {
    static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
    return journal;
}

} // namespace

void setLevel(Level l) { g_level = l; }
Level level() { return g_level; }

bool parseLevel(std::string_view name, Level& out) {
    for (Level l : {Level::Debug, Level::Info, Level::Warning, Level::Error}) {
        if (name == levelName(l)) {
            out = l;
            return true;
        }
    }
    return false;
}

void write(Level l, std::string_view message) {
    const std::lock_guard lock(g_mutex);
    if (toJournal()) {
        std::fprintf(stderr, "<%d>%.*s\n", static_cast<int>(l), static_cast<int>(message.size()), message.data());
    } else {
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
        std::fprintf(stderr, "%s %s: %.*s\n", stamp, levelName(l), static_cast<int>(message.size()), message.data());
    }
    std::fflush(stderr);
}

} // namespace dps::log
