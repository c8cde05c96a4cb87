#pragma once
#include "dps/config/ConfigError.h"
#include "dps/config/Schema.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// Load-or-report: how dps-kiosk, dps-server and dps-agent read their configuration file and say
// what is wrong with it, so a broken file stops each of them the same way (docs/configuration.md).
namespace dps::program {

// The exit code of a wrong command line or configuration: nothing was started.
inline constexpr int kUsageError = 2;

struct ConfigChoice {
    std::filesystem::path file;
    bool given = false; // named on the command line: then it must exist, the defaults are no answer
};

// What a program says besides the problems themselves. The words differ between the programs and
// between a program's commands; tests and administrators' scripts read them, so they are kept.
struct ConfigReport {
    std::string program; // "dps-kiosk", the start of the summary line
    // "started": "dps-kiosk: the configuration has 2 problem(s); nothing was started" after the
    // problems; empty: the problems alone.
    std::string nothingWas = {};
    bool sayDefaults = false; // log that the file does not exist and the built-in defaults are used
};

template <class T> struct LoadedConfig {
    T settings;
    // What the program accepts but the administrator should change (a retired key), file:line.
    std::vector<config::ConfigProblem> notes;
};

namespace detail {
// load(true) reads the file, load(false) takes the defaults; false when the file is wrong, after
// its problems were printed.
bool loadOrReport(const ConfigChoice& choice, const ConfigReport& report, const std::function<void(bool)>& load);
} // namespace detail

// The file when it was given or exists, else the defaults. When the file is wrong: every problem
// on stderr as file:line: message, then the summary, and nothing (return kUsageError then).
template <class T>
std::optional<LoadedConfig<T>> loadOrReport(const config::Schema<T>& schema, const ConfigChoice& choice,
                                            const ConfigReport& report) {
    LoadedConfig<T> loaded;
    const bool ok = detail::loadOrReport(choice, report, [&](bool fromFile) {
        loaded.settings = fromFile ? schema.load(choice.file, &loaded.notes) : schema.defaults();
    });
    if (!ok) return std::nullopt;
    return loaded;
}

// The notes on stderr, one a line: for commands a person runs and reads at once.
void printNotes(const std::vector<config::ConfigProblem>& notes);
// The notes as warnings in the log: for a service, whose stderr is the journal.
void logNotes(const std::vector<config::ConfigProblem>& notes);
// --check-config's answer: the notes on stderr, then "FILE: configuration is valid" (", with N
// note(s) to act on") on stdout. Returns the exit code, 0.
int reportValid(const ConfigChoice& choice, const std::vector<config::ConfigProblem>& notes);

} // namespace dps::program
