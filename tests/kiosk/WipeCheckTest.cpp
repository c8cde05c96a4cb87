// Free use after a wipe that was not verified (issue 20, stop-note4 item 6): a facilitator with
// the administrator's PIN checks the wipe again from Terminal status; a short session of the
// runner (no tiles, ended at once) must report its wipe verified before free use comes back.
// Fake clock and fake browser (the real runner's wipe is proven by freeuse.kiosk_session).
#include "FakeBrowserSession.h"
#include "FakeClock.h"
#include "FreeUseTestSettings.h"
#include "RecordingVisitLog.h"
#include "kiosk/core/KioskFlow.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace std::chrono_literals;
using dps::kiosk::AdminAction;
using dps::kiosk::Feature;
using dps::kiosk::FlowSettings;
using dps::kiosk::Intent;
using dps::kiosk::KioskFlow;
using dps::kiosk::Screen;
using dps::kiosk::WipeCheck;
using dps::kiosk::WipeReport;
namespace intent = dps::kiosk::intent;

namespace {

// Dutch first: the check's session must start in the terminal's first language, not in French.
FlowSettings dutchFirstSettings() { return dps::test::freeUseFlowSettings({"nl", "fr", "en"}); }

class WipeCheckTest : public testing::Test {
protected:
    void SetUp() override {
        flow.emplace(dutchFirstSettings(), log, clock, KioskFlow::noTutorials(), nullptr, &browser);
        // A session whose wipe is not verified stops free use.
        browser.wipeReport = WipeReport{false, {"processes"}, 0, false, false};
        apply(intent::StartVisit{});
        apply(intent::OpenFreeUse{});
        apply(intent::StartFreeUse{});
        apply(intent::AskFinishFreeUse{});
        apply(intent::FinishFreeUse{});
        flow->update();
        ASSERT_FALSE(flow->lastWipeVerified());
        ASSERT_FALSE(hasTile());
        wait(20s); // "erased" (here: not said) gives way to Welcome
    }
    void apply(const Intent& i) { flow->apply(i); }
    void wait(std::chrono::seconds d) {
        for (auto s = 0s; s < d; s += 1s) {
            clock.advance(1s);
            flow->update();
        }
    }
    void typePin(const char* pin) {
        for (const char* d = pin; *d; ++d)
            apply(intent::FacilitatorPinDigit{*d});
        apply(intent::FacilitatorPinSubmit{});
    }
    // Unlocked, on Terminal status, on a terminal that has an administrator PIN (or not).
    void toStatus(bool adminPin = true) {
        apply(intent::OpenFacilitator{});
        typePin("2468");
        ASSERT_TRUE(flow->takeUnlockRequest());
        flow->deliverUnlock(std::string("Amina"));
        flow->offerMaintenanceExit(adminPin);
        apply(intent::OpenTerminalStatus{});
        ASSERT_EQ(flow->screen(), Screen::TerminalStatus);
    }
    // "Check the wipe again", then the administrator's PIN (right or wrong).
    void checkWithAdminPin(bool right) {
        apply(intent::CheckWipeAgain{});
        ASSERT_EQ(flow->screen(), Screen::FacilitatorUnlock);
        ASSERT_TRUE(flow->facilitator().forMaintenance());
        EXPECT_EQ(flow->facilitator().adminAction(), AdminAction::CheckWipe);
        typePin("13579135");
        const auto request = flow->takeUnlockRequest();
        ASSERT_TRUE(request);
        EXPECT_TRUE(request->administrator) << "checked against the administrator's PIN only";
        flow->deliverUnlock(right ? std::optional<std::string>("administrator") : std::nullopt);
    }
    [[nodiscard]] bool hasTile() const {
        const auto& t = flow->homeTiles();
        return std::find(t.begin(), t.end(), Feature::FreeUse) != t.end();
    }

    dps::test::FakeClock clock;
    dps::test::RecordingVisitLog log;
    dps::test::FakeBrowserSession browser;
    std::optional<KioskFlow> flow;
};

} // namespace

TEST_F(WipeCheckTest, AVerifiedCheckBringsFreeUseBackWithItsTileBeforeFinish) {
    wait(3min);
    EXPECT_EQ(flow->freeUseStoppedFor(), 3min + 20s) << "Terminal status says since when";
    toStatus();
    EXPECT_TRUE(flow->wipeCheckOffered());
    browser.wipeReport = WipeReport{true, {"processes", "home", "print jobs"}, 0, false, false};
    checkWithAdminPin(true);
    EXPECT_EQ(flow->screen(), Screen::TerminalStatus) << "back where the check was asked, to see it";
    EXPECT_FALSE(flow->facilitator().maintenanceExitRequested()) << "the PIN was for the check, not the exit";
    ASSERT_EQ(browser.starts.size(), 2U) << "a short session of the runner";
    EXPECT_TRUE(browser.starts[1].tiles.empty()) << "nobody uses it: no tiles";
    EXPECT_EQ(browser.starts[1].language, "nl");
    EXPECT_EQ(browser.stops, 2) << "ended at once: its wipe is the check";
    EXPECT_TRUE(flow->wipeCheck().running());
    EXPECT_FALSE(flow->wipeCheckOffered()) << "one check at a time";
    EXPECT_FALSE(flow->lastWipeVerified()) << "not before the report";
    flow->update();
    EXPECT_EQ(flow->wipeCheck().state(), WipeCheck::State::Passed);
    EXPECT_TRUE(flow->lastWipeVerified());
    EXPECT_EQ(flow->freeUseStoppedFor(), 0s);
    EXPECT_EQ(flow->homeTiles(), (std::vector<Feature>{Feature::FreeUse, Feature::Finish}));
    EXPECT_EQ(log.visits.size(), 1U) << "the check is no visit: nothing recorded";
    apply(intent::CloseFacilitator{});
    apply(intent::StartVisit{});
    apply(intent::OpenFreeUse{});
    EXPECT_EQ(flow->screen(), Screen::FreeUseIntro) << "free use works again without a restart";
}

TEST_F(WipeCheckTest, ACheckWhoseWipeIsNotVerifiedOrNeverReportsKeepsFreeUseOff) {
    toStatus();
    browser.wipeReport = WipeReport{false, {"processes"}, 0, false, false};
    checkWithAdminPin(true);
    flow->update();
    EXPECT_EQ(flow->wipeCheck().failure(), WipeCheck::Failure::NotVerified);
    EXPECT_FALSE(flow->lastWipeVerified());
    EXPECT_FALSE(hasTile());
    EXPECT_TRUE(flow->wipeCheckOffered()) << "it may be tried again";
    browser.wipeReport.reset();
    checkWithAdminPin(true);
    wait(59s);
    EXPECT_TRUE(flow->wipeCheck().running());
    wait(1s);
    EXPECT_EQ(flow->wipeCheck().failure(), WipeCheck::Failure::NoReport);
    EXPECT_FALSE(flow->lastWipeVerified());
    browser.canStart = false;
    browser.wipeReport = WipeReport{true, {"processes"}, 0, false, false};
    checkWithAdminPin(true);
    EXPECT_EQ(flow->wipeCheck().failure(), WipeCheck::Failure::NotStarted);
    EXPECT_FALSE(flow->lastWipeVerified());
    EXPECT_FALSE(hasTile());
}

TEST_F(WipeCheckTest, AWrongAdministratorPinOrNoneOnTheTerminalRunsNoCheck) {
    toStatus(false);
    EXPECT_FALSE(flow->wipeCheckOffered()) << "no administrator PIN on this terminal";
    apply(intent::CheckWipeAgain{});
    EXPECT_EQ(flow->screen(), Screen::TerminalStatus);
    flow->offerMaintenanceExit(true);
    checkWithAdminPin(false);
    EXPECT_TRUE(flow->facilitator().refused());
    EXPECT_EQ(flow->screen(), Screen::FacilitatorUnlock);
    EXPECT_EQ(browser.starts.size(), 1U) << "no session started";
    EXPECT_FALSE(flow->wipeCheck().running());
    apply(intent::BackToFacilitator{});
    EXPECT_EQ(flow->screen(), Screen::TerminalStatus) << "Cancel goes back to where the check was asked";
    EXPECT_FALSE(flow->facilitator().forMaintenance());
}

TEST_F(WipeCheckTest, NeitherAVisitorNorALockedModeCanAskForACheck) {
    apply(intent::CheckWipeAgain{});
    EXPECT_EQ(flow->screen(), Screen::Welcome);
    toStatus();
    apply(intent::BackToFacilitator{});
    apply(intent::CheckWipeAgain{});
    EXPECT_EQ(flow->screen(), Screen::Facilitator) << "only from Terminal status";
    EXPECT_EQ(browser.starts.size(), 1U);
}
