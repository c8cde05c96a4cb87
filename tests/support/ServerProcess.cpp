#include "ServerProcess.h"

#include "dps/storage/Database.h"

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef DPS_SERVER_BIN
#error "build with -DDPS_SERVER_BIN=\"…/dps-server\""
#endif

namespace dps::test {
namespace {

std::string quoted(const std::filesystem::path& p) { return nlohmann::json(p.string()).dump(); }

// The value of a "key: value" line of a command's output.
std::string field(const std::string& out, const std::string& key) {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ": ", 0) == 0) return line.substr(key.size() + 2);
    throw std::runtime_error("ServerProcess: no '" + key + ":' line in: " + out);
}

} // namespace

ServerProcess::ServerProcess() : ServerProcess(Options{}) {}

ServerProcess::ServerProcess(Options options) : options_(std::move(options)) {
    std::ostringstream toml;
    toml << "[storage]\ndatabase = \"server.db\"\n\n[http]\nlisten = \"127.0.0.1:0\"\nthreads = 4\n"
         << "max_body_bytes = " << options_.maxBodyBytes
         << "\nmax_decompressed_bytes = " << options_.maxDecompressedBytes
         << "\n\n[limits]\nrequests_per_minute = " << options_.requestsPerMinute
         << "\nenroll_per_minute = " << options_.enrollPerMinute << "\n\n[log]\nlevel = \"debug\"\n";
    if (!options_.tlsCertificate.empty())
        toml << "\n[tls]\ncertificate = " << quoted(options_.tlsCertificate) << "\nkey = " << quoted(options_.tlsKey)
             << "\n";
    if (!options_.dashboard.empty()) toml << "\n[dashboard]\n" << options_.dashboard;
    writeFile(configPath(), toml.str());
}

ServerProcess::~ServerProcess() {
    if (process_) process_->signal(SIGKILL);
}

void ServerProcess::start() {
    if (process_) throw std::logic_error("ServerProcess::start: already running");
    const auto portFile = dir_ / "port";
    std::filesystem::remove(portFile);
    process_ = std::make_unique<Process>(
        std::vector<std::string>{DPS_SERVER_BIN, "serve", "--config", configPath().string(), "--port-file",
                                 portFile.string()},
        std::map<std::string, std::optional<std::string>>{{"JOURNAL_STREAM", {}}}, dir_.path());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(portFile)) {
            port_ = std::stoi(readFile(portFile));
            return;
        }
        if (const auto rc = process_->wait(std::chrono::milliseconds(0))) {
            lastStderr_ = process_->stderrText();
            process_.reset();
            throw std::runtime_error("dps-server exited with " + std::to_string(*rc) + ": " + lastStderr_);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("dps-server did not listen within 20 s: " + process_->stderrText());
}

int ServerProcess::stop(int sig) {
    if (!process_) throw std::logic_error("ServerProcess::stop: not running");
    process_->signal(sig);
    const auto rc = process_->wait(std::chrono::seconds(10));
    if (!rc) throw std::runtime_error("dps-server did not exit within 10 s of signal " + std::to_string(sig));
    lastStderr_ = process_->stderrText();
    process_.reset();
    return *rc;
}

std::string ServerProcess::stderrText() const { return process_ ? process_->stderrText() : lastStderr_; }

std::string ServerProcess::baseUrl() const {
    return std::string(options_.tlsCertificate.empty() ? "http" : "https") + "://127.0.0.1:" + std::to_string(port_);
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
    auto c = std::make_unique<httplib::Client>(baseUrl());
    if (!options_.clientCa.empty()) c->set_ca_cert_path(options_.clientCa.c_str());
    c->set_connection_timeout(std::chrono::seconds(10));
    c->set_read_timeout(std::chrono::seconds(10));
    c->set_write_timeout(std::chrono::seconds(10));
    return c;
}

ServerProcess::CommandResult ServerProcess::run(std::vector<std::string> args) const {
    args.insert(args.begin(), DPS_SERVER_BIN);
    args.push_back("--config");
    args.push_back(configPath().string());
    Process p(std::move(args), {{"JOURNAL_STREAM", {}}}, dir_.path());
    const auto rc = p.wait(std::chrono::seconds(30));
    if (!rc) throw std::runtime_error("dps-server command did not finish within 30 s");
    return {*rc, p.stdoutText(), p.stderrText()};
}

ServerProcess::CommandResult ServerProcess::runWithInput(std::vector<std::string> args,
                                                         const std::string& input) const {
    const auto file = dir_ / "stdin.txt";
    writeFile(file, input);
    // Process gives no stdin of its own: a shell redirects it, then becomes dps-server.
    args.insert(args.begin(), {"/bin/sh", "-c", "exec \"$@\" < \"$0\"", file.string(), DPS_SERVER_BIN});
    args.push_back("--config");
    args.push_back(configPath().string());
    Process p(std::move(args), {{"JOURNAL_STREAM", {}}}, dir_.path());
    const auto rc = p.wait(std::chrono::seconds(30));
    if (!rc) throw std::runtime_error("dps-server command did not finish within 30 s");
    return {*rc, p.stdoutText(), p.stderrText()};
}

std::int64_t ServerProcess::addDps(const std::string& name, const std::string& municipality) {
    const auto csv = dir_ / "add-dps.csv";
    writeFile(csv, "name,street,postcode,municipality\n" + nlohmann::json(name).dump() + ",Rue de Test 1,1000," +
                       nlohmann::json(municipality).dump() + "\n");
    const auto imported = run({"dps", "import", csv.string()});
    if (imported.exitCode != 0) throw std::runtime_error("dps import failed: " + imported.err);
    auto db = storage::Database::open(databasePath(), {true, false, std::chrono::milliseconds(5000), false});
    auto q = db.prepare("SELECT id FROM dps WHERE name = ?1");
    q.bind(1, std::string_view(name));
    if (!q.step()) throw std::runtime_error("dps import did not add " + name);
    return q.integer(0);
}

ServerProcess::NewTerminal ServerProcess::addTerminal(std::int64_t dpsId,
                                                      std::optional<std::chrono::seconds> expiresIn) {
    std::vector<std::string> args{"terminal", "add", "--dps", std::to_string(dpsId)};
    if (expiresIn) {
        args.push_back("--expires-in");
        args.push_back(std::to_string(expiresIn->count()));
    }
    const auto added = run(std::move(args));
    if (added.exitCode != 0) throw std::runtime_error("terminal add failed: " + added.err);
    return {field(added.out, "terminal"), field(added.out, "code")};
}

ServerProcess::Enrolled ServerProcess::enroll(const std::string& code, const std::string& agentVersion) {
    const auto res = client()->Post(
        "/api/v1/enroll", nlohmann::json{{"code", code}, {"agent_version", agentVersion}}.dump(), "application/json");
    if (!res) throw std::runtime_error("enroll: no answer (" + httplib::to_string(res.error()) + ")");
    if (res->status != 201) throw std::runtime_error("enroll: " + std::to_string(res->status) + " " + res->body);
    const auto j = nlohmann::json::parse(res->body);
    return {j.at("terminal").get<std::string>(), j.at("token").get<std::string>()};
}

std::string ServerProcess::snapshot() const {
    auto db = storage::Database::open(databasePath(), {true, false, std::chrono::milliseconds(5000), false});
    std::string out;
    auto tables =
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name != 'schema_version' ORDER BY name");
    while (tables.step()) {
        const std::string table = tables.text(0);
        out += "[" + table + "]\n";
        auto rows = db.prepare("SELECT * FROM " + table + " ORDER BY 1, 2");
        while (rows.step()) {
            for (int c = 0; c < rows.columns(); ++c)
                out += (c ? "|" : "") + (rows.isNull(c) ? std::string("NULL") : rows.text(c));
            out += "\n";
        }
    }
    return out;
}

ServerProcess::LoginForm ServerProcess::loginForm() const {
    const auto page = client()->Get("/login");
    if (!page || page->status != 200) throw std::runtime_error("GET /login did not answer 200");
    std::smatch m;
    if (!std::regex_search(page->body, m, std::regex(R"re(name="csrf" value="([^"]+)")re")))
        throw std::runtime_error("the login page has no csrf field");
    const std::string setCookie = page->get_header_value("Set-Cookie");
    if (!setCookie.starts_with("dps_login=")) throw std::runtime_error("GET /login set no dps_login cookie");
    return {m[1].str(), setCookie.substr(0, setCookie.find(';'))};
}

httplib::Result ServerProcess::postLogin(const std::string& user, const std::string& password, httplib::Headers headers,
                                         const std::string& cookies) const {
    const LoginForm form = loginForm();
    headers.emplace("Cookie", form.cookie + (cookies.empty() ? "" : "; " + cookies));
    return client()->Post("/login", headers,
                          httplib::Params{{"username", user}, {"password", password}, {"csrf", form.csrf}});
}

std::string ServerProcess::login(const std::string& user, const std::string& password) const {
    const auto res = postLogin(user, password);
    if (!res || res->status != 303) throw std::runtime_error("login failed for " + user);
    for (std::size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i) {
        const std::string cookie = res->get_header_value("Set-Cookie", i);
        if (cookie.starts_with("dps_session=")) return cookie.substr(0, cookie.find(';'));
    }
    throw std::runtime_error("the login of " + user + " set no session cookie");
}

} // namespace dps::test
