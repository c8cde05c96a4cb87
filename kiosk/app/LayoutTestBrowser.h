#pragma once
#include "kiosk/core/freeuse/BrowserSession.h"

namespace dps::kiosk {

// --free-use-layout-test: free use's screens on a terminal whose browser is started by someone
// else (tests/kiosksession: the session bar's layout under sway, with a Chromium window of the
// test's own). It starts nothing and wipes nothing, so its wipe is never verified: the kiosk
// then calls a facilitator, as it would after a real wipe that failed. Never for visitors.
class LayoutTestBrowser final : public BrowserSession {
public:
    bool start(const StartPage&) override {
        stopped_ = false;
        return true;
    }
    void stop() override { stopped_ = true; }
    BrowserNews poll() override {
        BrowserNews news;
        if (stopped_) news.wiped = WipeReport{}; // verified false, nothing wiped
        stopped_ = false;
        return news;
    }

private:
    bool stopped_ = false;
};

} // namespace dps::kiosk
