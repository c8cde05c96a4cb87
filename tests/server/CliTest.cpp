// The staff's commands: dps import/list, terminal add/revoke/list, and configuration errors.
#include "ServerFixture.h"
#include "dps/core/Clock.h"

#if !defined(DPS_SOURCE_DIR) || !defined(DPS_SERVER_BIN)
#error "DPS_SOURCE_DIR and DPS_SERVER_BIN must be defined"
#endif

namespace dps::test {
namespace {

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

TEST(ServerCli, DpsImportIsIdempotentByName) {
    ServerProcess server;
    const std::string seed = std::string(DPS_SOURCE_DIR) + "/assets/data/brussels-certified-dps.csv";
    const auto first = server.run({"dps", "import", seed});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_NE(first.out.find("26 added, 0 updated, 0 unchanged"), std::string::npos) << first.out;
    const auto again = server.run({"dps", "import", seed});
    EXPECT_NE(again.out.find("0 added, 0 updated, 26 unchanged"), std::string::npos) << again.out;
    const auto list = server.run({"dps", "list"});
    EXPECT_EQ(lines(list.out), 27); // header and 26
    EXPECT_NE(list.out.find("DPS Bravvo, Rue de la Caserne 37, 1000 Brussels (City)"), std::string::npos) << list.out;

    // A known name keeps its id and takes the new address.
    writeFile(server.dir() / "moved.csv",
              "name,street,postcode,municipality\n\"DPS Bravvo\",\"Rue Neuve 1, 2nd floor\",1000,Brussels (City)\n");
    const auto moved = server.run({"dps", "import", (server.dir() / "moved.csv").string()});
    EXPECT_NE(moved.out.find("0 added, 1 updated, 0 unchanged"), std::string::npos) << moved.out;
    EXPECT_NE(server.run({"dps", "list"}).out.find("DPS Bravvo, Rue Neuve 1, 2nd floor, 1000"), std::string::npos);
}

TEST(ServerCli, ABadCsvImportsNothing) {
    ServerProcess server;
    writeFile(server.dir() / "bad.csv", "name,street,postcode,municipality\nA,Rue 1,1000,Brussels\nB,Rue 2,1000\n");
    const auto res = server.run({"dps", "import", (server.dir() / "bad.csv").string()});
    EXPECT_EQ(res.exitCode, 2);
    EXPECT_NE(res.err.find("bad.csv:3: expected 4 fields"), std::string::npos) << res.err;
    EXPECT_EQ(lines(server.run({"dps", "list"}).out), 1);
}

TEST(ServerCli, TerminalListShowsStateAndLastContact) {
    ServerProcess server;
    const auto dps = server.addDps("DPS List");
    const auto pending = server.addTerminal(dps);
    server.start();
    const auto active = server.enrollNewTerminal(dps);
    auto client = server.client();
    ASSERT_EQ(client
                  ->Post("/api/v1/usage", {{"Authorization", "Bearer " + active.token}},
                         usageBatch({usageRecord("2026-11-23", 1, 1)}), "application/json")
                  ->status,
              200);
    const auto list = server.run({"terminal", "list"});
    ASSERT_EQ(list.exitCode, 0);
    EXPECT_EQ(lines(list.out), 3) << list.out;
    EXPECT_NE(list.out.find(pending.id + "   pending  -                     -                     " +
                            std::to_string(dps) + " DPS List"),
              std::string::npos)
        << list.out;
    EXPECT_NE(list.out.find(active.terminalId + "   active   -                     20"), std::string::npos) << list.out;
    EXPECT_EQ(server.run({"terminal", "revoke", "T-999999"}).exitCode, 2);
}

TEST(ServerCli, UsageListsTheDaysReceivedWithTheirVisits) {
    ServerProcess server;
    const auto dps = server.addDps("DPS Usage");
    server.start();
    const auto t = server.enrollNewTerminal(dps);
    const auto day = [](int back) {
        return isoDate(std::chrono::year_month_day{
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days(back)});
    };
    ASSERT_EQ(server.client()
                  ->Post("/api/v1/usage", {{"Authorization", "Bearer " + t.token}},
                         usageBatch({usageRecord(day(1), 3, 17, true), usageRecord(day(30), 1, 5, true)}),
                         "application/json")
                  ->status,
              200);
    const auto week = server.run({"usage"});
    ASSERT_EQ(week.exitCode, 0) << week.err;
    EXPECT_EQ(lines(week.out), 2) << "the header and yesterday; 30 days ago is not in the last 7: " << week.out;
    EXPECT_NE(week.out.find(day(1) + " " + t.terminalId + "       17       0    3 yes"), std::string::npos) << week.out;
    EXPECT_EQ(lines(server.run({"usage", "--days", "60"}).out), 3);
}

TEST(ServerCli, AWrongConfigurationSaysFileAndLine) {
    ServerProcess server;
    writeFile(server.configPath(), "[http]\nlisten = \"127.0.0.1:0\"\nthreads = 0\nlisen = \"x\"\n");
    const auto res = server.run({"dps", "list"});
    EXPECT_EQ(res.exitCode, 2);
    EXPECT_NE(res.err.find("server.toml:3:"), std::string::npos) << res.err;
    EXPECT_NE(res.err.find("server.toml:4:"), std::string::npos) << res.err;
    EXPECT_THROW(server.start(), std::runtime_error);
}

TEST(ServerCli, TheShippedExampleIsValid) {
    TempDir dir;
    Process check(
        {DPS_SERVER_BIN, "serve", "--check-config", "--config", std::string(DPS_SOURCE_DIR) + "/server/server.toml"},
        {}, dir.path());
    EXPECT_EQ(check.wait(std::chrono::seconds(10)), 0) << check.stderrText();
}

} // namespace
} // namespace dps::test
