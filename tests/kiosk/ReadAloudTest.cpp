// Read-aloud on every visitor screen (issue 18 §15): each visitor screen says its text, in the
// visitor's language, or has a read-aloud button of its own; and a reading that is never heard
// counts as failed, so the button comes back.
#include "kiosk/adapters/content/TutorialLoader.h"
#include "kiosk/app/ScreenshotWalk.h"
#include "kiosk/core/ReadingWatch.h"
#include "kiosk/ui/Images.h"
#include "kiosk/ui/Views.h"

#include <gtest/gtest.h>

using dps::kiosk::EndReason;
using dps::kiosk::FlowSettings;
using dps::kiosk::GuidedVisit;
using dps::kiosk::isFacilitatorScreen;
using dps::kiosk::KioskFlow;
using dps::kiosk::loadLibrary;
using dps::kiosk::ReadingWatch;
using dps::kiosk::RunOptions;
using dps::kiosk::Screen;
using dps::kiosk::screenName;
using dps::kiosk::settingsToReach;
using dps::kiosk::TerminalFacts;
using dps::kiosk::Tutorial;
using dps::kiosk::TutorialLibrary;
using dps::kiosk::VisitEvent;
using dps::kiosk::VisitId;
using dps::kiosk::VisitLog;
using dps::kiosk::VisitOutcome;
using dps::kiosk::walkTo;
using std::chrono::hours;
using std::chrono::seconds;

namespace {

// Records nothing: the walk only needs the flow's screens.
class NoVisits final : public VisitLog {
public:
    std::optional<VisitId> open(dps::WallTime, std::string_view, std::string_view) override { return VisitId{1}; }
    bool guide(VisitId, const GuidedVisit&) override { return true; }
    bool event(VisitId, dps::WallTime, const VisitEvent&) override { return true; }
    bool touch(VisitId, dps::WallTime) override { return true; }
    bool language(VisitId, std::string_view) override { return true; }
    bool outcome(VisitId, const VisitOutcome&) override { return true; }
    bool freeUse(VisitId, const dps::kiosk::FreeUseRecord&) override { return true; }
    bool close(VisitId, dps::WallTime, EndReason) override { return true; }
};

const dps::i18n::Catalog& kioskCatalog() {
    static const dps::i18n::Catalog c(DPS_LOCALE_DIR, "dps-kiosk", {"fr", "nl", "en"});
    return c;
}

const std::vector<Tutorial>& shippedTutorials() {
    static const TutorialLibrary lib =
        loadLibrary(std::string(DPS_SOURCE_DIR) + "/assets/tutorials", {"fr", "nl", "en"});
    return lib.tutorials;
}

} // namespace

TEST(ReadAloud, EveryVisitorScreenSaysItsTextInTheVisitorsLanguage) {
    // These two have a read-aloud button of their own, beside what it reads (the lesson's
    // instruction, the e-ID check's verdict): the band's would be a second one.
    const std::set<Screen> ownButton{Screen::Player, Screen::EidCheck};
    const auto views = dps::kiosk::ui::makeViews();
    for (const char* language : {"fr", "nl", "en"}) {
        for (int i = 0; i <= static_cast<int>(Screen::FacilitatorSettings); ++i) {
            const auto screen = static_cast<Screen>(i);
            if (isFacilitatorScreen(screen) || ownButton.count(screen)) continue;
            dps::ManualClock clock;
            NoVisits visits;
            KioskFlow flow(settingsToReach(FlowSettings{}, screen, clock.local()), visits, clock, shippedTutorials());
            RunOptions options;
            options.language = language;
            ASSERT_EQ(walkTo(flow, clock, screen, options), 0);
            ASSERT_EQ(flow.screen(), screen) << screenName(screen);
            const dps::i18n::Translator t(kioskCatalog(), language);
            dps::kiosk::ui::Theme theme;
            dps::kiosk::ui::UiMap map({});
            dps::kiosk::ui::Images images(nullptr);
            const std::string site;
            const std::filesystem::path pictures;
            const TerminalFacts facts;
            const dps::kiosk::ui::ViewContext ctx{flow, flow.run(), kioskCatalog(), t,        theme, map,
                                                  site, images,     nullptr,        pictures, facts};
            for (const auto& view : views) {
                if (view->screen() != screen) continue;
                const std::string spoken = view->spokenText(ctx);
                EXPECT_GT(spoken.size(), 10U) << screenName(screen) << " in " << language << " says nothing";
                EXPECT_EQ(spoken.find("{}"), std::string::npos) << screenName(screen) << ": " << spoken;
            }
        }
    }
}

TEST(ReadAloud, AScreensPartsAreReadAsSentences) {
    using dps::kiosk::ui::sentences;
    EXPECT_EQ(sentences({"Que voulez-vous faire\u202f?", "Apprendre", "", "Terminé", "Prenez votre temps."}),
              "Que voulez-vous faire\u202f? Apprendre. Terminé. Prenez votre temps.");
    EXPECT_EQ(sentences({"Ensuite\u202f:", "La souris…", "Klaar!  "}), "Ensuite\u202f: La souris… Klaar!");
}

TEST(ReadingWatch, AReadingNeverHeardFailsAndOneHeardGoesOn) {
    const dps::SteadyTime t0{hours(5)};
    ReadingWatch w;
    EXPECT_FALSE(w.active());
    EXPECT_FALSE(w.deadline());
    w.started(t0);
    EXPECT_FALSE(w.failed(t0 + seconds(4)));
    EXPECT_TRUE(w.failed(t0 + ReadingWatch::kFirstWord)) << "not a word within five seconds: the output is silent";
    w.started(t0);
    w.heard(t0 + seconds(3));
    w.heard(t0 + seconds(10));
    EXPECT_FALSE(w.failed(t0 + seconds(17))) << "words keep coming: a long reading is fine";
    EXPECT_TRUE(w.failed(t0 + seconds(18))) << "then silence without the end";
    w.stopped();
    EXPECT_FALSE(w.failed(t0 + hours(1)));
    w.heard(t0 + hours(1));
    EXPECT_FALSE(w.active()) << "a late word of a stopped reading starts nothing";
}
