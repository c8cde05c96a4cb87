#pragma once
#include "kiosk/core/freeuse/BrowserSession.h"

#include <vector>

namespace dps::test {

// The browser of a free-use session for unit tests: it records what the flow asked and reports
// what the test tells it to, when polled (as the real adapter reports from its own thread).
class FakeBrowserSession final : public kiosk::BrowserSession {
public:
    bool start(const kiosk::StartPage& page) override {
        starts.push_back(page);
        if (!canStart) return false;
        running = true;
        return true;
    }
    void stop() override {
        ++stops;
        running = false;
    }
    kiosk::BrowserNews poll() override {
        kiosk::BrowserNews out = news;
        news = {};
        // The wipe's report comes once the flow asked for it.
        if (stops > reported && wipeReport) {
            out.wiped = *wipeReport;
            reported = stops;
        }
        return out;
    }

    // As new, its next wipe reporting `report` (a browser is not assignable: one test walks to many
    // sessions with the same one, which the kiosk under test points to).
    void reset(const kiosk::WipeReport& report) {
        canStart = true;
        running = false;
        starts.clear();
        stops = reported = 0;
        news = {};
        wipeReport = report;
    }

    bool canStart = true;
    bool running = false;
    std::vector<kiosk::StartPage> starts;
    int stops = 0;
    int reported = 0;
    kiosk::BrowserNews news; // handed over at the next poll
    // What the next wipe reports; nullopt: it never reports.
    std::optional<kiosk::WipeReport> wipeReport = kiosk::WipeReport{true, {"processes", "home"}, 0, false, false};
};

} // namespace dps::test
