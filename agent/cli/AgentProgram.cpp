#include "agent/cli/AgentProgram.h"

#include "agent/cli/AgentSettings.h"
#include "agent/cli/InventoryCommand.h"
#include "agent/jobs/HeartbeatJob.h"
#include "agent/jobs/InventoryJob.h"
#include "agent/jobs/JobLoop.h"
#include "agent/jobs/StopSignal.h"
#include "agent/jobs/UsageJob.h"
#include "agent/net/CurlHttpClient.h"
#include "agent/store/AgentDb.h"
#include "dps/log/Log.h"
#include "dps/program/CommandTable.h"
#include "dps/program/ConfigLoad.h"
#include "dps/program/LogLevel.h"
#include "dps/protocol/EnrollJson.h"
#include "dps/storage/StorageError.h"

#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <openssl/crypto.h>

#include <csignal>
#include <cstdio>
#include <malloc.h>
#include <pthread.h>
#include <thread>
#include <utility>
#include <variant>

namespace dps::agent {
namespace {

int enrollCommand(const AgentSettings& settings, const std::string& server, const std::string& code) {
    try {
        AgentDb db = AgentDb::open(settings.database);
        CurlHttpClient http(curlSettings(settings, server));
        const std::string body = protocol::enrollRequestJson({code, DPS_VERSION});
        const HttpResponse r = http.post({"/api/v1/enroll", body, std::nullopt, std::nullopt, std::nullopt});
        if (r.status == 201) {
            auto answer = protocol::parseEnrollAnswer(r.body);
            if (const auto* e = std::get_if<protocol::BodyError>(&answer)) {
                std::fprintf(stderr,
                             "dps-agent: the server's answer to the enrollment is not one this agent reads: %s%s%s\n",
                             e->message.c_str(), e->path.empty() ? "" : " at ", e->path.c_str());
                return 1;
            }
            auto& [terminal, token] = std::get<protocol::EnrollAnswer>(answer);
            Credential c{server, std::move(terminal), std::move(token)};
            db.saveCredential(c);
            db.clearFact("reenroll");
            std::printf("Enrolled: this terminal is %s on %s. Its credential is in %s (readable by this user only).\n",
                        c.terminal.c_str(), server.c_str(), settings.database.c_str());
            return 0;
        }
        if (r.status == 0) {
            std::fprintf(stderr, "dps-agent: could not reach %s: %s\n", server.c_str(), r.error.c_str());
            return 1;
        }
        if (r.status == 401 || r.status == 403)
            std::fprintf(stderr,
                         "dps-agent: the server refused the enrollment code: %s\nA code works once and for 7 days; "
                         "ask the regional staff for a new one (dps-server terminal add).\n",
                         serverError(r).message.c_str());
        else
            std::fprintf(stderr, "dps-agent: the server answered HTTP %ld: %s\n", r.status,
                         serverError(r).message.c_str());
        return 1;
    } catch (const UrlRefused& e) {
        std::fprintf(stderr, "dps-agent: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-agent: %s\n", e.what());
        return 1;
    }
}

std::string readable(const std::optional<std::string>& isoUtc) {
    if (!isoUtc) return "never";
    return isoUtc->substr(0, 10) + " " + isoUtc->substr(11, 8) + " UTC";
}

int statusCommand(const AgentSettings& settings) {
    AgentDb db = AgentDb::open(settings.database);
    const auto c = db.credential();
    if (c)
        std::printf("Enrolled:             yes, as terminal %s on %s\n", c->terminal.c_str(), c->server.c_str());
    else
        std::printf("Enrolled:             no. Ask the regional staff for a code, then run: dps-agent enroll "
                    "--server URL --code CODE\n");
    if (const auto why = db.fact("reenroll")) std::printf("Sending:              STOPPED. %s\n", why->c_str());
    std::printf("Last successful sync: %s\n", readable(db.fact("last_success")).c_str());
    const auto queue = db.outbox(1);
    std::printf("Waiting to be sent:   %lld day records%s\n", static_cast<long long>(db.outboxSize()),
                queue.empty() ? "" : (", the oldest of " + queue.front().date).c_str());
    const auto dead = db.deadLetterCount();
    std::printf("Dead letters:         %lld%s\n", static_cast<long long>(dead),
                dead ? " (records the server refused for good; kept in agent.db, table dead_letters)" : "");
    const auto error = db.fact("last_error");
    std::printf("Last error:           %s\n",
                error ? (*error + " (" + readable(db.fact("last_error_at")) + ")").c_str() : "none");
    std::printf("Last heartbeat:       %s\n", readable(db.fact("last_heartbeat")).c_str());
    std::printf("Inventory sent:       %s%s\n", readable(db.fact("inventory_sent_at")).c_str(),
                db.queuedInventory() ? " (a newer one is waiting)" : "");
    if (const auto e = db.fact("inventory_error")) std::printf("Inventory problem:    %s\n", e->c_str());
    std::printf("Reported through:     %s\n", db.fact("acknowledged_through").value_or("nothing yet").c_str());
    return 0;
}

void printPass(const PassReport& p, AgentDb& db) {
    if (p.kioskDbMissing) std::printf("No visit log yet (the kiosk has not run on this terminal).\n");
    std::printf(
        "Computed %d days, %d changed and queued%s.\n", p.collected.examined, p.collected.queued,
        p.collected.heldBack ? (", " + std::to_string(p.collected.heldBack) + " held back (outbox full)").c_str() : "");
    if (!p.enrolled) {
        std::printf("Not enrolled: nothing sent. Run dps-agent enroll --server URL --code CODE.\n");
        return;
    }
    std::printf("Sent %d records in %d requests (%zu bytes); %d set aside as dead letters; %lld still waiting.\n",
                p.sent.delivered, p.sent.requests, p.sent.bytesSent, p.sent.deadLettered,
                static_cast<long long>(db.outboxSize()));
    if (!p.sent.error.empty()) std::printf("Problem: %s\n", p.sent.error.c_str());
}

int syncNowCommand(const AgentSettings& settings) {
    try {
        AgentDb db = AgentDb::open(settings.database);
        StopSignal stop;
        UsageJob job(settings, db, stop);
        const PassReport pass = job.runOnce();
        printPass(pass, db);
        return pass.enrolled && !pass.sent.failed() ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-agent: %s\n", e.what());
        return 1;
    }
}

int runService(const AgentSettings& settings) {
    // Signals are taken by this thread alone (sigwait); the loops only see the stop request.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    try {
        AgentDb::open(settings.database); // says at once if the file cannot be used
    } catch (const std::exception& e) {
        log::error("{}", e.what());
        return 1;
    }
    StopSignal stop;
    log::info("dps-agent {} started: usage every {} s, heartbeat every {} s, visit log {}", DPS_VERSION,
              settings.syncIntervalSeconds, settings.heartbeatIntervalSeconds, settings.kioskDatabase.string());
    // The three jobs take turns on one thread: a pass is short next to every interval, and a
    // request in flight is bounded by server.timeout_seconds and abandoned at once on SIGTERM.
    std::thread jobs([&settings, &stop] {
        UsageJob usage(settings, stop);
        HeartbeatJob heartbeat(settings, stop);
        InventoryJob inventory(settings, stop, [&settings] { return inventoryMessageOf(settings, "/"); });
        const SystemClock clock;
        JobLoop loop(clock, [&stop](Seconds d) { return stop.sleepFor(d); });
        loop.add(usage);
        loop.add(heartbeat);
        loop.add(inventory);
        loop.run();
    });
    int sig = 0;
    sigwait(&signals, &sig);
    log::info("stopping ({})", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    stop.request();
    jobs.join();
    log::info("stopped; the outbox is kept in {}", settings.database.string());
    return 0;
}

// A command's exit code; an exception it lets through is said on stderr and is a failure (1).
std::optional<int> reported(const program::CommandTable& commands) {
    try {
        return commands.dispatch();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-agent: %s\n", e.what());
        return 1;
    }
}

// A command that talks to the server: libcurl (and through it GnuTLS) is set up for these alone.
program::Handler online(program::Handler command) {
    return [command = std::move(command)] {
        // Debian's libcurl (GnuTLS) also links libssh2, whose start-up initialises OpenSSL in
        // full: configuration, every cipher and digest, error strings. The agent never uses
        // OpenSSL (no SSH, TLS is GnuTLS's), so it is initialised first with none of that:
        // 1 MB less resident memory (docs/performance.md).
        OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
                                OPENSSL_INIT_NO_ADD_ALL_DIGESTS | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS,
                            nullptr);
        curl_global_init(CURL_GLOBAL_DEFAULT);
        int rc = 1;
        try {
            rc = command();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dps-agent: %s\n", e.what());
        }
        curl_global_cleanup();
        return rc;
    };
}

} // namespace

int agentMain(int argc, char** argv) {
    // One malloc arena: the agent allocates little, and an arena per thread would be most of
    // its own memory (docs/performance.md, the agent's figures).
    mallopt(M_ARENA_MAX, 1);
    program::ConfigChoice config{kDefaultAgentConfigPath};
    CLI::App cli{"dps-agent: sends this terminal's anonymous usage counts to the regional server"};
    cli.set_version_flag("--version", DPS_VERSION);
    cli.add_option("-c,--config", config.file,
                   "Configuration file (default " + std::string(kDefaultAgentConfigPath) + ")");
    bool printDefaults = false;
    cli.add_flag("--print-default-config", printDefaults, "Print the configuration with every default and exit");
    cli.require_subcommand(0, 1);
    // `dps-agent run -c FILE` as well as `dps-agent -c FILE run`: a subcommand hands the options it
    // does not know (-c, --config) to the program (the systemd unit's form, docs/systemd.md).
    cli.fallthrough();
    std::optional<AgentSettings> settings; // read once the command line is parsed
    std::string server, code;
    bool printInventory = false, glpiOnly = false, now = false;
    std::filesystem::path inventoryRoot = "/";
    const program::CommandTable commands(
        cli,
        {{"run", "Run the service: usage sync and heartbeat until SIGTERM", {}, online([&] {
              return runService(*settings);
          })},
         {"enroll", "Enroll this terminal with a code from the regional staff",
          [&](CLI::App& c) {
              c.add_option("--server", server, "The server's address, e.g. https://stats.example.brussels")->required();
              c.add_option("--code", code, "The one-time enrollment code")->required();
          },
          online([&] { return enrollCommand(*settings, server, code); })},
         {"status",
          "Say whether this terminal is enrolled and how its sync goes",
          {},
          [&] { return statusCommand(*settings); }},
         {"inventory", "This terminal's equipment inventory (GLPI's format)",
          [&](CLI::App& c) {
              c.add_flag("--print", printInventory, "Print the inventory document")->required();
              c.add_flag("--glpi-only", glpiOnly, "Print only the GLPI part");
              c.add_option("--root", inventoryRoot,
                           "Read sys/, proc/ and etc/ under this folder instead of / (tests, fixtures); the "
                           "card readers and printers, which are this machine's services, are then left out");
          },
          [&] { return inventoryPrintCommand(*settings, inventoryRoot, glpiOnly); }},
         {"sync", "Sync usage now, once",
          [&](CLI::App& c) { c.add_flag("--now", now, "Run one pass now (the only mode)")->required(); },
          online([&] { return syncNowCommand(*settings); })}});
    if (const auto rc = program::parseCommandLine(cli, argc, argv)) return *rc;
    if (printDefaults) {
        std::fputs(agentSchema().defaultsAsToml().c_str(), stdout);
        return 0;
    }
    config.given = cli.count("--config") > 0;
    auto loaded = program::loadOrReport(agentSchema(), config, {"dps-agent"});
    if (!loaded) return program::kUsageError;
    program::applyLogLevel(loaded->settings.logLevel);
    program::logNotes(loaded->notes);
    settings = std::move(loaded->settings);
    if (const auto rc = reported(commands)) return *rc;
    std::fputs(cli.help().c_str(), stdout);
    return program::kUsageError;
}

} // namespace dps::agent
