// The service's one loop (agent/jobs/JobLoop.h) on the fake clock: jobs run when they are due,
// the earliest first, each on its own schedule, and one that throws backs off alone.
#include "agent/jobs/JobLoop.h"
#include "FakeClock.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using dps::agent::Job;
using dps::agent::JobLoop;
using dps::agent::Seconds;
using std::chrono::duration;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

// What ran, and when (seconds since the loop started).
using Runs = std::vector<std::pair<std::string, double>>;

// A job that notes each pass on the shared list and answers as it is told: every `interval`,
// or, when failing, a throw and then a backoff that doubles from `backoff`.
class NotingJob final : public Job {
public:
    NotingJob(std::string name, const dps::test::FakeClock& clock, Runs& runs, Seconds first, Seconds interval)
        : name_(std::move(name)), clock_(clock), runs_(runs), first_(first), interval_(interval),
          start_(clock.steady()) {}
    bool failing = false;
    Seconds backoff{4};
    Seconds takes{0}; // how long a pass lasts on the fake clock
    dps::test::FakeClock* advance = nullptr;
    int recovered = 0;

    [[nodiscard]] std::string name() const override { return name_; }
    Seconds firstDelay() override { return first_; }
    Seconds run() override {
        runs_.emplace_back(name_, duration_cast<duration<double>>(clock_.steady() - start_).count());
        if (advance) advance->advance(ceil<milliseconds>(takes));
        if (failing) throw std::runtime_error("agent.db is locked");
        return interval_;
    }
    Seconds recover() override {
        ++recovered;
        const Seconds wait = backoff;
        backoff *= 2;
        return wait;
    }

private:
    std::string name_;
    const dps::test::FakeClock& clock_;
    Runs& runs_;
    Seconds first_, interval_;
    dps::SteadyTime start_;
};

// The loop's sleep on the fake clock: time passes at once, and the loop is stopped when a sleep
// would go past `horizon` seconds.
JobLoop::Sleep sleepUntil(dps::test::FakeClock& clock, double horizon) {
    const dps::SteadyTime end = clock.steady() + duration_cast<dps::SteadyTime::duration>(Seconds(horizon));
    return [&clock, end](Seconds d) {
        const auto step = ceil<milliseconds>(d);
        if (clock.steady() + step > end) return true;
        clock.advance(step);
        return false;
    };
}

} // namespace

TEST(JobLoop, TwoJobsDueAtDifferentTimesRunInOrderEachOnItsOwnSchedule) {
    dps::test::FakeClock clock;
    Runs runs;
    NotingJob usage("usage", clock, runs, Seconds(5), Seconds(7));
    NotingJob heartbeat("heartbeat", clock, runs, Seconds(0), Seconds(10));
    JobLoop loop(clock, sleepUntil(clock, 30));
    loop.add(usage);
    loop.add(heartbeat);
    loop.run();
    const Runs expected = {{"heartbeat", 0}, {"usage", 5},      {"heartbeat", 10}, {"usage", 12},
                           {"usage", 19},    {"heartbeat", 20}, {"usage", 26},     {"heartbeat", 30}};
    EXPECT_EQ(runs, expected);
}

TEST(JobLoop, JobsDueTogetherRunInTheOrderAddedAndAnIntervalCountsFromTheEndOfAPass) {
    dps::test::FakeClock clock;
    Runs runs;
    NotingJob usage("usage", clock, runs, Seconds(0), Seconds(10));
    NotingJob heartbeat("heartbeat", clock, runs, Seconds(0), Seconds(10));
    usage.takes = Seconds(3); // a slow server: the pass lasts 3 s
    usage.advance = &clock;
    JobLoop loop(clock, sleepUntil(clock, 20));
    loop.add(usage);
    loop.add(heartbeat);
    loop.run();
    // The heartbeat waited for the usage pass; each next pass is due an interval after its own
    // pass ended (usage: 0 + 3 + 10 = 13; heartbeat: 3 + 10 = 13, after usage again).
    const Runs expected = {{"usage", 0}, {"heartbeat", 3}, {"usage", 13}, {"heartbeat", 16}};
    EXPECT_EQ(runs, expected);
}

TEST(JobLoop, AFailingJobBacksOffWithoutStoppingTheOthers) {
    dps::test::FakeClock clock;
    Runs runs;
    NotingJob inventory("inventory", clock, runs, Seconds(0), Seconds(100));
    NotingJob heartbeat("heartbeat", clock, runs, Seconds(0), Seconds(5));
    inventory.failing = true; // every pass throws; its recover() waits 4, 8, 16 s
    JobLoop loop(clock, sleepUntil(clock, 30));
    loop.add(inventory);
    loop.add(heartbeat);
    loop.run();
    std::vector<double> inventoryAt, heartbeatAt;
    for (const auto& [name, at] : runs)
        (name == "inventory" ? inventoryAt : heartbeatAt).push_back(at);
    EXPECT_EQ(inventoryAt, (std::vector<double>{0, 4, 12, 28})) << "backed off after each failure";
    EXPECT_EQ(inventory.recovered, 4);
    EXPECT_EQ(heartbeatAt, (std::vector<double>{0, 5, 10, 15, 20, 25, 30})) << "on its own schedule throughout";
    EXPECT_EQ(heartbeat.recovered, 0);
}

TEST(JobLoop, AStopDuringTheWaitEndsTheLoopBeforeTheNextPass) {
    dps::test::FakeClock clock;
    Runs runs;
    NotingJob usage("usage", clock, runs, Seconds(60), Seconds(300));
    int sleeps = 0;
    JobLoop loop(clock, [&](Seconds d) {
        ++sleeps;
        EXPECT_EQ(d, Seconds(60)) << "the wait until the first pass";
        return true; // SIGTERM during it
    });
    loop.add(usage);
    loop.run();
    EXPECT_EQ(sleeps, 1);
    EXPECT_TRUE(runs.empty());
}
