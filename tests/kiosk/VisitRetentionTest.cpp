// Retention as the kiosk applies it at start, on real files: kiosk.db written by the kiosk's own
// adapter, dps-agent's status file written by the agent's own writer, and the configuration the
// package installs (packaging/kiosk.toml).
#include "kiosk/app/VisitRetention.h"
#include "FakeClock.h"
#include "TempDir.h"
#include "dps/core/Clock.h"
#include "dps/protocol/AgentStatus.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/app/KioskSettings.h"

#include <gtest/gtest.h>

using dps::kiosk::EndReason;
using dps::kiosk::KioskSettings;
using dps::kiosk::RetentionRule;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;
using Dates = std::vector<std::string>;
using dps::test::kTestDay;

namespace {

std::string daysAgo(int n) { return dps::isoDate(year_month_day{sys_days(kTestDay) - days(n)}); }

KioskSettings shippedKioskSettings() { return dps::kiosk::kioskSchema().load(DPS_SOURCE_DIR "/packaging/kiosk.toml"); }

struct RetentionTerminal {
    dps::test::TempDir dir;
    dps::storage::Database db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteVisitLog log{db};
    KioskSettings settings;

    explicit RetentionTerminal(KioskSettings s) : settings(std::move(s)) { settings.agentStatus = dir / "status.json"; }
    void visit(int ago) {
        const auto start = sys_days(kTestDay) - days(ago) + hours(10);
        const auto id = log.open(start, daysAgo(ago), "fr");
        log.close(*id, start + minutes(20), EndReason::Finished);
    }
    // What dps-agent writes after a sync: the server has every day through that date.
    void report(const std::string& through) {
        dps::protocol::writeAgentStatus(settings.agentStatus, {through, "2026-11-23T08:00:00Z"});
    }
    void start() { dps::kiosk::applyRetention(log, settings, kTestDay); }
    Dates dates() {
        auto q = db.prepare("SELECT local_date FROM visits ORDER BY local_date");
        Dates out;
        while (q.step())
            out.push_back(q.text(0));
        return out;
    }
    dps::kiosk::TerminalFacts facts() {
        dps::kiosk::TerminalFacts f;
        dps::kiosk::addRetentionFacts(f, settings, &log);
        return f;
    }
};

} // namespace

TEST(VisitRetention, TheShippedConfigurationKeepsAnUnreportedVisitHoweverOldAndDeletesItOnceReported) {
    RetentionTerminal t(shippedKioskSettings());
    t.visit(100);
    t.visit(10);
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(100), daysAgo(10)})) << "no agent on this terminal: nothing goes";
    t.report("");
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(100), daysAgo(10)})) << "enrolled, but the server has no day yet";
    t.report(daysAgo(101));
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(100), daysAgo(10)})) << "offline: the server lacks the 100-day-old one";
    t.report(daysAgo(100));
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(10)})) << "the server has it now";
    t.report(daysAgo(1));
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(10)})) << "received, but not 90 days old yet";
}

TEST(VisitRetention, AnAgentRemovedLaterLeavesTheRestInPlace) {
    RetentionTerminal t(shippedKioskSettings());
    t.visit(200);
    t.visit(150);
    t.report(daysAgo(200));
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(150)}));
    std::filesystem::remove(t.settings.agentStatus); // dps-agent purged: its folder goes
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(150)}));
}

TEST(VisitRetention, AStatusFileThatDoesNotReadDeletesNothing) {
    RetentionTerminal t(shippedKioskSettings());
    t.visit(100);
    for (const char* text : {R"({"acknowledged_through": "9999-99-99"})", R"({"acknowledged_through": 20261123})",
                             "not json", R"({"acknowledged_through": "2026-11-23", )"}) {
        dps::test::writeFile(t.settings.agentStatus, text);
        t.start();
        EXPECT_EQ(t.dates(), (Dates{daysAgo(100)})) << text;
    }
}

TEST(VisitRetention, ByAgeDeletesAtTheAgeWhetherReportedOrNot) {
    RetentionTerminal t(dps::kiosk::kioskSchema().parse("[storage]\nretention = \"by-age\"\nretention_days = 90\n",
                                                        "/etc/dps-kiosk/kiosk.toml"));
    t.visit(100);
    t.visit(90);
    t.visit(89);
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(89)})) << "no agent, and the configuration says by age";
}

TEST(VisitRetention, TheStatusPanelGetsTheRuleAndTheOldestDayTheRegionLacks) {
    RetentionTerminal t(shippedKioskSettings());
    t.visit(120);
    t.visit(30);
    auto f = t.facts();
    EXPECT_EQ(f.retention.rule, RetentionRule::AfterReport);
    EXPECT_EQ(f.retention.days, 90);
    EXPECT_FALSE(f.agentReport);
    EXPECT_EQ(f.oldestNotReceived, (year{2026} / 7 / 26)) << "120 days before 23 November";
    t.report(daysAgo(60));
    f = t.facts();
    EXPECT_TRUE(f.agentReport);
    EXPECT_EQ(f.oldestNotReceived, (year{2026} / 10 / 24));
    t.report(daysAgo(1));
    EXPECT_EQ(t.facts().oldestNotReceived, std::nullopt) << "the Region has them all";

    RetentionTerminal byAge(dps::kiosk::kioskSchema().parse("[storage]\nretention = \"by-age\"\n", "k.toml"));
    EXPECT_EQ(byAge.facts().retention.rule, RetentionRule::ByAge);
}
