// What the kiosk tells the Region it is doing (issue 20, the heartbeat's "kiosk"): published
// through the TerminalLog as it changes, states and counts only. Fake clock and browser; the
// SQLite side is in KioskStateStoreTest, the agent's reading in HeartbeatJobTest.
#include "FakeBrowserSession.h"
#include "FakeClock.h"
#include "FreeUseTestSettings.h"
#include "MemoryTerminalLog.h"
#include "RecordingVisitLog.h"
#include "TempDir.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"
#include "kiosk/core/KioskFlow.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::kiosk::Feature;
using dps::kiosk::FlowSettings;
using dps::kiosk::KioskActivity;
using dps::kiosk::KioskFlow;
using dps::kiosk::KioskState;
using dps::kiosk::Screen;
using dps::kiosk::WipeReport;
namespace intent = dps::kiosk::intent;

namespace {

// Idle after ten minutes: the tests of the published state wait through minutes of a session.
FlowSettings tenMinuteFreeUse() { return dps::test::freeUseFlowSettings({"fr", "nl", "en"}, 10min); }

KioskState freeUse(int minutesLeft, std::optional<int> help = std::nullopt) {
    return KioskState{KioskActivity::FreeUse, minutesLeft, help, false};
}

class KioskStateTest : public testing::Test {
protected:
    void SetUp() override {
        flow.emplace(tenMinuteFreeUse(), log, clock, KioskFlow::noTutorials(), &terminal, &browser);
    }
    void wait(std::chrono::seconds d) {
        for (auto s = 0s; s < d; s += 1s) {
            clock.advance(1s);
            flow->update();
        }
    }
    void start() {
        flow->apply(intent::StartVisit{});
        flow->apply(intent::OpenFreeUse{});
        flow->apply(intent::StartFreeUse{});
        ASSERT_EQ(flow->screen(), Screen::FreeUseBar);
    }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    dps::test::FakeBrowserSession browser;
    dps::test::MemoryTerminalLog terminal;
    std::optional<KioskFlow> flow;
};

} // namespace

TEST_F(KioskStateTest, IdleAtStartThenAVisitThenFreeUseMinuteByMinuteOnlyWhenItChanges) {
    ASSERT_EQ(terminal.states.size(), 1U) << "a started kiosk replaces what a stopped one said";
    EXPECT_EQ(terminal.states[0], KioskState{});
    wait(30s);
    EXPECT_EQ(terminal.states.size(), 1U) << "nothing changed: nothing written";
    flow->apply(intent::StartVisit{});
    EXPECT_EQ(terminal.states.back(), (KioskState{KioskActivity::Visit, 0, std::nullopt, false}));
    flow->apply(intent::OpenFreeUse{});
    flow->apply(intent::StartFreeUse{});
    EXPECT_EQ(terminal.states.back(), freeUse(60));
    const std::size_t before = terminal.states.size();
    for (int m = 0; m < 5; ++m) {
        browser.news.input = true;
        wait(60s);
    }
    EXPECT_EQ(terminal.states.back(), freeUse(55));
    EXPECT_EQ(terminal.states.size(), before + 5) << "once a minute, not once a second";
}

TEST_F(KioskStateTest, ACallForHelpIsPublishedWithItsWaitUntilAnswered) {
    start();
    flow->apply(intent::FreeUseHelp{});
    EXPECT_EQ(terminal.states.back(), freeUse(60, 0));
    browser.news.input = true;
    wait(4min);
    EXPECT_EQ(terminal.states.back(), freeUse(56, 4));
    flow->apply(intent::OpenFacilitator{});
    for (const char d : {'2', '4', '6', '8'})
        flow->apply(intent::FacilitatorPinDigit{d});
    flow->apply(intent::FacilitatorPinSubmit{});
    ASSERT_TRUE(flow->takeUnlockRequest());
    flow->deliverUnlock(std::string("Amina"));
    flow->apply(intent::OpenTerminalStatus{});
    EXPECT_EQ(terminal.states.back(), freeUse(56, 4)) << "still waiting while the facilitator looks";
    flow->apply(intent::AnswerFreeUseHelp{});
    EXPECT_EQ(terminal.states.back(), freeUse(56));
}

TEST_F(KioskStateTest, AWipeNotVerifiedLeavesTheTerminalIdleWithFreeUseStopped) {
    browser.wipeReport = WipeReport{false, {"processes"}, 0, false, false};
    start();
    flow->apply(intent::AskFinishFreeUse{});
    flow->apply(intent::FinishFreeUse{});
    EXPECT_EQ(terminal.states.back().activity, KioskActivity::FreeUse) << "the wipe is part of the session";
    EXPECT_EQ(terminal.states.back().minutesLeft, 0);
    flow->update();
    wait(20s);
    EXPECT_EQ(flow->screen(), Screen::Welcome);
    EXPECT_EQ(terminal.states.back(), (KioskState{KioskActivity::Idle, 0, std::nullopt, true}));
}

// The row dps-agent reads: written by the kiosk's own adapter into a real kiosk.db.
TEST(KioskStateStore, TheLatestStateIsOneRowOfKioskDb) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteTerminalLog terminal(db);
    const dps::WallTime at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 13h;
    ASSERT_TRUE(terminal.publishState(at, freeUse(23, 4)));
    ASSERT_TRUE(terminal.publishState(at + 1min, KioskState{KioskActivity::Visit, 0, 3, true}));
    auto q = db.prepare("SELECT count(*), activity, minutes_left, help_asked_minutes, free_use_stopped, at "
                        "FROM kiosk_state");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 1);
    EXPECT_EQ(q.text(1), "visit");
    EXPECT_TRUE(q.isNull(2)) << "minutes belong to a free-use session only";
    EXPECT_TRUE(q.isNull(3));
    EXPECT_EQ(q.integer(4), 1);
    EXPECT_EQ(q.text(5), "2026-12-07T13:01:00Z");
}
