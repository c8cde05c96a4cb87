// A server killed with SIGKILL in the middle of receiving batches keeps every batch it
// acknowledged (one transaction each, WAL, synchronous=FULL) and starts again on the same file.
#include "ServerFixture.h"

#include "dps/core/Clock.h"
#include "dps/storage/Database.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace dps::test {
namespace {

class Durability : public ServerFixture {};

std::string dateFrom2000(int n) {
    // 2000-01-01 onwards, valid dates only: past days, since the server refuses any after the
    // terminal's tomorrow (the run is killed after a few hundred batches, long before today).
    return isoDate(
        std::chrono::year_month_day(std::chrono::sys_days(std::chrono::year(2000) / 1 / 1) + std::chrono::days(n)));
}

TEST_F(Durability, SigkillMidRunKeepsEveryAcknowledgedBatch) {
    const auto terminal = server.enrollNewTerminal(dps);
    std::mutex mutex;
    std::map<std::string, std::string> acknowledged; // date → counters
    std::atomic<int> sent{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> senders;
    for (int t = 0; t < 3; ++t) {
        senders.emplace_back([&, t] {
            auto client = server.client();
            for (int i = t; !stop && i < 3000; i += 3) {
                std::vector<protocol::UsageRecord> records;
                for (int k = 0; k < 4; ++k)
                    records.push_back(usageRecord(dateFrom2000(i * 4 + k), 1, i + k));
                const auto res = client->Post("/api/v1/usage", {{"Authorization", "Bearer " + terminal.token}},
                                              usageBatch(records), "application/json");
                ++sent;
                if (!res) continue; // the server died under this one: not acknowledged
                ASSERT_EQ(res->status, 200) << res->body;
                std::lock_guard lock(mutex);
                for (const auto& r : records)
                    acknowledged[r.day.date] = protocol::countersJson(r.day);
            }
        });
    }
    while (sent < 200)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server.kill();
    stop = true;
    for (auto& s : senders)
        s.join();
    ASSERT_GE(acknowledged.size(), 190u * 4);

    server.start(); // opens (quick_check) and serves the same file again
    EXPECT_EQ(server.client()->Get("/healthz")->status, 200);
    auto db = storage::Database::open(server.databasePath(), {true, false, std::chrono::milliseconds(5000), true});
    auto q = db.prepare("SELECT counters FROM usage_days WHERE terminal_id = ?1 AND date = ?2");
    for (const auto& [date, counters] : acknowledged) {
        q.reset();
        q.bind(1, std::string_view(terminal.terminalId)).bind(2, std::string_view(date));
        ASSERT_TRUE(q.step()) << "acknowledged but lost: " << date;
        EXPECT_EQ(q.text(0), counters) << date;
    }
    // And it goes on taking batches, and answers a replayed one by its rev.
    const auto res = postUsage(usageBatch({usageRecord(acknowledged.begin()->first, 1, 0)}), terminal.token);
    EXPECT_EQ(nlohmann::json::parse(res->body), (nlohmann::json{{"applied", 0}, {"ignored", 1}}));
}

TEST_F(Durability, SigtermAndSigintStopItCleanly) {
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_NE(server.stderrText().find("stopped"), std::string::npos) << server.stderrText();
    server.start();
    EXPECT_EQ(server.client()->Get("/healthz")->status, 200);
    EXPECT_EQ(server.stop(SIGINT), 0);
}

TEST_F(Durability, ItSaysWhereItListens) {
    EXPECT_NE(server.stderrText().find("dps-server: listening on http://127.0.0.1:" + std::to_string(server.port())),
              std::string::npos)
        << server.stderrText();
}

// Terminals switched on at opening time call together: the accept queue must hold them, not
// cpp-httplib's 5 (50 at once overflowed it and some connections were reset). ss(8) reads the
// queue's size of the listening socket (Send-Q).
TEST_F(Durability, ItsAcceptQueueHoldsATerminalRush) {
    const std::string cmd = "ss -ltnH 'sport = :" + std::to_string(server.port()) + "'";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char line[512] = {};
    const bool read = std::fgets(line, sizeof line, p) != nullptr;
    ::pclose(p);
    ASSERT_TRUE(read) << cmd << " printed nothing";
    std::istringstream fields(line);
    std::string state;
    long queued = -1, size = -1;
    fields >> state >> queued >> size;
    EXPECT_EQ(state, "LISTEN");
    EXPECT_GE(size, 128) << line;
}

} // namespace
} // namespace dps::test
