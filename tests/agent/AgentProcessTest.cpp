// The real dps-agent program against a real dps-server over loopback: enrollment, a sync that
// lands in server.db, a revoked terminal, TLS verified against a CA made at test time, and
// SIGTERM while a request hangs. kiosk.db files are written by the kiosk's own adapters.
#include "PrivatePcscd.h"
#include "Process.h"
#include "ServerProcess.h"
#include "TempDir.h"
#include "dps/storage/Database.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono;
using dps::test::ServerProcess;
using testing::HasSubstr;

namespace {

std::string brussels(dps::WallTime t) { return dps::isoDate(dps::localTimeAt(t, minutes(60)).date); }

struct Result {
    int code = -1;
    std::string out, err;
};

// One terminal: its kiosk.db, its agent.toml and agent.db, and the dps-agent CLI.
class Terminal {
public:
    // serverKeys go into agent.toml's [server] table, extra after everything.
    explicit Terminal(const std::string& serverKeys = "timeout_seconds = 3\n", const std::string& extra = "") {
        dps::test::writeFile(dir_ / "agent.toml", "[storage]\ndatabase = \"agent.db\"\nkiosk_database = \"kiosk.db\"\n"
                                                  "status_file = \"status.json\"\n"
                                                  "[server]\nconnect_timeout_seconds = 2\n" +
                                                      serverKeys +
                                                      "[sync]\ninterval_seconds = 1\nstart_delay_seconds = 0\n"
                                                      "backoff_base_seconds = 0.2\nbackoff_cap_seconds = 1.0\n" +
                                                      extra);
    }
    // Closed visits on the 20th to the 22nd of November 2026, n a day.
    void visits(int perDay) {
        auto db = dps::kiosk::openKioskDatabase(dir_ / "kiosk.db");
        dps::kiosk::SqliteVisitLog log(db);
        for (int day = 20; day <= 22; ++day)
            for (int i = 0; i < perDay; ++i) {
                const dps::WallTime t = sys_days{year{2026} / 11 / day} + hours{9 + i};
                const auto id = log.open(t, brussels(t), i % 2 ? "nl" : "fr");
                log.close(*id, t + minutes(20), dps::kiosk::EndReason::Finished);
            }
    }
    Result agent(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> env = {}) const {
        args.insert(args.begin(), {DPS_AGENT_BIN, "-c", (dir_ / "agent.toml").string()});
        env.emplace("JOURNAL_STREAM", std::nullopt);
        env.emplace("TZ", "Europe/Brussels");
        dps::test::Process p(std::move(args), env, dir_.path());
        const auto rc = p.wait(seconds(30));
        return {rc.value_or(-1), p.stdoutText(), p.stderrText()};
    }
    std::unique_ptr<dps::test::Process> start() const {
        return std::make_unique<dps::test::Process>(
            std::vector<std::string>{DPS_AGENT_BIN, "-c", (dir_ / "agent.toml").string(), "run"},
            std::map<std::string, std::optional<std::string>>{{"JOURNAL_STREAM", {}}, {"TZ", "Europe/Brussels"}},
            dir_.path());
    }
    [[nodiscard]] std::int64_t count(const std::string& sql) const {
        dps::storage::OpenOptions ro;
        ro.readOnly = true;
        ro.checkIntegrity = false;
        auto db = dps::storage::Database::open(dir_ / "agent.db", ro);
        auto q = db.prepare(sql);
        q.step();
        return q.integer(0);
    }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }

private:
    dps::test::TempDir dir_;
};

std::int64_t serverCount(const ServerProcess& server, const std::string& sql) {
    dps::storage::OpenOptions ro;
    ro.readOnly = true;
    ro.checkIntegrity = false;
    auto db = dps::storage::Database::open(server.databasePath(), ro);
    auto q = db.prepare(sql);
    q.step();
    return q.integer(0);
}

} // namespace

TEST(AgentProcess, EnrollsSyncsAndSaysSoInStatus) {
    ServerProcess server;
    const auto dps = server.addDps("DPS Bravvo");
    server.start();
    Terminal t;
    t.visits(3);
    const auto code = server.addTerminal(dps);
    const Result enrolled = t.agent({"enroll", "--server", server.baseUrl(), "--code", code.code});
    ASSERT_EQ(enrolled.code, 0) << enrolled.err;
    EXPECT_THAT(enrolled.out, HasSubstr(code.id));
    struct stat st {};
    ASSERT_EQ(::stat((t.dir() / "agent.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << "the credential is readable by its owner only";

    const Result sync = t.agent({"sync", "--now"});
    ASSERT_EQ(sync.code, 0) << sync.out << sync.err;
    EXPECT_THAT(sync.out, HasSubstr("Sent 3 records"));
    EXPECT_EQ(serverCount(server, "SELECT count(*) FROM usage_days WHERE terminal_id = '" + code.id + "'"), 3);
    EXPECT_EQ(serverCount(server, "SELECT sum(json_extract(counters, '$.visits')) FROM usage_days"), 9);
    EXPECT_EQ(t.count("SELECT count(*) FROM outbox"), 0);

    const Result again = t.agent({"sync", "--now"});
    EXPECT_THAT(again.out, HasSubstr("0 changed")) << "nothing new: nothing sent again";

    const Result status = t.agent({"status"});
    EXPECT_THAT(status.out, HasSubstr("yes, as terminal " + code.id));
    EXPECT_THAT(status.out, HasSubstr("Waiting to be sent:   0"));
    EXPECT_THAT(status.out, testing::Not(HasSubstr("Last successful sync: never")));
    EXPECT_THAT(dps::test::readFile(t.dir() / "status.json"), HasSubstr("\"acknowledged_through\":\"2026-11-22\""));

    // The code was used: a second terminal cannot enroll with it.
    Terminal other;
    const Result reused = other.agent({"enroll", "--server", server.baseUrl(), "--code", code.code});
    EXPECT_EQ(reused.code, 1);
    EXPECT_THAT(reused.err, HasSubstr("refused the enrollment code"));
}

TEST(AgentProcess, ARevokedTerminalStopsSendingKeepsItsQueueAndSaysToEnrollAgain) {
    ServerProcess server;
    const auto dps = server.addDps("DPS Bravvo");
    server.start();
    Terminal t;
    t.visits(1);
    const auto code = server.addTerminal(dps);
    ASSERT_EQ(t.agent({"enroll", "--server", server.baseUrl(), "--code", code.code}).code, 0);
    ASSERT_EQ(server.run({"terminal", "revoke", code.id}).exitCode, 0);

    const Result sync = t.agent({"sync", "--now"});
    EXPECT_EQ(sync.code, 1);
    EXPECT_EQ(t.count("SELECT count(*) FROM outbox"), 3) << "the queue is kept";
    EXPECT_EQ(serverCount(server, "SELECT count(*) FROM usage_days"), 0);
    const Result status = t.agent({"status"});
    EXPECT_THAT(status.out, HasSubstr("STOPPED"));
    EXPECT_THAT(status.out, HasSubstr("must be enrolled again"));

    // A new code resumes sending, queue included.
    const auto fresh = server.addTerminal(dps);
    ASSERT_EQ(t.agent({"enroll", "--server", server.baseUrl(), "--code", fresh.code}).code, 0);
    EXPECT_EQ(t.agent({"sync", "--now"}).code, 0);
    EXPECT_EQ(serverCount(server, "SELECT count(*) FROM usage_days WHERE terminal_id = '" + fresh.id + "'"), 3);
}

TEST(AgentProcess, PlainHttpToAnotherMachineIsRefusedBeforeAnyConnection) {
    Terminal t;
    const Result r = t.agent({"enroll", "--server", "http://192.0.2.1:8080", "--code", "AAAA-BBBB"});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("plain HTTP to another machine"));
}

namespace {

// A CA and a server certificate for 127.0.0.1 made with the openssl CLI, at test time.
struct TestTls {
    dps::test::TempDir dir;
    std::filesystem::path ca = dir / "ca.pem", cert = dir / "server.pem", key = dir / "server.key";
    TestTls() {
        const auto sh = [&](const std::string& cmd) {
            ASSERT_EQ(dps::test::runCommand({"/bin/sh", "-c", cmd}, {}, dir.path()), 0) << cmd;
        };
        const std::string d = dir.path().string();
        sh("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=dps-test-ca -keyout " + d + "/ca.key -out " +
           d + "/ca.pem");
        sh("openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout " + d + "/server.key -out " + d +
           "/server.csr");
        sh("printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > " + d +
           "/ext.cnf && openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
           "/ca.key -CAcreateserial -days 2 -extfile " + d + "/ext.cnf -out " + d + "/server.pem");
    }
};

} // namespace

TEST(AgentProcess, TlsIsVerifiedAgainstTheConfiguredCaAndRefusedWithoutIt) {
    TestTls tls;
    ServerProcess::Options o;
    o.tlsCertificate = tls.cert;
    o.tlsKey = tls.key;
    o.clientCa = tls.ca;
    ServerProcess server(o);
    const auto dps = server.addDps("DPS Bravvo");
    server.start();
    ASSERT_THAT(server.baseUrl(), testing::StartsWith("https://"));

    Terminal untrusting; // the system's CA store does not know our test CA
    const Result refused =
        untrusting.agent({"enroll", "--server", server.baseUrl(), "--code", server.addTerminal(dps).code});
    EXPECT_EQ(refused.code, 1);
    EXPECT_THAT(refused.err, HasSubstr("could not reach"));

    Terminal trusting("ca_file = \"" + tls.ca.string() + "\"\n");
    trusting.visits(1);
    const auto code = server.addTerminal(dps);
    const Result ok = trusting.agent({"enroll", "--server", server.baseUrl(), "--code", code.code});
    ASSERT_EQ(ok.code, 0) << ok.err;
    const Result sync = trusting.agent({"sync", "--now"});
    EXPECT_EQ(sync.code, 0) << sync.out;
    EXPECT_EQ(serverCount(server, "SELECT count(*) FROM usage_days"), 3);
}

TEST(AgentProcess, SigtermStopsTheServiceWithinASecondEvenWhileARequestHangs) {
    // A server that accepts connections and never answers.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(listener, 8), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

    Terminal t("timeout_seconds = 120\n", "[heartbeat]\ninterval_seconds = 3600\n");
    t.visits(2);
    ASSERT_EQ(t.agent({"status"}).code, 0); // creates agent.db with its schema
    {
        // Enrolled with that silent server, as if it had answered once.
        auto db = dps::storage::Database::open(t.dir() / "agent.db");
        db.prepare(
              "INSERT INTO credential (id, server, terminal, token, enrolled_at) VALUES (1, ?1, 'T-1', 'x', 'now')")
            .bind(1, std::string_view(url))
            .run();
    }

    auto agent = t.start();
    // Wait until the agent's request is in: the connection is accepted and nothing answers.
    const int conn = ::accept(listener, nullptr, nullptr);
    ASSERT_GE(conn, 0);
    std::this_thread::sleep_for(milliseconds(300));
    const auto asked = steady_clock::now();
    agent->signal(SIGTERM);
    const auto rc = agent->wait(seconds(5));
    const auto took = duration_cast<milliseconds>(steady_clock::now() - asked);
    ::close(conn);
    ::close(listener);
    ASSERT_TRUE(rc.has_value());
    EXPECT_EQ(*rc, 0) << agent->stderrText();
    EXPECT_LT(took, milliseconds(1000)) << "stopped after " << took.count() << " ms";
    EXPECT_EQ(t.count("SELECT count(*) FROM outbox"), 3) << "the records whose answer never came are kept";
    EXPECT_THAT(agent->stderrText(), HasSubstr("stopped; the outbox is kept"));
}

TEST(AgentProcess, TheServiceSendsTheInventoryAndTheServerKeepsWhatAppeared) {
    ServerProcess server;
    const auto dps = server.addDps("DPS Bravvo");
    server.start();
    // A GLPI server of the region's, as far as GLPI's inventory protocol goes: it keeps what came.
    httplib::Server glpi;
    std::mutex glpiMutex;
    std::vector<httplib::Request> glpiGot;
    glpi.Post("/front/inventory.php", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(glpiMutex);
        glpiGot.push_back(req);
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    const int glpiPort = glpi.bind_to_any_port("127.0.0.1");
    std::thread glpiThread([&] { glpi.listen_after_bind(); });
    Terminal t("timeout_seconds = 3\n",
               "[inventory]\ninterval_seconds = 3600\n[glpi]\nurl = \"http://127.0.0.1:" + std::to_string(glpiPort) +
                   "/front/inventory.php\"\nuser = \"dps\"\npassword = \"pw\"\n");
    t.visits(1);
    ASSERT_EQ(t.agent({"enroll", "--server", server.baseUrl(), "--code", server.addTerminal(dps).code}).code, 0);
    auto agent = t.start();
    // The inventory loop starts a few seconds after the usage sync.
    std::int64_t stored = 0;
    for (int i = 0; i < 150 && stored == 0; ++i) {
        std::this_thread::sleep_for(milliseconds(100));
        stored = serverCount(server, "SELECT count(*) FROM inventories");
    }
    for (int i = 0; i < 50; ++i) {
        std::this_thread::sleep_for(milliseconds(100));
        std::lock_guard lock(glpiMutex);
        if (!glpiGot.empty()) break;
    }
    agent->signal(SIGTERM);
    ASSERT_EQ(agent->wait(seconds(5)), 0) << agent->stderrText();
    glpi.stop();
    glpiThread.join();
    ASSERT_EQ(stored, 1) << agent->stderrText();
    ASSERT_EQ(glpiGot.size(), 1u) << "forwarded once to GLPI";
    const httplib::Request& g = glpiGot[0];
    EXPECT_EQ(g.get_header_value("Content-Type"), "application/x-compress-zlib");
    EXPECT_EQ(g.get_header_value("GLPI-Agent-ID").size(), 36u);
    EXPECT_EQ(g.get_header_value("Authorization"), "Basic ZHBzOnB3"); // dps:pw
    std::string plain(1 << 20, '\0');
    uLongf plainSize = plain.size();
    ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(plain.data()), &plainSize,
                         reinterpret_cast<const Bytef*>(g.body.data()), g.body.size()),
              Z_OK);
    plain.resize(plainSize);
    const auto doc = nlohmann::json::parse(plain);
    EXPECT_EQ(doc["itemtype"], "Computer") << "GLPI's part alone";
    EXPECT_FALSE(doc.contains("dps"));
    EXPECT_EQ(serverCount(server, "SELECT count(*) FROM inventories WHERE json_extract(document, '$.glpi.itemtype') "
                                  "= 'Computer' AND json_extract(document, '$.format') = 'dps-inventory/1'"),
              1);
    EXPECT_GT(serverCount(server, "SELECT count(*) FROM inventory_changes WHERE change = 'appeared'"), 0)
        << "the first inventory: everything appeared";
    EXPECT_EQ(t.count("SELECT count(*) FROM inventory_outbox"), 0);
    EXPECT_THAT(t.agent({"status"}).out, testing::Not(HasSubstr("Inventory sent:       never")));
}

TEST(AgentProcess, TheInventoryListsTheCardReadersARealPcscdSees) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    Terminal t;
    const std::map<std::string, std::optional<std::string>> env{{"PCSCLITE_CSOCK_NAME", pcscd.socket()}};
    auto readers = [&] {
        const Result r = t.agent({"inventory", "--print"}, env);
        EXPECT_EQ(r.code, 0) << r.err;
        return nlohmann::json::parse(r.out)["dps"]["card_readers"];
    };
    const auto seen = readers();
    EXPECT_EQ(seen["pcscd_answers"], true);
    // vpcd's two slots, under the name the test pcscd gives its virtual reader.
    ASSERT_EQ(seen["readers"].size(), 2u) << seen.dump();
    EXPECT_EQ(seen["readers"][0], "Kiosk Test Reader 00 00");
    pcscd.stop();
    const auto none = readers();
    EXPECT_EQ(none["pcscd_answers"], false) << "pcscd is down: said so, and no reader";
    EXPECT_TRUE(none["readers"].empty());
}
