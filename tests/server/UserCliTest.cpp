// The staff account commands of the real dps-server: user add/remove/list/passwd, with the
// password given on stdin (never in argv) and exit codes 0 (done), 1 (cannot be done), 2 (usage).
#include "ServerProcess.h"
#include "dps/storage/Database.h"

#include <gtest/gtest.h>

#include <string>

namespace dps::test {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string passwordHash(const ServerProcess& server, const std::string& username) {
    auto db = storage::Database::open(server.databasePath(), {true, false, std::chrono::milliseconds(5000), false});
    auto q = db.prepare("SELECT password_hash FROM staff_users WHERE username = ?1");
    q.bind(1, std::string_view(username));
    return q.step() ? q.text(0) : "";
}

TEST(UserCli, AddListPasswdRemove) {
    ServerProcess server;
    const auto dps = server.addDps("DPS Bravvo");
    const auto region = server.runWithInput({"user", "add", "anne.region", "--role", "region", "--language", "nl"},
                                            "correct horse battery\n");
    ASSERT_EQ(region.exitCode, 0) << region.err;
    EXPECT_TRUE(has(region.out, "staff account anne.region added: region (every DPS), language nl")) << region.out;
    const auto local = server.runWithInput({"user", "add", "bob", "--role", "dps", "--dps", std::to_string(dps)},
                                           "another long password\r\n");
    ASSERT_EQ(local.exitCode, 0) << local.err;
    EXPECT_TRUE(has(local.out, "dps " + std::to_string(dps) + " DPS Bravvo, language fr")) << local.out;
    EXPECT_TRUE(passwordHash(server, "anne.region").starts_with("$argon2id$"));

    const auto list = server.run({"user", "list"});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    EXPECT_TRUE(has(list.out, "NAME        ROLE   LANGUAGE CREATED               DPS\n")) << list.out;
    EXPECT_TRUE(has(list.out, "anne.region region nl       20")) << list.out;
    EXPECT_TRUE(has(list.out, "Z  -\n")) << list.out;
    EXPECT_TRUE(has(list.out, "bob         dps    fr       20")) << list.out;
    EXPECT_TRUE(has(list.out, "Z  " + std::to_string(dps) + " DPS Bravvo\n")) << list.out;

    const std::string before = passwordHash(server, "bob");
    const auto passwd = server.runWithInput({"user", "passwd", "BOB"}, "a brand new password\n");
    ASSERT_EQ(passwd.exitCode, 0) << passwd.err;
    EXPECT_NE(passwordHash(server, "bob"), before);

    const auto removed = server.run({"user", "remove", "bob"});
    ASSERT_EQ(removed.exitCode, 0) << removed.err;
    EXPECT_FALSE(has(server.run({"user", "list"}).out, "bob"));
}

TEST(UserCli, FailuresSayWhyAndExitWithOne) {
    ServerProcess server;
    const auto noDps =
        server.runWithInput({"user", "add", "bob", "--role", "dps", "--dps", "42"}, "long enough pass\n");
    EXPECT_EQ(noDps.exitCode, 1);
    EXPECT_TRUE(has(noDps.err, "no DPS has id 42: see dps-server dps list")) << noDps.err;
    const auto shortPassword = server.runWithInput({"user", "add", "anne", "--role", "region"}, "short\n");
    EXPECT_EQ(shortPassword.exitCode, 1);
    EXPECT_TRUE(has(shortPassword.err, "at least 12 characters")) << shortPassword.err;
    const auto noPassword = server.runWithInput({"user", "add", "anne", "--role", "region"}, "");
    EXPECT_EQ(noPassword.exitCode, 1);
    EXPECT_TRUE(has(noPassword.err, "no password on stdin")) << noPassword.err;
    const auto badName = server.runWithInput({"user", "add", "anne marie", "--role", "region"}, "long enough pass\n");
    EXPECT_EQ(badName.exitCode, 1);
    EXPECT_TRUE(has(badName.err, "no spaces")) << badName.err;
    const auto regionWithDps =
        server.runWithInput({"user", "add", "anne", "--role", "region", "--dps", "1"}, "long enough pass\n");
    EXPECT_EQ(regionWithDps.exitCode, 1);
    EXPECT_TRUE(has(server.run({"user", "list"}).out, "(no staff account yet")) << "nothing was added";

    ASSERT_EQ(server.runWithInput({"user", "add", "anne", "--role", "region"}, "long enough pass\n").exitCode, 0);
    const auto twice = server.runWithInput({"user", "add", "ANNE", "--role", "region"}, "long enough pass\n");
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_TRUE(has(twice.err, "there is already a staff account ANNE")) << twice.err;
    const auto unknown = server.run({"user", "remove", "nobody"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(has(unknown.err, "there is no staff account nobody")) << unknown.err;
    EXPECT_EQ(server.runWithInput({"user", "passwd", "nobody"}, "long enough pass\n").exitCode, 1);
}

TEST(UserCli, UsageErrorsExitWithTwo) {
    ServerProcess server;
    EXPECT_EQ(server.run({"user"}).exitCode, 2);
    EXPECT_EQ(server.run({"user", "add", "anne"}).exitCode, 2) << "--role is required";
    EXPECT_EQ(server.run({"user", "add", "anne", "--role", "admin"}).exitCode, 2);
    EXPECT_EQ(server.run({"user", "add", "anne", "--role", "region", "--language", "de"}).exitCode, 2);
    // A password in argv is no option at all.
    EXPECT_EQ(server.run({"user", "add", "anne", "--role", "region", "--password", "long enough pass"}).exitCode, 2);
    EXPECT_EQ(server.run({"user", "remove"}).exitCode, 2);
}

} // namespace
} // namespace dps::test
