#pragma once
// The real dps-server binary in a temp dir of its own, for tests of the server and of whatever
// talks to it (the agent, end to end). It listens on 127.0.0.1, on a port the system picked.
//
//   dps::test::ServerProcess server;              // writes server.toml, starts nothing
//   const auto dps = server.addDps("DPS Bravvo"); // the real `dps import`
//   server.start();                               // `serve --listen 127.0.0.1:0 --port-file …`
//   const auto t = server.enrollNewTerminal(dps); // `terminal add` + POST /api/v1/enroll
//   auto http = server.client();                  // then Authorization: Bearer t.token
//
// Every command runs the real CLI with the same --config; server.db can be read (read-only)
// at databasePath() while it runs.
#include "Process.h"
#include "TempDir.h"

#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dps::test {

class ServerProcess {
public:
    struct Options {
        // High by default so that tests about other things never meet the limits.
        std::int64_t requestsPerMinute = 100000;
        std::int64_t enrollPerMinute = 100000;
        std::int64_t maxBodyBytes = 1 << 20;
        std::int64_t maxDecompressedBytes = 8 << 20;
        // HTTPS: the server's certificate chain and key (PEM); clientCa is what client() trusts.
        std::filesystem::path tlsCertificate, tlsKey, clientCa;
        // Lines of server.toml's [dashboard] table, e.g. "web_root = \"/nowhere\"\n".
        std::string dashboard;
    };

    struct CommandResult {
        int exitCode = -1;
        std::string out, err;
    };
    struct NewTerminal {
        std::string id;   // T-000001
        std::string code; // the one-time enrollment code, as printed
    };
    struct Enrolled {
        std::string terminalId;
        std::string token; // for Authorization: Bearer
    };

    ServerProcess();
    explicit ServerProcess(Options options);
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess(); // SIGKILLs a server still running; the temp dir goes with it

    // Starts `dps-server serve` and returns once it listens (throws with its stderr if it
    // does not within 20 s). Can be called again after stop() or kill(): same dir, same server.db.
    void start();
    // Sends sig and returns the exit code (throws if it has not exited after 10 s).
    int stop(int sig = SIGTERM);
    void kill() { stop(SIGKILL); }
    [[nodiscard]] bool running() const { return process_ != nullptr; }

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string baseUrl() const; // http(s)://127.0.0.1:PORT
    // A client of the running server (trusting Options::clientCa over HTTPS), 10 s timeouts.
    [[nodiscard]] std::unique_ptr<httplib::Client> client() const;

    // `dps-server ARGS… --config server.toml`, to completion.
    CommandResult run(std::vector<std::string> args) const;
    // The same with stdin read from a file holding input (e.g. a password line for `user add`).
    CommandResult runWithInput(std::vector<std::string> args, const std::string& input) const;
    // Imports a one-line CSV with this name (the real `dps import`) and returns the DPS's id.
    std::int64_t addDps(const std::string& name, const std::string& municipality = "Brussels");
    // `terminal add --dps ID` (expiresIn: the hidden --expires-in, e.g. 0 for an expired code).
    NewTerminal addTerminal(std::int64_t dpsId, std::optional<std::chrono::seconds> expiresIn = {});
    // POST /api/v1/enroll; throws unless the server answers 201.
    Enrolled enroll(const std::string& code, const std::string& agentVersion = "test");
    Enrolled enrollNewTerminal(std::int64_t dpsId) { return enroll(addTerminal(dpsId).code); }

    // The dashboard's login form as a browser gets it (GET /login): its CSRF field and the cookie
    // it goes with ("dps_login=…").
    struct LoginForm {
        std::string csrf, cookie;
    };
    [[nodiscard]] LoginForm loginForm() const;
    // POST /login as a browser sends the form (its token, its cookie and `cookies` after it).
    [[nodiscard]] httplib::Result postLogin(const std::string& user, const std::string& password,
                                            httplib::Headers headers = {}, const std::string& cookies = "") const;
    // Logs in and returns the Cookie header value of the session ("dps_session=…"); throws
    // unless the server answers 303.
    [[nodiscard]] std::string login(const std::string& user, const std::string& password) const;

    // Every row of every table of server.db (schema_version aside) as text: equal before and
    // after a request shows that request changed nothing.
    [[nodiscard]] std::string snapshot() const;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }
    [[nodiscard]] std::filesystem::path databasePath() const { return dir_ / "server.db"; }
    [[nodiscard]] std::filesystem::path configPath() const { return dir_ / "server.toml"; }
    // What the running (or last) server wrote to stderr.
    [[nodiscard]] std::string stderrText() const;

private:
    Options options_;
    TempDir dir_;
    std::unique_ptr<Process> process_;
    std::string lastStderr_;
    int port_ = 0;
};

} // namespace dps::test
