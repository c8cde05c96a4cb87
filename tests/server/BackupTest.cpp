// `dps-server backup` copies server.db while terminals keep posting: each copy is sound and holds
// every record acknowledged before it started, and a server restored from it serves that data.
#include "ServerFixture.h"

#include "dps/core/Clock.h"
#include "dps/storage/Database.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <sys/stat.h>
#include <unistd.h>

namespace dps::test {
namespace {

class Backup : public ServerFixture {};

using Key = std::pair<std::string, std::string>; // terminal, date

std::string dateFrom2025(int n) {
    return isoDate(
        std::chrono::year_month_day(std::chrono::sys_days(std::chrono::year(2025) / 1 / 1) + std::chrono::days(n)));
}

storage::Database openReadOnly(const std::filesystem::path& file) {
    return storage::Database::open(file, {true, false, std::chrono::milliseconds(5000), false});
}

std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// (terminal, date) → (rev, visits) of every usage day.
std::map<Key, std::pair<std::int64_t, std::int64_t>> usageDays(storage::Database& db) {
    std::map<Key, std::pair<std::int64_t, std::int64_t>> days;
    auto q = db.prepare("SELECT terminal_id, date, rev, json_extract(counters, '$.visits') FROM usage_days");
    while (q.step())
        days[{q.text(0), q.text(1)}] = {q.integer(2), q.integer(3)};
    return days;
}

// usage_months against the sums of usage_days, for two of the metrics ingest keeps.
void expectMonthsMatchDays(storage::Database& db, const std::string& what) {
    for (const std::string metric : {"visits", "by_mode.free"}) {
        std::map<std::pair<std::int64_t, std::string>, std::int64_t> months, days;
        auto m = db.prepare("SELECT dps_id, month, value FROM usage_months WHERE metric = ?1");
        m.bind(1, std::string_view(metric));
        while (m.step())
            months[{m.integer(0), m.text(1)}] = m.integer(2);
        auto d = db.prepare("SELECT dps_id, substr(date, 1, 7), sum(json_extract(counters, ?1)) FROM usage_days "
                            "GROUP BY 1, 2");
        d.bind(1, std::string_view("$." + metric));
        while (d.step())
            days[{d.integer(0), d.text(1)}] = d.integer(2);
        EXPECT_FALSE(days.empty()) << what;
        EXPECT_EQ(months, days) << what << ": " << metric;
    }
}

std::string integrity(storage::Database& db) {
    auto q = db.prepare("PRAGMA integrity_check");
    std::string all;
    while (q.step())
        all += q.text(0);
    return all;
}

TEST_F(Backup, CopiesTakenUnderLoadHoldEveryAcknowledgedRecordAndRestore) {
    constexpr int kThreads = 4, kDates = 90;
    std::vector<ServerProcess::Enrolled> terminals;
    for (int t = 0; t < kThreads; ++t)
        terminals.push_back(server.enrollNewTerminal(dps));

    // Each thread its own terminal; its days come round again with a higher rev (visits = rev),
    // so a copy can show a newer rev than the one acknowledged but never an older one.
    std::mutex mutex;
    std::vector<std::tuple<std::string, std::string, std::int64_t>> acked; // in the order the 200s came
    std::atomic<bool> stop{false};
    std::atomic<int> refused{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < kThreads; ++t) {
        senders.emplace_back([&, t] {
            auto client = server.client();
            for (int i = 0; !stop; ++i) {
                std::vector<protocol::UsageRecord> records;
                for (int k = 0; k < 4; ++k) {
                    const int n = i * 4 + k;
                    const std::int64_t rev = n / kDates + 1;
                    records.push_back(usageRecord(dateFrom2025(n % kDates), rev, static_cast<int>(rev)));
                }
                const auto res = client->Post("/api/v1/usage", {{"Authorization", "Bearer " + terminals[t].token}},
                                              usageBatch(records), "application/json");
                if (!res || res->status != 200) {
                    ++refused;
                    continue;
                }
                std::lock_guard lock(mutex);
                for (const auto& r : records)
                    acked.emplace_back(terminals[t].terminalId, r.day.date, r.rev);
            }
        });
    }
    const auto ackedCount = [&] {
        std::lock_guard lock(mutex);
        return acked.size();
    };
    const auto waitForAcks = [&](std::size_t n) {
        while (ackedCount() < n && refused == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    };

    std::filesystem::path last;
    std::size_t before = 0;
    for (const char* name : {"first.db", "second.db"}) {
        waitForAcks(before + 4000); // some seconds of load before each copy
        ASSERT_EQ(refused, 0);
        // What was acknowledged before the backup started: the latest rev of each day.
        std::map<Key, std::int64_t> promised;
        {
            std::lock_guard lock(mutex);
            before = acked.size();
            for (const auto& [terminal, date, rev] : acked)
                promised[{terminal, date}] = std::max(promised[{terminal, date}], rev);
        }
        last = server.dir() / name;
        // Few pages a step: many steps, with the server committing between them.
        const auto res = server.run({"backup", last.string(), "--pages-per-step", "2"});
        ASSERT_EQ(res.exitCode, 0) << res.err;
        std::printf("%s: %zu records acknowledged before it, %zu while it ran\n", name, before, ackedCount() - before);
        EXPECT_NE(res.out.find("integrity: ok"), std::string::npos) << res.out;
        EXPECT_NE(res.out.find("schema version: 7 (this dps-server: 7)"), std::string::npos) << res.out;
        EXPECT_NE(res.out.find("rows terminals: 4"), std::string::npos) << res.out;
        EXPECT_FALSE(std::filesystem::exists(last.string() + ".partial"));

        auto copy = openReadOnly(last);
        EXPECT_EQ(integrity(copy), "ok") << name;
        const auto days = usageDays(copy);
        for (const auto& [key, rev] : promised) {
            const auto it = days.find(key);
            ASSERT_NE(it, days.end()) << name << ": acknowledged but missing: " << key.first << " " << key.second;
            EXPECT_GE(it->second.first, rev) << name << ": " << key.first << " " << key.second;
            EXPECT_EQ(it->second.second, it->second.first) << name << ": visits of another rev";
        }
        EXPECT_NE(res.out.find("rows usage_days: " + std::to_string(days.size())), std::string::npos) << res.out;
        expectMonthsMatchDays(copy, name);
    }
    waitForAcks(before + 2000); // the load went on after the last copy
    stop = true;
    for (auto& s : senders)
        s.join();
    ASSERT_EQ(refused, 0);
    ASSERT_GT(ackedCount(), before);

    // The restore, as docs/server.md tells it.
    ASSERT_EQ(server.stop(), 0);
    std::filesystem::copy_file(last, server.databasePath(), std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(server.databasePath().string() + "-wal");
    std::filesystem::remove(server.databasePath().string() + "-shm");
    server.start();
    EXPECT_EQ(server.client()->Get("/healthz")->status, 200);
    auto copy = openReadOnly(last);
    const auto backedUp = usageDays(copy);
    {
        auto restored = openReadOnly(server.databasePath());
        EXPECT_EQ(usageDays(restored), backedUp);
        expectMonthsMatchDays(restored, "restored");
    }
    // It serves that data: the copy's rev of a day is a replay, one more is new.
    const auto& [key, day] = *backedUp.begin();
    std::string token;
    for (const auto& t : terminals)
        if (t.terminalId == key.first) token = t.token;
    const auto replay = postUsage(usageBatch({usageRecord(key.second, day.first, 1)}), token);
    ASSERT_EQ(replay->status, 200) << replay->body;
    EXPECT_EQ(nlohmann::json::parse(replay->body), (nlohmann::json{{"applied", 0}, {"ignored", 1}}));
    const auto newer = postUsage(usageBatch({usageRecord(key.second, day.first + 1, 1)}), token);
    EXPECT_EQ(nlohmann::json::parse(newer->body), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
}

TEST_F(Backup, AnExistingDestinationIsKeptUnlessForced) {
    const auto dest = server.dir() / "kept.db";
    writeFile(dest, "not a backup");
    const auto refusedRun = server.run({"backup", dest.string()});
    EXPECT_EQ(refusedRun.exitCode, 1);
    EXPECT_NE(refusedRun.err.find("exists"), std::string::npos) << refusedRun.err;
    EXPECT_NE(refusedRun.err.find("--force"), std::string::npos) << refusedRun.err;
    EXPECT_EQ(readAll(dest), "not a backup");

    const auto forced = server.run({"backup", dest.string(), "--force"});
    ASSERT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_NE(forced.out.find("rows dps: 1"), std::string::npos) << forced.out;
    const auto checked = server.run({"restore-check", dest.string()});
    EXPECT_EQ(checked.exitCode, 0) << checked.err;
    EXPECT_NE(checked.out.find("restore: ok"), std::string::npos) << checked.out;

    const auto garbage = server.dir() / "garbage.db";
    writeFile(garbage, std::string(8192, 'x'));
    EXPECT_EQ(server.run({"restore-check", garbage.string()}).exitCode, 1);
}

TEST_F(Backup, AnUnwritableDestinationFailsAndLeavesNoPartialFile) {
    // root writes through a mode of 0555: /proc takes no new file from anyone.
    const auto folder = server.dir() / "readonly";
    std::filesystem::create_directory(folder);
    ::chmod(folder.c_str(), 0555);
    const auto dest = ::geteuid() == 0 ? std::filesystem::path("/proc/dps-backup-test.db") : folder / "copy.db";
    const auto res = server.run({"backup", dest.string()});
    ::chmod(folder.c_str(), 0755);
    EXPECT_EQ(res.exitCode, 1);
    EXPECT_NE(res.err.find("failed"), std::string::npos) << res.err;
    EXPECT_NE(res.err.find(dest.string()), std::string::npos) << res.err;
    EXPECT_FALSE(std::filesystem::exists(dest));
    EXPECT_FALSE(std::filesystem::exists(dest.string() + ".partial"));
    EXPECT_TRUE(std::filesystem::is_empty(folder));
}

} // namespace
} // namespace dps::test
