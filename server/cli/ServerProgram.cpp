#include "server/cli/ServerProgram.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/program/CommandTable.h"
#include "dps/program/ConfigLoad.h"
#include "dps/program/LogLevel.h"
#include "dps/storage/StorageError.h"
#include "server/cli/Serve.h"
#include "server/cli/ServerSettings.h"
#include "server/core/DpsCsv.h"
#include "server/services/DpsDirectory.h"
#include "server/services/StaffAccounts.h"
#include "server/services/TerminalRegistry.h"
#include "server/store/Backup.h"
#include "server/store/ServerDb.h"
#include "server/store/SqliteDpsStore.h"
#include "server/store/SqliteListingStore.h"
#include "server/store/SqliteStaffStore.h"
#include "server/store/SqliteTerminalStore.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include <termios.h>
#include <unistd.h>

#ifndef DPS_VERSION
#define DPS_VERSION "unknown"
#endif

namespace dps::server {
namespace {

std::string orDash(const std::optional<std::string>& s) { return s ? *s : "-"; }

int terminalAdd(ServerDb& db, std::int64_t dpsId, std::chrono::seconds validFor) {
    SystemClock clock;
    SqliteTerminalStore terminals(db);
    const NewTerminal t = TerminalRegistry(terminals, clock).add(dpsId, validFor);
    // One "key: value" a line: staff read it, scripts (and the tests) pick the code out.
    std::printf("terminal: %s\ndps: %lld %s\ncode: %s\nexpires: %s\n", t.id.c_str(), static_cast<long long>(t.dpsId),
                t.dpsName.c_str(), t.code.c_str(), toIsoUtc(t.expires).c_str());
    std::fprintf(stderr,
                 "Give the code to the terminal (dps-agent enroll); it works once, until %s, and is not stored.\n",
                 toIsoUtc(t.expires).c_str());
    return 0;
}

// What arrived, day by day, until the dashboard exists: for staff, and to see the demo work.
int usageList(ListingStore& store, int days) {
    const auto rows = store.usageDays(days);
    std::printf("%-10s %-10s %6s %7s %4s %-5s %-21s %s\n", "DATE", "TERMINAL", "VISITS", "MINUTES", "REV", "FINAL",
                "RECEIVED", "DPS");
    for (const auto& r : rows)
        std::printf("%-10s %-10s %6lld %7lld %4lld %-5s %-21s %s\n", r.date.c_str(), r.terminalId.c_str(),
                    static_cast<long long>(r.visits), static_cast<long long>(r.minutes), static_cast<long long>(r.rev),
                    r.final ? "yes" : "no", r.receivedAt.c_str(), r.dpsName.c_str());
    if (rows.empty()) std::printf("(no usage received for the last %d days)\n", days);
    return 0;
}

// Each terminal's latest inventory: what it is and how many of the devices staff look after (USB
// devices without the kernel's root hubs).
int inventoryList(ListingStore& store) {
    const auto rows = store.latestInventories();
    std::printf("%-10s %-21s %-30s %4s %8s %7s %8s %s\n", "TERMINAL", "LAST INVENTORY", "COMPUTER", "USB", "MONITORS",
                "READERS", "PRINTERS", "DPS");
    for (const auto& r : rows)
        std::printf("%-10s %-21s %-30s %4lld %8lld %7lld %8lld %lld %s\n", r.terminalId.c_str(), r.receivedAt.c_str(),
                    r.computer.empty() ? "-" : r.computer.c_str(), static_cast<long long>(r.usb),
                    static_cast<long long>(r.monitors), static_cast<long long>(r.readers),
                    static_cast<long long>(r.printers), static_cast<long long>(r.dpsId), r.dpsName.c_str());
    if (rows.empty()) std::printf("(no inventory received yet)\n");
    return 0;
}

// What appeared and disappeared, newest first.
int inventoryChanges(ListingStore& store, const std::string& terminalId, int days) {
    const auto rows = store.inventoryChanges(terminalId, days);
    // The item last: it is as long as its name and serial.
    std::printf("%-21s %-10s %-5s %-11s %-12s %s\n", "WHEN", "TERMINAL", "DPS", "CHANGE", "KIND", "ITEM");
    for (const auto& r : rows)
        std::printf("%-21s %-10s %-5lld %-11s %-12s %s\n", r.at.c_str(), r.terminalId.c_str(),
                    static_cast<long long>(r.dpsId), r.change.c_str(), r.kind.c_str(), r.item.c_str());
    if (rows.empty())
        std::printf("(no change%s for the last %d days)\n", terminalId.empty() ? "" : (" of " + terminalId).c_str(),
                    days);
    return 0;
}

int terminalList(ServerDb& db) {
    SystemClock clock;
    SqliteTerminalStore terminals(db);
    const auto rows = TerminalRegistry(terminals, clock).list();
    std::printf("%-10s %-8s %-21s %-21s %s\n", "TERMINAL", "STATE", "LAST HEARTBEAT", "LAST USAGE", "DPS");
    for (const auto& r : rows)
        std::printf("%-10s %-8s %-21s %-21s %lld %s\n", r.id.c_str(), r.state.c_str(), orDash(r.lastHeartbeat).c_str(),
                    orDash(r.lastUsage).c_str(), static_cast<long long>(r.dpsId), r.dpsName.c_str());
    return 0;
}

int dpsList(ServerDb& db) {
    std::printf("%-5s %-9s %s\n", "ID", "TERMINALS", "NAME, ADDRESS");
    SqliteDpsStore store(db);
    for (const auto& e : DpsDirectory(store).list())
        std::printf("%-5lld %-9lld %s, %s, %s %s\n", static_cast<long long>(e.id), static_cast<long long>(e.terminals),
                    e.row.name.c_str(), e.row.street.c_str(), e.row.postcode.c_str(), e.row.municipality.c_str());
    return 0;
}

int dpsImport(ServerDb& db, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "dps-server: cannot read %s\n", file.c_str());
        return 1;
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto parsed = parseDpsCsv(text);
    if (const auto* e = std::get_if<CsvError>(&parsed)) {
        std::fprintf(stderr, "%s:%d: %s\n", file.c_str(), e->line, e->message.c_str());
        std::fprintf(stderr, "dps-server: nothing was imported\n");
        return 2;
    }
    SqliteDpsStore store(db);
    const auto counts = DpsDirectory(store).import(std::get<std::vector<DpsRow>>(parsed));
    std::printf("%s: %d added, %d updated, %d unchanged\n", file.c_str(), counts.added, counts.updated,
                counts.unchanged);
    return 0;
}

// Staff accounts (docs/staff-accounts.md). A password never comes from argv, which other users
// of the machine can read in /proc and which lands in shell histories.
std::optional<std::string> readLineNoEcho(const char* prompt) {
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    termios saved{};
    const bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    if (!got) return std::nullopt;
    return line;
}

// From the terminal: asked twice, without echo. Otherwise one line of stdin, for scripts.
std::optional<std::string> readNewPassword(const std::string& username) {
    if (isatty(STDIN_FILENO) == 0) {
        std::string line;
        if (!std::getline(std::cin, line)) {
            std::fprintf(stderr, "dps-server: no password on stdin (give it as one line: printf '…\\n' | "
                                 "dps-server user …)\n");
            return std::nullopt;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    std::fprintf(stderr, "At least %zu characters; a few words in a row make a good password.\n", kMinPasswordChars);
    const auto first = readLineNoEcho(fmt::format("New password for {}: ", username).c_str());
    if (!first) return std::nullopt;
    if (auto p = passwordProblem(*first)) {
        std::fprintf(stderr, "dps-server: %s; nothing was changed\n", p->c_str());
        return std::nullopt;
    }
    const auto again = readLineNoEcho("The same password again: ");
    if (!again || *again != *first) {
        std::fprintf(stderr, "dps-server: the two passwords differ; nothing was changed\n");
        return std::nullopt;
    }
    return first;
}

int userAdd(ServerDb& db, const std::string& username, const std::string& role, std::optional<std::int64_t> dpsId,
            const std::string& language) {
    SystemClock clock;
    SqliteStaffStore store(db);
    StaffAccounts accounts(store, clock);
    accounts.checkNew(username, role, dpsId, language); // before asking for a password in vain
    const auto password = readNewPassword(username);
    if (!password) return 1;
    const StaffUser a = accounts.add(username, role, dpsId, *password, language);
    std::printf("staff account %s added: %s%s, language %s\n", a.username.c_str(),
                a.role == Role::Region ? "region (every DPS)" : "dps ",
                a.dpsName ? fmt::format("{} {}", *a.dpsId, *a.dpsName).c_str() : "", a.language.c_str());
    return 0;
}

int userPasswd(ServerDb& db, const std::string& username) {
    SystemClock clock;
    SqliteStaffStore store(db);
    StaffAccounts accounts(store, clock);
    accounts.requireExists(username);
    const auto password = readNewPassword(username);
    if (!password) return 1;
    accounts.setPassword(username, *password);
    std::printf("password of %s changed; its sessions were ended\n", username.c_str());
    return 0;
}

int userList(ServerDb& db) {
    SystemClock clock;
    SqliteStaffStore store(db);
    const auto accounts = StaffAccounts(store, clock).list();
    std::size_t width = 4;
    for (const auto& a : accounts)
        width = std::max(width, a.username.size());
    const int w = static_cast<int>(width);
    // The DPS last: it is as long as its name.
    std::printf("%-*s %-6s %-8s %-21s %s\n", w, "NAME", "ROLE", "LANGUAGE", "CREATED", "DPS");
    for (const auto& a : accounts)
        std::printf("%-*s %-6s %-8s %-21s %s\n", w, a.username.c_str(), std::string(roleName(a.role)).c_str(),
                    a.language.c_str(), a.createdAt.c_str(),
                    a.dpsId ? fmt::format("{} {}", *a.dpsId, a.dpsName.value_or("")).c_str() : "-");
    if (accounts.empty()) std::printf("(no staff account yet: dps-server user add NAME --role region)\n");
    return 0;
}

// dps-server's commands: what their options fill in, the configuration they read, and the table.
class ServerCommands {
public:
    std::vector<program::Command> table() {
        return {serveCommand(), terminalCommands(), usageCommand(),  inventoryCommands(),
                dpsCommands(),  userCommands(),     backupCommand(), restoreCheckCommand()};
    }
    program::ConfigChoice config{kDefaultServerConfigPath};

private:
    void addConfig(CLI::App& app) {
        app.add_option("-c,--config", config.file,
                       "Configuration file (default " + std::string(kDefaultServerConfigPath) + ")");
    }
    std::function<void(CLI::App&)> configOnly() {
        return [this](CLI::App& c) { addConfig(c); };
    }

    // Read when a command needs it (restore-check names its file instead): the problems of a
    // wrong file printed, and the log at its level.
    program::Handler configured(program::Handler command) {
        return [this, command = std::move(command)] {
            auto loaded = program::loadOrReport(serverSchema(), config, {"dps-server", "done", true});
            if (!loaded) return program::kUsageError;
            program::applyLogLevel(loaded->settings.logLevel);
            program::logNotes(loaded->notes);
            settings_ = std::move(loaded->settings);
            return command();
        };
    }
    // The commands on server.db: a request that cannot be done is a usage error (2).
    program::Handler withDb(std::function<int(ServerDb&)> command) {
        return configured([this, command = std::move(command)] {
            try {
                ServerDb db(settings_->database);
                return command(db);
            } catch (const AdminError& e) {
                std::fprintf(stderr, "dps-server: %s\n", e.what());
                return 2;
            } catch (const storage::StorageError& e) {
                std::fprintf(stderr, "dps-server: %s\n", e.what());
                return 1;
            }
        });
    }
    // The user commands promise 0, 1 (failed) or 2 (usage), for scripts: here a request that
    // cannot be done is a failure (1).
    program::Handler staff(std::function<int(ServerDb&)> command) {
        return withDb([command = std::move(command)](ServerDb& db) {
            try {
                return command(db);
            } catch (const AdminError& e) {
                std::fprintf(stderr, "dps-server: %s\n", e.what());
                return 1;
            }
        });
    }

    program::Command serveCommand() {
        return {"serve", "Serve the API until SIGTERM or SIGINT",
                [this](CLI::App& c) {
                    addConfig(c);
                    c.add_option("--listen", listen_, "HOST:PORT over http.listen (port 0: any free port)");
                    c.add_option("--port-file", serveOptions_.portFile, "Write the port to this file once listening");
                    c.add_flag("--check-config", checkConfig_, "Check the configuration file and exit");
                    c.add_flag("--print-default-config", printDefaults_,
                               "Print the configuration with every default and exit");
                },
                [this] {
                    if (printDefaults_) {
                        std::fputs(serverSchema().defaultsAsToml().c_str(), stdout);
                        return 0;
                    }
                    auto loaded = program::loadOrReport(serverSchema(), config, {"dps-server", "done", true});
                    if (!loaded) return program::kUsageError;
                    program::applyLogLevel(loaded->settings.logLevel);
                    if (checkConfig_) return program::reportValid(config, loaded->notes);
                    program::logNotes(loaded->notes);
                    if (!listen_.empty()) serveOptions_.listen = listen_;
                    return serve(loaded->settings, serveOptions_);
                }};
    }

    program::Command terminalCommands() {
        program::Command add{
            "add", "Create a terminal for a DPS and print its one-time enrollment code",
            [this](CLI::App& c) {
                addConfig(c);
                c.add_option("--dps", dpsId_, "The DPS's id ('dps-server dps list')")->required();
                // Hidden: lets tests make a code that has already expired, without waiting a week.
                c.add_option("--expires-in", expiresIn_, "Seconds the code is valid (default: enrollment.code_days)")
                    ->group("");
            },
            withDb([this](ServerDb& db) {
                const auto validFor = expiresIn_ >= 0 ? std::chrono::seconds(expiresIn_)
                                                      : std::chrono::seconds(settings_->enrollmentCodeDays * 86400);
                return terminalAdd(db, dpsId_, validFor);
            })};
        program::Command revoke{"revoke", "Revoke a terminal: its requests are refused from now on",
                                [this](CLI::App& c) {
                                    addConfig(c);
                                    c.add_option("ID", terminalId_, "The terminal's id (T-…)")->required();
                                },
                                withDb([this](ServerDb& db) {
                                    SystemClock clock;
                                    SqliteTerminalStore terminals(db);
                                    TerminalRegistry(terminals, clock).revoke(terminalId_);
                                    std::printf("terminal %s revoked: its requests are refused from now on\n",
                                                terminalId_.c_str());
                                    return 0;
                                })};
        program::Command list{"list", "List terminals: state, DPS, last heartbeat, last usage received", configOnly(),
                              withDb(terminalList)};
        return {"terminal", "Terminals: add, revoke, list", {}, {}, {add, revoke, list}};
    }

    program::Command usageCommand() {
        return {"usage", "List the day records received: visits and minutes per terminal",
                [this](CLI::App& c) {
                    addConfig(c);
                    c.add_option("--days", usageDays_, "How many days back (default 7)")->check(CLI::Range(1, 3660));
                },
                withDb([this](ServerDb& db) {
                    SqliteListingStore store(db);
                    return usageList(store, usageDays_);
                })};
    }

    program::Command inventoryCommands() {
        program::Command list{
            "list", "Each terminal's latest inventory: when, computer, USB devices, monitors, card readers, printers",
            configOnly(), withDb([](ServerDb& db) {
                SqliteListingStore store(db);
                return inventoryList(store);
            })};
        program::Command changes{
            "changes", "What appeared and disappeared (USB devices, monitors, readers, the computer…), newest first",
            [this](CLI::App& c) {
                addConfig(c);
                c.add_option("--terminal", changesTerminal_, "Only this terminal (T-…)");
                c.add_option("--days", changesDays_, "How many days back (default 30)")->check(CLI::Range(1, 3660));
            },
            withDb([this](ServerDb& db) {
                SqliteListingStore store(db);
                return inventoryChanges(store, changesTerminal_, changesDays_);
            })};
        return {"inventory", "Terminals' equipment: list, changes", {}, {}, {list, changes}};
    }

    program::Command dpsCommands() {
        program::Command list{"list", "List the DPS and their ids", configOnly(), withDb(dpsList)};
        program::Command importCsv{"import", "Add or update DPS from a CSV file (name,street,postcode,municipality)",
                                   [this](CLI::App& c) {
                                       addConfig(c);
                                       c.add_option("FILE", csvFile_, "The CSV file")->required();
                                   },
                                   withDb([this](ServerDb& db) { return dpsImport(db, csvFile_); })};
        return {"dps", "Public digital spaces: list, import", {}, {}, {list, importCsv}};
    }

    program::Command userCommands() {
        const auto named = [this](CLI::App& c) {
            addConfig(c);
            c.add_option("NAME", username_, "The username")->required();
        };
        program::Command add{
            "add", "Create a staff account; the password is asked for (or read as one line from stdin)",
            [this](CLI::App& c) {
                addConfig(c);
                c.add_option("NAME", username_, "The username (letters, digits, . _ @ -; up to 64)")->required();
                c.add_option("--role", userRole_, "region (sees every DPS) or dps (sees one DPS)")
                    ->required()
                    ->check(CLI::IsMember({"region", "dps"}));
                userDpsOption_ =
                    c.add_option("--dps", userDps_, "The DPS's id, for --role dps ('dps-server dps list')");
                c.add_option("--language", userLanguage_, "The dashboard's language: fr (default), nl or en")
                    ->check(CLI::IsMember({"fr", "nl", "en"}));
            },
            staff([this](ServerDb& db) {
                return userAdd(db, username_, userRole_,
                               userDpsOption_->count() > 0 ? std::optional(userDps_) : std::nullopt, userLanguage_);
            })};
        program::Command remove{
            "remove", "Delete a staff account and end its sessions", named, staff([this](ServerDb& db) {
                SystemClock clock;
                SqliteStaffStore store(db);
                StaffAccounts(store, clock).remove(username_);
                std::printf("staff account %s removed; its sessions were ended\n", username_.c_str());
                return 0;
            })};
        program::Command list{"list", "List the staff accounts: name, role, language, DPS", configOnly(),
                              staff(userList)};
        program::Command passwd{"passwd", "Set a staff account's password (asked for, or one line from stdin)", named,
                                staff([this](ServerDb& db) { return userPasswd(db, username_); })};
        return {
            "user", "Staff accounts of the dashboard: add, remove, list, passwd", {}, {}, {add, remove, list, passwd}};
    }

    program::Command backupCommand() {
        return {"backup", "Copy server.db while the server runs: consistent, fsynced, then checked",
                [this](CLI::App& c) {
                    addConfig(c);
                    c.add_option("DEST", backupDest_, "The copy to write (refused if it exists)")->required();
                    c.add_flag("--force", backupOptions_.force, "Replace DEST if it exists");
                    // Hidden: lets tests copy a small file in many steps while the server writes.
                    c.add_option("--pages-per-step", backupOptions_.pagesPerStep, "Pages copied per step (default 256)")
                        ->check(CLI::Range(1, 1 << 20))
                        ->group("");
                },
                configured([this] { return backupDatabase(settings_->database, backupDest_, backupOptions_); })};
    }

    program::Command restoreCheckCommand() {
        return {"restore-check", "Check a backup (integrity, schema version, rows) before restoring it",
                [this](CLI::App& c) {
                    addConfig(c); // accepted and ignored: the file is named, not configured
                    c.add_option("FILE", restoreFile_, "The backup")->required();
                },
                [this] { return restoreCheck(restoreFile_); }};
    }

    std::optional<ServerSettings> settings_;
    bool printDefaults_ = false, checkConfig_ = false;
    ServeOptions serveOptions_;
    std::string listen_;
    std::int64_t dpsId_ = 0, expiresIn_ = -1;
    std::string terminalId_;
    int usageDays_ = 7, changesDays_ = 30;
    std::string changesTerminal_;
    std::filesystem::path csvFile_;
    std::string username_, userRole_, userLanguage_ = "fr";
    std::int64_t userDps_ = 0;
    CLI::Option* userDpsOption_ = nullptr;
    std::filesystem::path backupDest_;
    BackupOptions backupOptions_;
    std::filesystem::path restoreFile_;
};

} // namespace

int serverMain(int argc, char** argv) {
    CLI::App cli{"dps-server: receives the anonymised usage counts of the public digital spaces' terminals"};
    cli.set_version_flag("--version", DPS_VERSION);
    cli.require_subcommand(1);
    ServerCommands server;
    const program::CommandTable commands(cli, server.table());
    if (const auto rc = program::parseCommandLine(cli, argc, argv)) {
        // The user commands promise 0, 1 (failed) or 2 (usage), for scripts.
        if (*rc != 0 && argc > 1 && std::string_view(argv[1]) == "user") return program::kUsageError;
        return *rc;
    }
    const CLI::App* chosen = commands.chosenApp();
    server.config.given = chosen != nullptr && chosen->count("--config") > 0;
    return commands.dispatch().value_or(program::kUsageError);
}

} // namespace dps::server
