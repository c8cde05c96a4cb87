#pragma once
#include "dps/core/ManualClock.h"
#include "kiosk/core/Speech.h"
#include "kiosk/core/VisitLog.h"
#include "kiosk/core/freeuse/BrowserSession.h"

namespace dps::kiosk {

// A picture of a screen is made by walking the real flow to it; UnrecordedVisits keeps that walk
// from recording a visit, and a ManualClock lets it reach screens that need time to pass.
class UnrecordedVisits final : public VisitLog {
public:
    std::optional<VisitId> open(WallTime, std::string_view, std::string_view) override { return VisitId{0}; }
    bool guide(VisitId, const GuidedVisit&) override { return true; }
    bool event(VisitId, WallTime, const VisitEvent&) override { return true; }
    bool touch(VisitId, WallTime) override { return true; }
    bool language(VisitId, std::string_view) override { return true; }
    bool outcome(VisitId, const VisitOutcome&) override { return true; }
    bool freeUse(VisitId, const FreeUseRecord&) override { return true; }
    bool close(VisitId, WallTime, EndReason) override { return true; }
};

// A picture of free use's screens shows a terminal that has the browser's session, without
// starting any browser; its wipe reports at once (verified, or not when the picture is of that),
// or never (the wipe under way).
class PictureBrowser final : public BrowserSession {
public:
    bool start(const StartPage&) override { return true; }
    void stop() override { stopped_ = true; }
    BrowserNews poll() override {
        BrowserNews news;
        if (stopped_ && reports) news.wiped = WipeReport{verified, {}, 0, usbUsed, false};
        return news;
    }
    bool reports = true;
    bool verified = true;
    bool usbUsed = false; // the session had a USB stick ("You can take your USB stick now")

private:
    bool stopped_ = false;
};

// A picture shows the screen of a terminal that can speak (the read-aloud buttons), without
// speaking: nothing is read while a picture is drawn.
class PictureSpeech final : public Speech {
public:
    [[nodiscard]] bool available() const override { return true; }
    void say(const std::string&, const std::string&) override {}
    void stop() override {}
    [[nodiscard]] bool speaking() const override { return false; }
    [[nodiscard]] SpeechStatus status() const override { return SpeechStatus::Works; }
    void setRate(int) override {}
};

} // namespace dps::kiosk
