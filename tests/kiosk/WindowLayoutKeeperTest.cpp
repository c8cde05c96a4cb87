// The session bar's layout (issue 20): the kiosk's window is the bar exactly while the flow shows
// it, the compositor is asked once per change, and a failed placement is retried (not at every
// frame). A fake compositor records what it was asked; sway itself is in tests/kiosksession.
#include "kiosk/core/WindowLayoutKeeper.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using dps::kiosk::WindowLayout;
using dps::kiosk::WindowLayoutKeeper;

namespace {

class FakeCompositor final : public dps::kiosk::Compositor {
public:
    std::optional<std::string> place(const WindowLayout& layout) override {
        asked.push_back(layout);
        return failWith;
    }
    std::vector<WindowLayout> asked;
    std::optional<std::string> failWith;
};

const dps::SteadyTime t0{};

} // namespace

TEST(WindowLayout, TheBarOnlyWhileTheFlowShowsItWithinARowOfTextAndHalfTheScreen) {
    EXPECT_EQ(dps::kiosk::wantedLayout(false, 56, 768), WindowLayout::fullScreen());
    EXPECT_EQ(dps::kiosk::wantedLayout(true, 56, 768), WindowLayout::bar(56));
    EXPECT_EQ(dps::kiosk::wantedLayout(true, 192, 1080), WindowLayout::bar(192)); // 1920 at 200 % text
    EXPECT_EQ(dps::kiosk::wantedLayout(true, 600, 768), WindowLayout::bar(384));
    EXPECT_EQ(dps::kiosk::wantedLayout(true, 3, 768), WindowLayout::bar(24));
    EXPECT_EQ(dps::kiosk::wantedLayout(true, 56, 0), WindowLayout::bar(56)); // no frame drawn yet
}

TEST(WindowLayoutKeeper, AsksOncePerChangeAndNothingWhileFullScreenStays) {
    FakeCompositor sway;
    WindowLayoutKeeper keeper(sway);
    EXPECT_FALSE(keeper.follow(WindowLayout::fullScreen(), t0)); // created full screen
    EXPECT_TRUE(sway.asked.empty());
    EXPECT_TRUE(keeper.follow(WindowLayout::bar(56), t0 + 1s));
    EXPECT_FALSE(keeper.follow(WindowLayout::bar(56), t0 + 2s));
    EXPECT_FALSE(keeper.follow(WindowLayout::bar(56), t0 + 3s));
    // The visitor chose 200 % text on the bar: a higher bar, the browser moves down.
    EXPECT_TRUE(keeper.follow(WindowLayout::bar(112), t0 + 4s));
    EXPECT_TRUE(keeper.follow(WindowLayout::fullScreen(), t0 + 5s));
    EXPECT_FALSE(keeper.follow(WindowLayout::fullScreen(), t0 + 6s));
    const std::vector<WindowLayout> expected{WindowLayout::bar(56), WindowLayout::bar(112), WindowLayout::fullScreen()};
    EXPECT_EQ(sway.asked, expected);
    EXPECT_EQ(keeper.placed(), WindowLayout::fullScreen());
    EXPECT_FALSE(keeper.nextRetry());
}

TEST(WindowLayoutKeeper, AFailedPlacementIsRetriedAfterTheDelayNotAtEveryFrame) {
    FakeCompositor sway;
    WindowLayoutKeeper keeper(sway);
    sway.failWith = "sway's IPC socket /run/user/104/sway-ipc.sock: Connection refused";
    EXPECT_TRUE(keeper.follow(WindowLayout::bar(56), t0));
    EXPECT_EQ(keeper.lastError(), *sway.failWith);
    EXPECT_EQ(keeper.placed(), WindowLayout::fullScreen());
    ASSERT_TRUE(keeper.nextRetry());
    EXPECT_EQ(*keeper.nextRetry(), t0 + WindowLayoutKeeper::kRetry);
    EXPECT_FALSE(keeper.follow(WindowLayout::bar(56), t0 + 1s)); // every frame in between: not asked
    EXPECT_EQ(sway.asked.size(), 1U);
    sway.failWith.reset();
    EXPECT_TRUE(keeper.follow(WindowLayout::bar(56), t0 + WindowLayoutKeeper::kRetry));
    EXPECT_EQ(sway.asked.size(), 2U);
    EXPECT_EQ(keeper.placed(), WindowLayout::bar(56));
    EXPECT_TRUE(keeper.lastError().empty());
    EXPECT_FALSE(keeper.nextRetry());
}

TEST(WindowLayoutKeeper, ANewLayoutIsAskedAtOnceEvenWhileARetryWaits) {
    FakeCompositor sway;
    WindowLayoutKeeper keeper(sway);
    sway.failWith = "No matching node.";
    EXPECT_TRUE(keeper.follow(WindowLayout::bar(56), t0));
    // The session ended before the bar could be placed: full screen is asked for at once (the
    // window's own half may have left full screen already), and it works.
    sway.failWith.reset();
    EXPECT_TRUE(keeper.follow(WindowLayout::fullScreen(), t0 + 100ms));
    const std::vector<WindowLayout> expected{WindowLayout::bar(56), WindowLayout::fullScreen()};
    EXPECT_EQ(sway.asked, expected);
    EXPECT_FALSE(keeper.nextRetry());
    EXPECT_FALSE(keeper.follow(WindowLayout::fullScreen(), t0 + 10s));
}
