#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// A program's subcommands as one table (as osquery's dispatcher has one list), instead of a chain
// of "if (x->parsed())": each command's name, help, options and handler sit together. CLI11
// parses, prints the help and the usage errors.
namespace dps::program {

// Runs a command; returns the process exit code.
using Handler = std::function<int()>;

struct Command {
    std::string name;
    std::string help;
    // Adds the command's options, flags and positionals to its CLI11 subcommand.
    std::function<void(CLI::App&)> options = {};
    Handler run = {};
    // A command that only groups others ("terminal" of "terminal add"): one of them is required,
    // and run is not used.
    std::vector<Command> subcommands = {};
};

class CommandTable {
public:
    // Adds every command, in the table's order (the order of --help), as a subcommand of app.
    // Set what the subcommands inherit (fallthrough) on app before.
    CommandTable(CLI::App& app, std::vector<Command> commands);
    CommandTable(const CommandTable&) = delete;
    CommandTable& operator=(const CommandTable&) = delete;

    // After parsing: the command the command line chose (the innermost), or null.
    [[nodiscard]] const Command* chosen() const;
    // Its CLI11 subcommand, to read its options (count("--config")), or null.
    [[nodiscard]] CLI::App* chosenApp() const;
    // Runs the chosen command's handler and returns its exit code; nothing when no command was chosen.
    [[nodiscard]] std::optional<int> dispatch() const;

private:
    void install(CLI::App& parent, const std::vector<Command>& commands);
    [[nodiscard]] const std::pair<CLI::App*, const Command*>* chosenLeaf() const;

    std::vector<Command> commands_;
    std::vector<std::pair<CLI::App*, const Command*>> leaves_; // in the table's order
};

// Parses the command line. When it is wrong, or asks for --help or --version: what CLI11 printed
// and its exit code (0 for --help); nothing when the program should go on.
std::optional<int> parseCommandLine(CLI::App& cli, int argc, const char* const* argv);

} // namespace dps::program
