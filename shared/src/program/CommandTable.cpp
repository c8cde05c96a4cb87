#include "dps/program/CommandTable.h"

namespace dps::program {

CommandTable::CommandTable(CLI::App& app, std::vector<Command> commands) : commands_(std::move(commands)) {
    install(app, commands_);
}

void CommandTable::install(CLI::App& parent, const std::vector<Command>& commands) {
    for (const Command& c : commands) {
        CLI::App* app = parent.add_subcommand(c.name, c.help);
        if (c.options) c.options(*app);
        if (c.subcommands.empty()) {
            leaves_.emplace_back(app, &c);
        } else {
            app->require_subcommand(1);
            install(*app, c.subcommands);
        }
    }
}

const std::pair<CLI::App*, const Command*>* CommandTable::chosenLeaf() const {
    for (const auto& leaf : leaves_)
        if (leaf.first->parsed()) return &leaf;
    return nullptr;
}

const Command* CommandTable::chosen() const {
    const auto* leaf = chosenLeaf();
    return leaf ? leaf->second : nullptr;
}

CLI::App* CommandTable::chosenApp() const {
    const auto* leaf = chosenLeaf();
    return leaf ? leaf->first : nullptr;
}

std::optional<int> CommandTable::dispatch() const {
    const Command* c = chosen();
    if (!c || !c->run) return std::nullopt;
    return c->run();
}

std::optional<int> parseCommandLine(CLI::App& cli, int argc, const char* const* argv) {
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    return std::nullopt;
}

} // namespace dps::program
