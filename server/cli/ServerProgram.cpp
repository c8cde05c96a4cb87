#include "server/cli/ServerProgram.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/storage/StorageError.h"
#include "server/cli/Serve.h"
#include "server/core/DpsCsv.h"
#include "server/services/DpsDirectory.h"
#include "server/services/ServerSettings.h"
#include "server/services/StaffAccounts.h"
#include "server/services/TerminalRegistry.h"
#include "server/store/Backup.h"
#include "server/store/ServerDb.h"

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

struct ConfigChoice {
    std::filesystem::path file = kDefaultServerConfigPath;
    bool given = false;
};

// The configuration file when given or present, else the defaults; nothing when the file is
// wrong (every problem printed as file:line).
std::optional<ServerSettings> loadSettings(const ConfigChoice& config) {
    try {
        if (config.given || std::filesystem::exists(config.file)) return serverSchema().load(config.file);
        log::info("{} does not exist: using the built-in defaults", config.file.string());
        return serverSchema().defaults();
    } catch (const config::ConfigError& e) {
        for (const auto& p : e.problems())
            std::fprintf(stderr, "%s\n", p.str().c_str());
        std::fprintf(stderr, "dps-server: the configuration has %zu problem(s); nothing was done\n",
                     e.problems().size());
        return std::nullopt;
    }
}

std::string orDash(const std::optional<std::string>& s) { return s ? *s : "-"; }

int terminalAdd(ServerDb& db, std::int64_t dpsId, std::chrono::seconds validFor) {
    SystemClock clock;
    const NewTerminal t = TerminalRegistry(db, clock).add(dpsId, validFor);
    // One "key: value" a line: staff read it, scripts (and the tests) pick the code out.
    std::printf("terminal: %s\ndps: %lld %s\ncode: %s\nexpires: %s\n", t.id.c_str(), static_cast<long long>(t.dpsId),
                t.dpsName.c_str(), t.code.c_str(), toIsoUtc(t.expires).c_str());
    std::fprintf(stderr,
                 "Give the code to the terminal (dps-agent enroll); it works once, until %s, and is not stored.\n",
                 toIsoUtc(t.expires).c_str());
    return 0;
}

// What arrived, day by day, until the dashboard exists: for staff, and to see the demo work.
int usageList(ServerDb& db, int days) {
    return db.with([&](storage::Database& d) {
        auto q = d.prepare("SELECT u.date, u.terminal_id, json_extract(u.counters, '$.visits'), "
                           "json_extract(u.counters, '$.minutes'), u.rev, u.final, u.received_at, p.name "
                           "FROM usage_days u JOIN dps p ON p.id = u.dps_id "
                           "WHERE u.date >= date('now', ?1) ORDER BY u.date DESC, u.terminal_id");
        q.bind(1, std::string_view("-" + std::to_string(days) + " days"));
        std::printf("%-10s %-10s %6s %7s %4s %-5s %-21s %s\n", "DATE", "TERMINAL", "VISITS", "MINUTES", "REV", "FINAL",
                    "RECEIVED", "DPS");
        int n = 0;
        while (q.step()) {
            std::printf("%-10s %-10s %6lld %7lld %4lld %-5s %-21s %s\n", q.text(0).c_str(), q.text(1).c_str(),
                        static_cast<long long>(q.integer(2)), static_cast<long long>(q.integer(3)),
                        static_cast<long long>(q.integer(4)), q.integer(5) ? "yes" : "no", q.text(6).c_str(),
                        q.text(7).c_str());
            ++n;
        }
        if (n == 0) std::printf("(no usage received for the last %d days)\n", days);
        return 0;
    });
}

// Each terminal's latest inventory: what it is and how many of the devices staff look after (USB
// devices without the kernel's root hubs).
int inventoryList(ServerDb& db) {
    return db.with([&](storage::Database& d) {
        auto q = d.prepare(R"sql(
SELECT i.terminal_id, i.received_at,
       trim(coalesce(json_extract(i.document, '$.glpi.content.bios.smanufacturer'), '') || ' ' ||
            coalesce(json_extract(i.document, '$.glpi.content.bios.smodel'), '')),
       (SELECT count(*) FROM json_each(i.document, '$.glpi.content.usbdevices')
        WHERE json_extract(value, '$.vendorid') IS NOT '1d6b'),
       coalesce(json_array_length(i.document, '$.glpi.content.monitors'), 0),
       coalesce(json_array_length(i.document, '$.dps.card_readers.readers'), 0),
       coalesce(json_array_length(i.document, '$.glpi.content.printers'), 0),
       t.dps_id, p.name
FROM inventories i JOIN terminals t ON t.id = i.terminal_id JOIN dps p ON p.id = t.dps_id
ORDER BY p.name, i.terminal_id)sql");
        std::printf("%-10s %-21s %-30s %4s %8s %7s %8s %s\n", "TERMINAL", "LAST INVENTORY", "COMPUTER", "USB",
                    "MONITORS", "READERS", "PRINTERS", "DPS");
        int n = 0;
        while (q.step()) {
            const std::string model = q.text(2);
            std::printf("%-10s %-21s %-30s %4lld %8lld %7lld %8lld %lld %s\n", q.text(0).c_str(), q.text(1).c_str(),
                        model.empty() ? "-" : model.c_str(), static_cast<long long>(q.integer(3)),
                        static_cast<long long>(q.integer(4)), static_cast<long long>(q.integer(5)),
                        static_cast<long long>(q.integer(6)), static_cast<long long>(q.integer(7)), q.text(8).c_str());
            ++n;
        }
        if (n == 0) std::printf("(no inventory received yet)\n");
        return 0;
    });
}

// What appeared and disappeared, newest first.
int inventoryChanges(ServerDb& db, const std::string& terminalId, int days) {
    return db.with([&](storage::Database& d) {
        auto q =
            d.prepare("SELECT c.at, c.terminal_id, t.dps_id, c.change, c.kind, c.item FROM inventory_changes c "
                      "JOIN terminals t ON t.id = c.terminal_id "
                      "WHERE c.at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1) AND (?2 = '' OR c.terminal_id = ?2) "
                      "ORDER BY c.at DESC, c.id DESC");
        q.bind(1, std::string_view("-" + std::to_string(days) + " days")).bind(2, std::string_view(terminalId));
        // The item last: it is as long as its name and serial.
        std::printf("%-21s %-10s %-5s %-11s %-12s %s\n", "WHEN", "TERMINAL", "DPS", "CHANGE", "KIND", "ITEM");
        int n = 0;
        while (q.step()) {
            std::printf("%-21s %-10s %-5lld %-11s %-12s %s\n", q.text(0).c_str(), q.text(1).c_str(),
                        static_cast<long long>(q.integer(2)), q.text(3).c_str(), q.text(4).c_str(), q.text(5).c_str());
            ++n;
        }
        if (n == 0)
            std::printf("(no change%s for the last %d days)\n", terminalId.empty() ? "" : (" of " + terminalId).c_str(),
                        days);
        return 0;
    });
}

int terminalList(ServerDb& db) {
    SystemClock clock;
    const auto rows = TerminalRegistry(db, clock).list();
    std::printf("%-10s %-8s %-21s %-21s %s\n", "TERMINAL", "STATE", "LAST HEARTBEAT", "LAST USAGE", "DPS");
    for (const auto& r : rows)
        std::printf("%-10s %-8s %-21s %-21s %lld %s\n", r.id.c_str(), r.state.c_str(), orDash(r.lastHeartbeat).c_str(),
                    orDash(r.lastUsage).c_str(), static_cast<long long>(r.dpsId), r.dpsName.c_str());
    return 0;
}

int dpsList(ServerDb& db) {
    std::printf("%-5s %-9s %s\n", "ID", "TERMINALS", "NAME, ADDRESS");
    for (const auto& e : DpsDirectory(db).list())
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
    const auto counts = DpsDirectory(db).import(std::get<std::vector<DpsRow>>(parsed));
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
    StaffAccounts accounts(db, clock);
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
    StaffAccounts accounts(db, clock);
    accounts.requireExists(username);
    const auto password = readNewPassword(username);
    if (!password) return 1;
    accounts.setPassword(username, *password);
    std::printf("password of %s changed; its sessions were ended\n", username.c_str());
    return 0;
}

int userList(ServerDb& db) {
    SystemClock clock;
    const auto accounts = StaffAccounts(db, clock).list();
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

} // namespace

int serverMain(int argc, char** argv) {
    CLI::App cli{"dps-server: receives the anonymised usage counts of the public digital spaces' terminals"};
    cli.set_version_flag("--version", DPS_VERSION);
    cli.require_subcommand(1);
    ConfigChoice config;
    auto addConfig = [&](CLI::App* app) {
        app->add_option("-c,--config", config.file,
                        "Configuration file (default " + std::string(kDefaultServerConfigPath) + ")");
    };
    bool printDefaults = false, checkConfig = false;

    CLI::App* serveCmd = cli.add_subcommand("serve", "Serve the API until SIGTERM or SIGINT");
    addConfig(serveCmd);
    ServeOptions serveOptions;
    std::string listen;
    serveCmd->add_option("--listen", listen, "HOST:PORT over http.listen (port 0: any free port)");
    serveCmd->add_option("--port-file", serveOptions.portFile, "Write the port to this file once listening");
    serveCmd->add_flag("--check-config", checkConfig, "Check the configuration file and exit");
    serveCmd->add_flag("--print-default-config", printDefaults, "Print the configuration with every default and exit");

    CLI::App* terminal = cli.add_subcommand("terminal", "Terminals: add, revoke, list");
    terminal->require_subcommand(1);
    CLI::App* add =
        terminal->add_subcommand("add", "Create a terminal for a DPS and print its one-time enrollment code");
    addConfig(add);
    std::int64_t dpsId = 0;
    add->add_option("--dps", dpsId, "The DPS's id ('dps-server dps list')")->required();
    std::int64_t expiresIn = -1;
    // Hidden: lets tests make a code that has already expired, without waiting a week.
    add->add_option("--expires-in", expiresIn, "Seconds the code is valid (default: enrollment.code_days)")->group("");
    CLI::App* revoke = terminal->add_subcommand("revoke", "Revoke a terminal: its requests are refused from now on");
    addConfig(revoke);
    std::string terminalId;
    revoke->add_option("ID", terminalId, "The terminal's id (T-…)")->required();
    CLI::App* listTerminals =
        terminal->add_subcommand("list", "List terminals: state, DPS, last heartbeat, last usage received");
    addConfig(listTerminals);

    CLI::App* usage = cli.add_subcommand("usage", "List the day records received: visits and minutes per terminal");
    addConfig(usage);
    int usageDays = 7;
    usage->add_option("--days", usageDays, "How many days back (default 7)")->check(CLI::Range(1, 3660));

    CLI::App* inventoryCmd = cli.add_subcommand("inventory", "Terminals' equipment: list, changes");
    inventoryCmd->require_subcommand(1);
    CLI::App* listInventory = inventoryCmd->add_subcommand(
        "list", "Each terminal's latest inventory: when, computer, USB devices, monitors, card readers, printers");
    addConfig(listInventory);
    CLI::App* inventoryChangesCmd = inventoryCmd->add_subcommand(
        "changes", "What appeared and disappeared (USB devices, monitors, readers, the computer…), newest first");
    addConfig(inventoryChangesCmd);
    std::string changesTerminal;
    inventoryChangesCmd->add_option("--terminal", changesTerminal, "Only this terminal (T-…)");
    int changesDays = 30;
    inventoryChangesCmd->add_option("--days", changesDays, "How many days back (default 30)")
        ->check(CLI::Range(1, 3660));

    CLI::App* dpsCmd = cli.add_subcommand("dps", "Public digital spaces: list, import");
    dpsCmd->require_subcommand(1);
    CLI::App* listDps = dpsCmd->add_subcommand("list", "List the DPS and their ids");
    addConfig(listDps);
    CLI::App* importDps =
        dpsCmd->add_subcommand("import", "Add or update DPS from a CSV file (name,street,postcode,municipality)");
    addConfig(importDps);
    std::filesystem::path csvFile;
    importDps->add_option("FILE", csvFile, "The CSV file")->required();

    CLI::App* userCmd = cli.add_subcommand("user", "Staff accounts of the dashboard: add, remove, list, passwd");
    userCmd->require_subcommand(1);
    CLI::App* addUser = userCmd->add_subcommand(
        "add", "Create a staff account; the password is asked for (or read as one line from stdin)");
    addConfig(addUser);
    std::string username, userRole, userLanguage = "fr";
    std::int64_t userDps = 0;
    addUser->add_option("NAME", username, "The username (letters, digits, . _ @ -; up to 64)")->required();
    addUser->add_option("--role", userRole, "region (sees every DPS) or dps (sees one DPS)")
        ->required()
        ->check(CLI::IsMember({"region", "dps"}));
    CLI::Option* userDpsOption =
        addUser->add_option("--dps", userDps, "The DPS's id, for --role dps ('dps-server dps list')");
    addUser->add_option("--language", userLanguage, "The dashboard's language: fr (default), nl or en")
        ->check(CLI::IsMember({"fr", "nl", "en"}));
    CLI::App* removeUser = userCmd->add_subcommand("remove", "Delete a staff account and end its sessions");
    addConfig(removeUser);
    removeUser->add_option("NAME", username, "The username")->required();
    CLI::App* listUsers = userCmd->add_subcommand("list", "List the staff accounts: name, role, language, DPS");
    addConfig(listUsers);
    CLI::App* passwdUser =
        userCmd->add_subcommand("passwd", "Set a staff account's password (asked for, or one line from stdin)");
    addConfig(passwdUser);
    passwdUser->add_option("NAME", username, "The username")->required();

    CLI::App* backupCmd =
        cli.add_subcommand("backup", "Copy server.db while the server runs: consistent, fsynced, then checked");
    addConfig(backupCmd);
    std::filesystem::path backupDest;
    BackupOptions backupOptions;
    backupCmd->add_option("DEST", backupDest, "The copy to write (refused if it exists)")->required();
    backupCmd->add_flag("--force", backupOptions.force, "Replace DEST if it exists");
    // Hidden: lets tests copy a small file in many steps while the server writes.
    backupCmd->add_option("--pages-per-step", backupOptions.pagesPerStep, "Pages copied per step (default 256)")
        ->check(CLI::Range(1, 1 << 20))
        ->group("");
    CLI::App* restoreCheckCmd =
        cli.add_subcommand("restore-check", "Check a backup (integrity, schema version, rows) before restoring it");
    addConfig(restoreCheckCmd); // accepted and ignored: the file is named, not configured
    std::filesystem::path restoreFile;
    restoreCheckCmd->add_option("FILE", restoreFile, "The backup")->required();

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = cli.exit(e);
        // The user commands promise 0, 1 (failed) or 2 (usage), for scripts.
        if (rc != 0 && argc > 1 && std::string_view(argv[1]) == "user") return 2;
        return rc;
    }
    if (restoreCheckCmd->parsed()) return restoreCheck(restoreFile);
    for (CLI::App* app : {serveCmd, add, revoke, listTerminals, usage, listInventory, inventoryChangesCmd, listDps,
                          importDps, addUser, removeUser, listUsers, passwdUser, backupCmd})
        if (app->parsed() && app->count("--config") > 0) config.given = true;

    if (serveCmd->parsed() && printDefaults) {
        std::fputs(serverSchema().defaultsAsToml().c_str(), stdout);
        return 0;
    }
    const auto settings = loadSettings(config);
    if (!settings) return 2;
    log::Level level{};
    if (log::parseLevel(settings->logLevel, level)) log::setLevel(level);
    if (serveCmd->parsed()) {
        if (checkConfig) {
            std::printf("%s: configuration is valid\n", config.file.c_str());
            return 0;
        }
        if (!listen.empty()) serveOptions.listen = listen;
        return serve(*settings, serveOptions);
    }
    if (backupCmd->parsed()) return backupDatabase(settings->database, backupDest, backupOptions);
    try {
        ServerDb db(settings->database);
        if (add->parsed()) {
            const auto validFor = expiresIn >= 0 ? std::chrono::seconds(expiresIn)
                                                 : std::chrono::seconds(settings->enrollmentCodeDays * 86400);
            return terminalAdd(db, dpsId, validFor);
        }
        if (revoke->parsed()) {
            SystemClock clock;
            TerminalRegistry(db, clock).revoke(terminalId);
            std::printf("terminal %s revoked: its requests are refused from now on\n", terminalId.c_str());
            return 0;
        }
        if (listTerminals->parsed()) return terminalList(db);
        if (usage->parsed()) return usageList(db, usageDays);
        if (listInventory->parsed()) return inventoryList(db);
        if (inventoryChangesCmd->parsed()) return inventoryChanges(db, changesTerminal, changesDays);
        if (listDps->parsed()) return dpsList(db);
        if (importDps->parsed()) return dpsImport(db, csvFile);
        if (userCmd->parsed()) {
            // Here a request that cannot be done is a failure (1), not a usage error (2).
            try {
                if (addUser->parsed())
                    return userAdd(db, username, userRole,
                                   userDpsOption->count() > 0 ? std::optional(userDps) : std::nullopt, userLanguage);
                if (removeUser->parsed()) {
                    SystemClock clock;
                    StaffAccounts(db, clock).remove(username);
                    std::printf("staff account %s removed; its sessions were ended\n", username.c_str());
                    return 0;
                }
                if (listUsers->parsed()) return userList(db);
                if (passwdUser->parsed()) return userPasswd(db, username);
            } catch (const AdminError& e) {
                std::fprintf(stderr, "dps-server: %s\n", e.what());
                return 1;
            }
        }
    } catch (const AdminError& e) {
        std::fprintf(stderr, "dps-server: %s\n", e.what());
        return 2;
    } catch (const storage::StorageError& e) {
        std::fprintf(stderr, "dps-server: %s\n", e.what());
        return 1;
    }
    return 2;
}

} // namespace dps::server
