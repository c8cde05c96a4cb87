// Durability of the visit log: the real dps-kiosk, used by a scripted visitor with a real pointer
// and keyboard, is killed with SIGKILL at random moments, round after round. After each kill the
// database must pass SQLite's integrity check and hold every visit, event and end the kiosk had
// reported as committed (its log says so only once a write's transaction is committed); at the
// next start every visit the kill left open is closed as "interrupted" at its last activity.
//   DPS_KILL_ROUNDS=100 DPS_KILL_SEED=7 build/ci/bin/dps-ui-tests --gtest_filter='Durability*'
#include "KioskHarness.h"
#include "dps/storage/Database.h"

#include <csignal>
#include <cstdlib>
#include <gtest/gtest.h>
#include <random>
#include <regex>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using dps::test::KioskHarness;
using dps::test::UiMapFile;

namespace {

const char* kDurabilityConfig = R"(
[kiosk]
languages = ["fr", "nl", "en"]
[visit]
thank_you_seconds = 3
[log]
level = "debug"
)";

int fromEnv(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
}

// The visitor: around and around, until the kiosk dies under them. Nothing here fails the test:
// a screen that never comes is the kill.
class Visitor {
public:
    explicit Visitor(KioskHarness& k) : k_(k) {}

    void run() {
        while (alive()) {
            if (!await("welcome") || !press("welcome.start") || !await("home") || !press("home.learn") ||
                !await("catalogue") || !press("catalogue.tutorial.mouse-basics") || !await("player"))
                return;
            for (int i = 0; i < 3 && alive(); ++i) {
                k_.key("Return"); // the first steps need no practice
                std::this_thread::sleep_for(120ms);
            }
            if (!press("player.leave")) return;
            std::this_thread::sleep_for(200ms);
            if (k_.current().buttons.count("player.leave-confirm") && !press("player.leave-confirm")) return;
            if (!await("catalogue") || !press("catalogue.home") || !await("home") || !press("home.finish") ||
                !awaitButton("home.finish-yes") || !press("home.finish-yes") || !await("finish"))
                return;
            ++visits;
        }
    }

    int visits = 0;

private:
    bool alive() { return !k_.process().wait(0ms); }
    bool await(const std::string& screen) {
        const auto end = std::chrono::steady_clock::now() + 8s;
        while (std::chrono::steady_clock::now() < end) {
            if (!alive()) return false;
            const UiMapFile m = k_.current();
            if (m.screen == screen) return true;
            std::this_thread::sleep_for(25ms);
        }
        return false;
    }
    bool awaitButton(const std::string& button) {
        const auto end = std::chrono::steady_clock::now() + 8s;
        while (std::chrono::steady_clock::now() < end) {
            if (!alive()) return false;
            if (k_.current().buttons.count(button)) return true;
            std::this_thread::sleep_for(25ms);
        }
        return false;
    }
    bool press(const std::string& button) {
        if (!alive()) return false;
        const UiMapFile m = k_.current();
        if (!m.buttons.count(button)) return false;
        try {
            k_.click(m, button);
        } catch (const std::exception&) {
            return false;
        }
        return true;
    }

    KioskHarness& k_;
};

// What a kiosk's log says it committed.
struct Witness {
    std::set<long> visits, events, closed;
};

Witness witness(const std::string& log) {
    Witness w;
    const std::regex opened(R"(visit (\d+) opened)"), event(R"(visit \d+ event (\d+) recorded)"),
        closed(R"(visit (\d+) closed)");
    for (auto [re, into] :
         {std::pair{&opened, &w.visits}, std::pair{&event, &w.events}, std::pair{&closed, &w.closed}}) {
        for (auto it = std::sregex_iterator(log.begin(), log.end(), *re); it != std::sregex_iterator(); ++it)
            into->insert(std::stol((*it)[1]));
    }
    return w;
}

std::set<long> ids(dps::storage::Database& db, const std::string& sql) {
    std::set<long> out;
    auto st = db.prepare(sql);
    while (st.step())
        out.insert(static_cast<long>(st.integer(0)));
    return out;
}

} // namespace

TEST(Durability, KilledAtRandomMomentsTheVisitLogLosesNothingCommitted) {
    const int rounds = fromEnv("DPS_KILL_ROUNDS", 12);
    std::mt19937 random(static_cast<unsigned>(fromEnv("DPS_KILL_SEED", 20261201)));
    std::uniform_int_distribution<int> delayMs(800, 8000); // from start-up to mid-visit
    KioskHarness k(kDurabilityConfig);
    Witness all;
    int visitsDone = 0;
    for (int round = 0; round < rounds; ++round) {
        k.start();
        Visitor visitor(k);
        const auto delay = std::chrono::milliseconds(delayMs(random));
        std::thread killer([&] {
            std::this_thread::sleep_for(delay);
            k.process().signal(SIGKILL);
        });
        visitor.run();
        killer.join();
        ASSERT_EQ(k.process().wait(5s), 128 + SIGKILL) << "round " << round;
        visitsDone += visitor.visits;
        const Witness w = witness(k.process().stderrText());
        all.visits.insert(w.visits.begin(), w.visits.end());
        all.events.insert(w.events.begin(), w.events.end());
        all.closed.insert(w.closed.begin(), w.closed.end());

        // The file as the kill left it (opening it replays the WAL, as the next start would).
        auto db = dps::storage::Database::open(k.dir() / "data" / "kiosk.db");
        auto check = db.prepare("PRAGMA integrity_check");
        ASSERT_TRUE(check.step());
        EXPECT_EQ(check.text(0), "ok") << "round " << round << ", killed after " << delay.count() << " ms";
        const auto visits = ids(db, "SELECT id FROM visits");
        const auto events = ids(db, "SELECT id FROM visit_events");
        const auto closed = ids(db, "SELECT id FROM visits WHERE end_reason IS NOT NULL");
        for (const long v : all.visits)
            EXPECT_TRUE(visits.count(v)) << "visit " << v << " was committed, then lost (round " << round << ")";
        for (const long e : all.events)
            EXPECT_TRUE(events.count(e)) << "event " << e << " was committed, then lost (round " << round << ")";
        for (const long v : all.closed)
            EXPECT_TRUE(closed.count(v)) << "visit " << v << "'s end was committed, then lost";
    }
    // The next start closes what the last kill left open, at its last sign of life.
    k.start();
    k.waitFor("welcome");
    auto db = dps::storage::Database::open(k.dir() / "data" / "kiosk.db");
    EXPECT_TRUE(ids(db, "SELECT id FROM visits WHERE end_reason IS NULL").empty());
    const auto interrupted = ids(db, "SELECT id FROM visits WHERE end_reason = 'interrupted'");
    EXPECT_TRUE(ids(db, "SELECT id FROM visits WHERE end_reason = 'interrupted' AND "
                        "(ended_at IS NULL OR ended_at != last_activity_at OR ended_at < started_at)")
                    .empty())
        << "an interrupted visit ends at its last known activity";
    EXPECT_GT(all.events.size(), static_cast<std::size_t>(rounds)) << "the visitor really used the kiosk";
    EXPECT_GE(interrupted.size(), 1U) << "some kills must have cut a visit short, or nothing was tested";
    std::printf("durability: %d rounds, %zu visits and %zu events committed and all found, %d visits finished, "
                "%zu interrupted\n",
                rounds, all.visits.size(), all.events.size(), visitsDone, interrupted.size());
}
