// IngestService's rules on a fake UsageStore, for what the real server.db cannot show on demand:
// the same batch arriving twice at once, its key found only inside the transaction.
#include "server/services/IngestService.h"
#include "FakeClock.h"
#include "UsageBodies.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace dps::test {
namespace {

// What one transaction wrote; keptInside is what the key lookup inside it finds.
class FakeBatchWriter final : public server::UsageBatchWriter {
public:
    std::optional<server::StoredAnswer> keptInside;
    std::vector<std::string> savedDates;
    std::vector<std::string> keptKeys;

    std::optional<server::StoredAnswer> keptAnswer(const server::Terminal&, std::string_view route,
                                                   const std::string& key) override {
        EXPECT_EQ(route, "usage");
        EXPECT_EQ(key, "batch-1");
        return keptInside;
    }
    std::optional<server::StoredDay> storedDay(std::string_view, std::string_view) override { return std::nullopt; }
    void saveDay(std::string_view, const server::UsageDayRow& day) override { savedDates.push_back(day.date); }
    void addToMonths(const std::vector<server::UsageMonthDelta>&) override {}
    void keepAnswer(const server::Terminal&, std::string_view, const std::string& key, const server::StoredAnswer&,
                    std::string_view) override {
        keptKeys.push_back(key);
    }
    void usageReceived(std::string_view, std::string_view) override {}
};

// keptOutside is what the lookup before the transaction finds; committed, what the write asked.
class FakeUsageStore final : public server::UsageStore {
public:
    std::optional<server::StoredAnswer> keptOutside;
    FakeBatchWriter writer;
    std::optional<bool> committed;

    std::optional<server::StoredAnswer> keptAnswer(const server::Terminal&, std::string_view,
                                                   const std::string&) override {
        return keptOutside;
    }
    void inTransaction(const std::function<bool(server::UsageBatchWriter&)>& write) override {
        committed = write(writer);
    }
    void forgetAnswersOlderThan(std::chrono::days) override {}
};

TEST(IngestService, ABatchArrivingTwiceAtOnceGetsTheFirstAnswerAndWritesNothing) {
    FakeClock clock;
    FakeUsageStore store;
    // The other request committed between this one's first lookup and its transaction.
    store.writer.keptInside = server::StoredAnswer{200, R"({"applied":1,"ignored":0})", true};
    server::IngestService ingest(store, clock);
    const auto answer =
        ingest.ingest({"T-000001", 1}, usageBatch({usageRecord("2026-11-22", 1, 3)}), std::string("batch-1"));
    ASSERT_TRUE(std::holds_alternative<server::StoredAnswer>(answer));
    EXPECT_EQ(std::get<server::StoredAnswer>(answer).body, R"({"applied":1,"ignored":0})");
    EXPECT_TRUE(std::get<server::StoredAnswer>(answer).replayed);
    EXPECT_TRUE(store.writer.savedDates.empty());
    EXPECT_TRUE(store.writer.keptKeys.empty());
    EXPECT_EQ(store.committed, std::optional(false)) << "the transaction is rolled back";
}

TEST(IngestService, ABatchSeenFirstIsWrittenAndItsAnswerKept) {
    FakeClock clock;
    FakeUsageStore store;
    server::IngestService ingest(store, clock);
    const auto answer =
        ingest.ingest({"T-000001", 1}, usageBatch({usageRecord("2026-11-21", 1, 3), usageRecord("2026-11-22", 1, 2)}),
                      std::string("batch-1"));
    ASSERT_TRUE(std::holds_alternative<server::StoredAnswer>(answer));
    EXPECT_EQ(std::get<server::StoredAnswer>(answer).body, R"({"applied":2,"ignored":0})");
    EXPECT_FALSE(std::get<server::StoredAnswer>(answer).replayed);
    EXPECT_EQ(store.writer.savedDates, (std::vector<std::string>{"2026-11-21", "2026-11-22"}));
    EXPECT_EQ(store.writer.keptKeys, std::vector<std::string>{"batch-1"});
    EXPECT_EQ(store.committed, std::optional(true));
}

} // namespace
} // namespace dps::test
