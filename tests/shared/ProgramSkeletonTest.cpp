// The program skeleton the three mains share (shared/include/dps/program): a wrong configuration
// stops a program with every problem as file:line and exit code 2, the table of subcommands runs
// the handler the command line chose, and log.level reaches the log.
#include "TempDir.h"
#include "dps/config/Schema.h"
#include "dps/log/Log.h"
#include "dps/program/CommandTable.h"
#include "dps/program/ConfigLoad.h"
#include "dps/program/InstallFolder.h"
#include "dps/program/LogLevel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::program::Command;
using dps::program::CommandTable;
using dps::program::ConfigChoice;
using dps::program::loadOrReport;
using testing::HasSubstr;
using testing::Not;

namespace {

struct SkeletonSettings {
    std::int64_t port = 0;
    std::string logLevel;
};

const dps::config::Schema<SkeletonSettings>& skeletonSchema() {
    static const dps::config::Schema<SkeletonSettings> s = [] {
        dps::config::Schema<SkeletonSettings> x("dps-test");
        x.integer("http.port", &SkeletonSettings::port, 8080, 1, 65535, "Port.");
        x.string("log.level", &SkeletonSettings::logLevel, "info", "Level.", {"error", "warning", "info", "debug"});
        x.retired("http.old_port", dps::config::Kind::Integer,
                  [](const dps::config::Value&) { return std::string("'http.old_port' is no longer read"); });
        return x;
    }();
    return s;
}

// argv for CLI11, from words; the first is the program's name.
int parse(CLI::App& cli, std::vector<std::string> words) {
    std::vector<const char*> argv;
    for (const auto& w : words)
        argv.push_back(w.c_str());
    return dps::program::parseCommandLine(cli, static_cast<int>(argv.size()), argv.data()).value_or(-1);
}

TEST(ProgramConfig, WrongFileGivesEveryProblemAsFileLineAndNothing) {
    dps::test::TempDir dir;
    const auto file = dir / "server.toml";
    dps::test::writeFile(file, "[http]\nport = 0\nnope = true\n");
    testing::internal::CaptureStderr();
    const auto loaded = loadOrReport(skeletonSchema(), ConfigChoice{file, true}, {"dps-test", "started"});
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(loaded.has_value());
    EXPECT_THAT(err, HasSubstr(file.string() + ":2: "));
    EXPECT_THAT(err, HasSubstr(file.string() + ":3: unknown key 'http.nope'"));
    EXPECT_THAT(err, HasSubstr("dps-test: the configuration has 2 problem(s); nothing was started\n"));
}

TEST(ProgramConfig, WithoutSummaryOnlyTheProblemsArePrinted) {
    dps::test::TempDir dir;
    const auto file = dir / "agent.toml";
    dps::test::writeFile(file, "[http]\nport = \"x\"\n");
    testing::internal::CaptureStderr();
    const auto loaded = loadOrReport(skeletonSchema(), ConfigChoice{file, false}, {"dps-test"});
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(loaded.has_value());
    EXPECT_THAT(err, HasSubstr(file.string() + ":2: "));
    EXPECT_THAT(err, Not(HasSubstr("problem(s)")));
}

TEST(ProgramConfig, AbsentFileGivesTheDefaultsUnlessItWasNamed) {
    dps::test::TempDir dir;
    const auto absent = dir / "none.toml";
    const auto defaults = loadOrReport(skeletonSchema(), ConfigChoice{absent, false}, {"dps-test", "started", true});
    ASSERT_TRUE(defaults.has_value());
    EXPECT_EQ(defaults->settings.port, 8080);
    testing::internal::CaptureStderr();
    const auto named = loadOrReport(skeletonSchema(), ConfigChoice{absent, true}, {"dps-test", "done"});
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(named.has_value()) << "a file named on the command line must exist";
    EXPECT_THAT(err, HasSubstr(absent.string()));
    EXPECT_THAT(err, HasSubstr("nothing was done"));
}

TEST(ProgramConfig, NotesAreKeptAndCheckConfigCountsThem) {
    dps::test::TempDir dir;
    const auto file = dir / "kiosk.toml";
    dps::test::writeFile(file, "[http]\nport = 9000\nold_port = 1\n");
    const auto loaded = loadOrReport(skeletonSchema(), ConfigChoice{file, true}, {"dps-test", "started"});
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->settings.port, 9000);
    ASSERT_EQ(loaded->notes.size(), 1U);
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    const int rc = dps::program::reportValid(ConfigChoice{file, true}, loaded->notes);
    const std::string err = testing::internal::GetCapturedStderr();
    const std::string out = testing::internal::GetCapturedStdout();
    EXPECT_EQ(rc, 0);
    EXPECT_THAT(err, HasSubstr(file.string() + ":3: 'http.old_port' is no longer read"));
    EXPECT_EQ(out, file.string() + ": configuration is valid, with 1 note(s) to act on\n");
}

// The whole path a main takes: a command whose configuration is wrong exits with 2.
TEST(ProgramConfig, CommandWithWrongConfigurationExitsWithTwo) {
    dps::test::TempDir dir;
    const auto file = dir / "bad.toml";
    dps::test::writeFile(file, "[log]\nlevel = \"loud\"\n");
    CLI::App cli{"test"};
    ConfigChoice config{dir / "absent.toml"};
    bool ran = false;
    const CommandTable commands(
        cli, {{"status", "Status", [&](CLI::App& c) { c.add_option("-c,--config", config.file, "File"); },
               [&] {
                   config.given = true;
                   const auto loaded = loadOrReport(skeletonSchema(), config, {"dps-test", "done"});
                   if (!loaded) return dps::program::kUsageError;
                   ran = true;
                   return 0;
               }}});
    ASSERT_EQ(parse(cli, {"prog", "status", "-c", file.string()}), -1);
    testing::internal::CaptureStderr();
    const auto rc = commands.dispatch();
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(rc, 2);
    EXPECT_FALSE(ran);
    EXPECT_THAT(err, HasSubstr(file.string() + ":2: "));
}

struct Table {
    CLI::App cli{"test"};
    std::vector<std::string> calls;
    std::string name;
    std::unique_ptr<CommandTable> commands;

    Table() {
        cli.require_subcommand(1);
        const auto record = [this](std::string call, int rc) {
            return [this, call, rc] {
                calls.push_back(call + (name.empty() ? "" : " " + name));
                return rc;
            };
        };
        commands = std::make_unique<CommandTable>(
            cli, std::vector<Command>{
                     {"serve", "Serve", {}, record("serve", 0)},
                     {"user",
                      "Users",
                      {},
                      {},
                      {{"add", "Add", [this](CLI::App& c) { c.add_option("NAME", name)->required(); },
                        record("user add", 3)},
                       {"list", "List", {}, record("user list", 4)}}},
                 });
    }
};

TEST(CommandTable, DispatchesToTheChosenHandlerOnly) {
    Table t;
    ASSERT_EQ(parse(t.cli, {"prog", "user", "add", "ann"}), -1);
    EXPECT_EQ(t.commands->dispatch(), 3);
    EXPECT_EQ(t.calls, std::vector<std::string>{"user add ann"});
    ASSERT_NE(t.commands->chosen(), nullptr);
    EXPECT_EQ(t.commands->chosen()->name, "add");
}

TEST(CommandTable, TopLevelAndNestedCommandsEachReachTheirOwn) {
    Table serve;
    ASSERT_EQ(parse(serve.cli, {"prog", "serve"}), -1);
    EXPECT_EQ(serve.commands->dispatch(), 0);
    EXPECT_EQ(serve.calls, std::vector<std::string>{"serve"});
    Table list;
    ASSERT_EQ(parse(list.cli, {"prog", "user", "list"}), -1);
    EXPECT_EQ(list.commands->dispatch(), 4);
    EXPECT_EQ(list.calls, std::vector<std::string>{"user list"});
}

TEST(CommandTable, UnknownSubcommandIsAUsageErrorAndRunsNothing) {
    Table t;
    testing::internal::CaptureStderr();
    const int rc = parse(t.cli, {"prog", "frobnicate"});
    const std::string err = testing::internal::GetCapturedStderr();
    // As dps-server says it (CLI11's words and code for a missing subcommand).
    EXPECT_EQ(rc, static_cast<int>(CLI::ExitCodes::RequiredError));
    EXPECT_THAT(err, HasSubstr("A subcommand is required"));
    EXPECT_TRUE(t.calls.empty());
    EXPECT_EQ(t.commands->chosen(), nullptr);
}

TEST(CommandTable, UnknownWordWhereNoSubcommandIsRequiredIsAUsageError) {
    CLI::App cli{"test"};
    bool ran = false;
    const CommandTable commands(cli, {{"status", "Status", {}, [&] {
                                           ran = true;
                                           return 0;
                                       }}});
    testing::internal::CaptureStderr();
    const int rc = parse(cli, {"prog", "frobnicate"});
    const std::string err = testing::internal::GetCapturedStderr();
    // As dps-kiosk and dps-agent say it.
    EXPECT_EQ(rc, static_cast<int>(CLI::ExitCodes::ExtrasError));
    EXPECT_THAT(err, HasSubstr("not expected: frobnicate"));
    EXPECT_FALSE(commands.dispatch().has_value());
    EXPECT_FALSE(ran);
}

TEST(CommandTable, GroupWithoutItsSubcommandIsAUsageError) {
    Table t;
    testing::internal::CaptureStderr();
    const int rc = parse(t.cli, {"prog", "user"});
    (void)testing::internal::GetCapturedStderr();
    EXPECT_NE(rc, 0);
    EXPECT_NE(rc, -1);
    EXPECT_TRUE(t.calls.empty());
}

TEST(CommandTable, NoCommandChosenDispatchesNothing) {
    CLI::App cli{"test"};
    bool ran = false;
    const CommandTable commands(cli, {{"check", "Check", {}, [&] {
                                           ran = true;
                                           return 0;
                                       }}});
    ASSERT_EQ(parse(cli, {"prog"}), -1);
    EXPECT_FALSE(commands.dispatch().has_value()) << "the kiosk runs its main mode then";
    EXPECT_EQ(commands.chosen(), nullptr);
    EXPECT_FALSE(ran);
}

TEST(CommandTable, HelpListsEveryCommandWithItsHelpAndExitsZero) {
    Table t;
    testing::internal::CaptureStdout();
    const int rc = parse(t.cli, {"prog", "--help"});
    const std::string out = testing::internal::GetCapturedStdout();
    EXPECT_EQ(rc, 0);
    EXPECT_THAT(out, HasSubstr("serve"));
    EXPECT_THAT(out, HasSubstr("Users"));
    EXPECT_TRUE(t.calls.empty());
}

TEST(ProgramLogLevel, AppliesTheConfiguredLevelAndIgnoresAnUnknownWord) {
    const auto before = dps::log::level();
    EXPECT_TRUE(dps::program::applyLogLevel("debug"));
    EXPECT_EQ(dps::log::level(), dps::log::Level::Debug);
    EXPECT_TRUE(dps::program::applyLogLevel("error"));
    EXPECT_EQ(dps::log::level(), dps::log::Level::Error);
    EXPECT_FALSE(dps::program::applyLogLevel("loud"));
    EXPECT_EQ(dps::log::level(), dps::log::Level::Error) << "an unknown word changes nothing";
    dps::log::setLevel(before);
}

TEST(ProgramInstallFolder, ShareIsBesideBin) {
    const auto bin = dps::program::programFolder();
    EXPECT_EQ(dps::program::shareFolder("dps-kiosk"), (bin.parent_path() / "share" / "dps-kiosk"));
    // This test runs from build/<preset>/bin, which mirrors /usr: its share/ holds the catalogues.
    EXPECT_TRUE(std::filesystem::is_directory(dps::program::shareFolder("dps-kiosk") / "locale"));
}

} // namespace
