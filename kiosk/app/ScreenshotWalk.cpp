#include "kiosk/app/ScreenshotWalk.h"

#include <algorithm>
#include <cstdio>
#include <fmt/core.h>

namespace dps::kiosk {
namespace {

void unlock(KioskFlow& flow) {
    flow.apply(intent::OpenFacilitator{});
    for (const char d : {'2', '4', '6', '8'})
        flow.apply(intent::FacilitatorPinDigit{d});
    flow.apply(intent::FacilitatorPinSubmit{});
    (void)flow.takeUnlockRequest(); // the picture's PIN is checked by nobody
    flow.deliverUnlock(std::string("Amina"));
    flow.offerMaintenanceExit(true); // as on a terminal with an administrator PIN
}

// A group of six, two purposes, consent and one audience, two tutorials.
void setUp(KioskFlow& flow) {
    flow.apply(intent::OpenGuidedSetup{});
    flow.apply(intent::SetGroupSize{6});
    flow.apply(intent::TogglePurpose{Purpose::Learning});
    flow.apply(intent::TogglePurpose{Purpose::JobSearch});
    flow.apply(intent::ToggleConsent{});
    flow.apply(intent::ToggleAudience{Audience::JobSeekers});
    const auto& all = flow.tutorial().tutorials();
    for (std::size_t i = 0; i < std::min<std::size_t>(2, all.size()); ++i)
        flow.apply(intent::ToggleSessionTutorial{all[i].id});
}

// Free use's screens (the bar's steps: 1 running, 2 the 5-minute warning, 3 the last minute, 4 the
// last seconds, 5 "Are you still there?", 6 "Finish and erase" asked, 7 Help called; the erased
// screen's: 1 erased, 2 erasing, 3 not verified, 4 erased after a session with a USB stick, which
// the picture's browser is told).
int walkToFreeUse(KioskFlow& flow, ManualClock& clock, Screen target, int step) {
    using namespace std::chrono;
    flow.apply(intent::OpenFreeUse{});
    if (flow.screen() != Screen::FreeUseIntro) {
        std::fprintf(stderr, "dps-kiosk: free use is off in this configuration (free_use.enabled)\n");
        return 2;
    }
    if (target == Screen::FreeUseIntro) return 0;
    flow.apply(intent::StartFreeUse{});
    // Time passes with the visitor at work (their input noted), then the flow looks at the clock.
    const auto working = [&](milliseconds d) {
        clock.advance(d);
        flow.noteActivity();
        flow.update();
    };
    if (target == Screen::FreeUseErased) {
        working(minutes(23));
        flow.apply(intent::AskFinishFreeUse{});
        flow.apply(intent::FinishFreeUse{});
        flow.update();
        clock.advance(seconds(3));
        return 0;
    }
    switch (step) {
    case 2: working(minutes(56)); break;
    case 3: working(minutes(59) + seconds(20)); break;
    case 4:
        working(minutes(60));
        working(seconds(8));
        break;
    case 5:
        working(minutes(20));
        clock.advance(flow.settings().freeUse.idle + seconds(10));
        flow.update();
        break;
    case 6:
        working(minutes(23));
        flow.apply(intent::AskFinishFreeUse{});
        break;
    case 7:
        working(minutes(23));
        flow.apply(intent::FreeUseHelp{});
        break;
    default: working(minutes(37)); break;
    }
    return 0;
}

// Terminal status's free-use states (step 2: a session with 23 minutes left whose visitor asked for
// help 4 minutes ago; step 3: free use stopped 12 minutes ago after a wipe that was not verified,
// which the picture's browser is told): a visitor's session first, then the facilitator.
void freeUseForStatus(KioskFlow& flow, ManualClock& clock, int step) {
    using namespace std::chrono;
    const auto working = [&](minutes d) {
        clock.advance(d);
        flow.noteActivity();
        flow.update();
    };
    flow.apply(intent::StartVisit{});
    flow.apply(intent::OpenFreeUse{});
    flow.apply(intent::StartFreeUse{});
    working(minutes(33));
    if (step == 2) {
        flow.apply(intent::FreeUseHelp{});
        working(minutes(4));
        return;
    }
    flow.apply(intent::AskFinishFreeUse{});
    flow.apply(intent::FinishFreeUse{});
    flow.update();
    clock.advance(minutes(12));
    flow.update();
}

} // namespace

FlowSettings settingsToReach(FlowSettings s, Screen target, const LocalTime& now) {
    using std::chrono::minutes;
    if (target == Screen::EndQuestions) s.endQuestions = true;
    if (target == Screen::ClosingSoon || target == Screen::Closed) {
        // Open 09:00-12:30 and 13:30-17:00 on weekdays; today it closes in eight minutes (or closed now).
        std::array<std::string, 7> week{"09:00-12:30, 13:30-17:00",
                                        "09:00-12:30, 13:30-17:00",
                                        "13:30-19:00",
                                        "09:00-12:30, 13:30-17:00",
                                        "09:00-12:30",
                                        "10:00-13:00",
                                        ""};
        if (target == Screen::ClosingSoon) {
            const auto start = std::max(minutes(0), now.sinceMidnight - minutes(60));
            const auto end = std::min(minutes(24 * 60), now.sinceMidnight + minutes(8));
            const auto hhmm = [](minutes m) { return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60); };
            week[mondayIndex(now.weekday)] = hhmm(start) + "-" + hhmm(end);
        } else {
            week[mondayIndex(now.weekday)] = "";
        }
        if (auto hours = OpeningHours::parse(week)) s.hours = *hours;
    }
    return s;
}

int walkTo(KioskFlow& flow, ManualClock& clock, Screen target, const RunOptions& options) {
    if (!options.language.empty()) flow.apply(intent::ChooseLanguage{options.language});
    if (target == Screen::Welcome || target == Screen::Closed) return 0;
    if (target == Screen::FacilitatorUnlock) {
        flow.apply(intent::OpenFacilitator{});
        for (const char d : {'2', '4'})
            flow.apply(intent::FacilitatorPinDigit{d});
        return 0;
    }
    if (isFacilitatorScreen(target) || target == Screen::SessionSummary) {
        if (target == Screen::TerminalStatus && (options.step == 2 || options.step == 3))
            freeUseForStatus(flow, clock, options.step);
        unlock(flow);
        if (target == Screen::GuidedSetup) setUp(flow);
        if (target == Screen::TerminalStatus) flow.apply(intent::OpenTerminalStatus{});
        if (target == Screen::FacilitatorSettings) flow.apply(intent::OpenFacilitatorSettings{});
        if (target == Screen::SessionSummary) {
            setUp(flow);
            flow.apply(intent::StartSession{});
            // The first tutorial done, twenty-five minutes and a few seconds later; then the summary.
            if (TutorialRun* run = flow.run()) run->skipTo(run->stepCount() - 1);
            flow.apply(intent::SkipStep{});
            clock.advance(std::chrono::seconds(25 * 60 + 12));
            flow.apply(intent::EndSession{});
            flow.apply(intent::SetAutonomy{Autonomy::SomeHelp});
        }
        return 0;
    }
    flow.apply(intent::StartVisit{});
    if (target == Screen::FreeUseIntro || target == Screen::FreeUseBar || target == Screen::FreeUseErased)
        return walkToFreeUse(flow, clock, target, options.step);
    if (target == Screen::Finish) flow.apply(intent::FinishVisit{});
    // Step 2 of Home: its Finish tile tapped, the question "End your visit now?" asked.
    if (target == Screen::Home && options.step >= 2) flow.apply(intent::AskFinishVisit{});
    if (target == Screen::EndQuestions) {
        flow.apply(intent::FinishVisit{});
        if (options.step >= 2) flow.apply(intent::AnswerCameFor{Purpose::EidHelp});
    }
    if (target == Screen::ClosingSoon) flow.update();
    if (target == Screen::Catalogue || target == Screen::Player || target == Screen::TutorialEnd) {
        const auto& tutorials = flow.tutorial().tutorials();
        flow.apply(intent::OpenCatalogue{});
        const std::string id = options.tutorial.empty() && !tutorials.empty() ? tutorials.front().id : options.tutorial;
        const Tutorial* t = flow.tutorial().byId(id);
        if (!t) {
            std::fprintf(stderr, "dps-kiosk: --tutorial %s: no such tutorial\n", id.c_str());
            return 2;
        }
        flow.apply(intent::ChooseTheme{t->theme});
        if (target != Screen::Catalogue) {
            flow.apply(intent::OpenTutorial{id});
            flow.run()->skipTo(static_cast<std::size_t>(std::max(1, options.step) - 1));
        }
        if (target == Screen::TutorialEnd) {
            flow.run()->skipTo(flow.run()->stepCount() - 1);
            flow.apply(intent::SkipStep{});
        }
    }
    if (target == Screen::StillThere) {
        clock.advance(flow.settings().idleTimeout + std::chrono::seconds(3));
        flow.update();
    }
    return 0;
}

} // namespace dps::kiosk
