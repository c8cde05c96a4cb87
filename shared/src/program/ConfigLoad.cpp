#include "dps/program/ConfigLoad.h"

#include "dps/log/Log.h"

#include <cstdio>
#include <fmt/core.h>

namespace dps::program {

namespace detail {
bool loadOrReport(const ConfigChoice& choice, const ConfigReport& report, const std::function<void(bool)>& load) {
    try {
        if (choice.given || std::filesystem::exists(choice.file)) {
            load(true);
        } else {
            if (report.sayDefaults) log::info("{} does not exist: using the built-in defaults", choice.file.string());
            load(false);
        }
        return true;
    } catch (const config::ConfigError& e) {
        for (const auto& p : e.problems())
            std::fprintf(stderr, "%s\n", p.str().c_str());
        if (!report.nothingWas.empty())
            std::fprintf(stderr, "%s: the configuration has %zu problem(s); nothing was %s\n", report.program.c_str(),
                         e.problems().size(), report.nothingWas.c_str());
        return false;
    }
}
} // namespace detail

void printNotes(const std::vector<config::ConfigProblem>& notes) {
    for (const auto& n : notes)
        std::fprintf(stderr, "%s\n", n.str().c_str());
}

void logNotes(const std::vector<config::ConfigProblem>& notes) {
    for (const auto& n : notes)
        log::warning("{}", n.str());
}

int reportValid(const ConfigChoice& choice, const std::vector<config::ConfigProblem>& notes) {
    printNotes(notes);
    std::printf("%s: configuration is valid%s\n", choice.file.c_str(),
                notes.empty() ? "" : fmt::format(", with {} note(s) to act on", notes.size()).c_str());
    return 0;
}

} // namespace dps::program
