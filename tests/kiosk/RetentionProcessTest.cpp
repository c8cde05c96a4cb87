// Retention in the real dps-kiosk with the configuration the package installs
// (packaging/kiosk.toml) on a real kiosk.db. The kiosk applies retention at start, before it
// needs a display: a run without one shows what a terminal's next boot deletes. Terminal status
// says which rule applies (its screenshot and UI map).
#include "Image.h"
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"
#include "dps/core/Clock.h"
#include "dps/core/Timestamp.h"
#include "dps/protocol/AgentStatus.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::test::Process;
using dps::test::TempDir;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::system_clock;
using std::chrono::year_month_day;
using testing::HasSubstr;
using Dates = std::vector<std::string>;

namespace {

// The terminal's days in UTC, so that the test and the kiosk count them alike.
const std::map<std::string, std::optional<std::string>> kNoDisplayUtc{
    {"DISPLAY", {}}, {"WAYLAND_DISPLAY", {}}, {"TZ", "UTC"}};

sys_days today() { return floor<days>(system_clock::now()); }
std::string daysAgo(int n) { return dps::isoDate(year_month_day{today() - days(n)}); }

struct Terminal {
    TempDir dir;

    explicit Terminal(const std::string& config) { dps::test::writeFile(dir / "kiosk.toml", config); }
    void visits(std::initializer_list<int> ago) {
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        dps::kiosk::SqliteVisitLog log(db);
        for (const int n : ago) {
            const auto start = today() - days(n) + hours(10);
            const auto id = log.open(start, daysAgo(n), "fr");
            log.close(*id, start + minutes(15), dps::kiosk::EndReason::Finished);
        }
    }
    // What dps-agent writes after a sync: the server has every day through that date.
    void report(const std::string& through) {
        dps::protocol::writeAgentStatus(dir / "status.json", {through, dps::toIsoUtc(system_clock::now())});
    }
    // A start of the kiosk, which ends for want of a display; its log.
    std::string start() {
        Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string()}, kNoDisplayUtc, dir.path());
        EXPECT_EQ(p.wait(seconds(30)).value_or(-1), 1) << p.stderrText();
        return p.stderrText();
    }
    Dates dates() {
        dps::storage::OpenOptions ro;
        ro.readOnly = true;
        auto db = dps::storage::Database::open(dir / "kiosk.db", ro);
        auto q = db.prepare("SELECT local_date FROM visits ORDER BY local_date");
        Dates out;
        while (q.step())
            out.push_back(q.text(0));
        return out;
    }
    dps::test::UiMapFile statusScreen(const std::string& png, const std::string& language, const std::string& size) {
        Process p({DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string(), "--screenshot", (dir / png).string(),
                   "--screen", "terminal-status", "--language", language, "--size", size, "--ui-map",
                   (dir / "map.txt").string()},
                  kNoDisplayUtc, dir.path());
        EXPECT_EQ(p.wait(seconds(30)).value_or(-1), 0) << p.stderrText();
        return dps::test::UiMapFile::read(dir / "map.txt").value_or(dps::test::UiMapFile{});
    }
};

// A configuration file of the source tree as installed, its two paths pointed into the test's folder.
std::string installed(const std::string& file) {
    std::string text = dps::test::readFile(std::string(DPS_SOURCE_DIR) + "/" + file);
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"\"/var/lib/dps-kiosk/kiosk.db\"", "\"kiosk.db\""},
          {"\"/var/lib/dps-agent/status.json\"", "\"status.json\""}}) {
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from << " is no longer in " << file;
        if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    return text;
}

} // namespace

TEST(KioskRetention, TheShippedConfigurationDeletesNoVisitTheRegionHasNotReceived) {
    Terminal t(installed("packaging/kiosk.toml"));
    t.visits({100, 92, 10});
    const std::string log = t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(100), daysAgo(92), daysAgo(10)})) << "no agent: nothing goes\n" << log;
    EXPECT_THAT(log, HasSubstr("nothing deleted: no report from dps-agent"));
    EXPECT_THAT(log, HasSubstr("are 90 days old or more and kept"));

    t.report(daysAgo(95)); // an agent back after months offline
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(92), daysAgo(10)}));
    t.report(daysAgo(1));
    t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(10)})) << "received, but not 90 days old";
}

TEST(KioskRetention, ByAgeOnlyWhenTheConfigurationSaysSo) {
    Terminal t("[storage]\ndatabase = \"kiosk.db\"\nagent_status = \"status.json\"\nretention = \"by-age\"\n");
    t.visits({100, 92, 10});
    EXPECT_THAT(t.start(), HasSubstr("retention (by-age): 2 visit(s)"));
    EXPECT_EQ(t.dates(), (Dates{daysAgo(10)}));
}

TEST(KioskRetention, TheFileOfTheFirstReleaseStillStartsTheKioskAndKeepsUnreportedVisits) {
    // 0.1.0 shipped retention_needs_report = false; an administrator who edited kiosk.toml keeps
    // that line across the upgrade (a conffile).
    const std::string old = installed("tests/fixtures/config/kiosk-0.1.0.toml");
    ASSERT_THAT(old, HasSubstr("retention_needs_report = false"));
    Terminal t(old);
    t.visits({100, 10});
    const std::string log = t.start();
    EXPECT_EQ(t.dates(), (Dates{daysAgo(100), daysAgo(10)})) << log;
    EXPECT_THAT(log, HasSubstr("kiosk.toml:26: 'storage.retention_needs_report' is no longer read"));
}

TEST(KioskRetention, TerminalStatusSaysWhichRuleAppliesAndTheOldestDayTheRegionLacks) {
    Terminal t("[storage]\ndatabase = \"kiosk.db\"\nagent_status = \"status.json\"\n");
    t.visits({120, 30});
    t.report(daysAgo(60));
    const auto map = t.statusScreen("after-report.png", "fr", "1366x768");
    EXPECT_EQ(map.screen, "terminal-status");
    EXPECT_EQ(map.state.count("retention") ? map.state.at("retention") : "", "after-report");
    EXPECT_EQ(map.state.count("oldest-not-received") ? map.state.at("oldest-not-received") : "", daysAgo(30));

    dps::test::writeFile(
        t.dir / "kiosk.toml",
        "[storage]\ndatabase = \"kiosk.db\"\nagent_status = \"status.json\"\nretention = \"by-age\"\n");
    const auto byAge = t.statusScreen("by-age.png", "fr", "1366x768");
    EXPECT_EQ(byAge.state.count("retention") ? byAge.state.at("retention") : "", "by-age");
    EXPECT_GT(dps::test::differingShare(dps::test::loadPng(t.dir / "after-report.png"),
                                        dps::test::loadPng(t.dir / "by-age.png")),
              0.001)
        << "the two rules read differently";
    EXPECT_EQ(t.dates(), (Dates{daysAgo(120), daysAgo(30)})) << "a screenshot reads the visit log, never deletes";
}
