// What a visitor met on the way through the kiosk (issue 18), each checked in the kiosk's own app
// with a pointer moved frame by frame (KioskInProcess): a tap on a Next that cannot be used yet,
// the scroll position of a new step, a tap where the band and a page meet, a lifted finger, the
// spot-the-scam lines and their notes, and words that meant two things.
#include "KioskInProcess.h"

#include "kiosk/ui/Theme.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

using dps::kiosk::ChoiceExercise;
using dps::kiosk::Exercise;
using dps::kiosk::Feature;
using dps::kiosk::Key;
using dps::kiosk::KioskFlow;
using dps::kiosk::SpecialKeysExercise;
using dps::kiosk::SpotScamExercise;
using dps::kiosk::Tutorial;
namespace intent = dps::kiosk::intent;
namespace ui = dps::kiosk::ui;
using dps::test::KioskInProcess;
using dps::test::Rect;
using dps::test::UiMapFile;

namespace {

dps::test::InProcessConfig config(int width = 1366, int height = 768) {
    dps::test::InProcessConfig k;
    k.width = width;
    k.height = height;
    k.sourceDir = DPS_SOURCE_DIR;
    k.dataDir = DPS_BUILD_DATA_DIR;
    k.settings.features = {Feature::Learn, Feature::EidCheck, Feature::Finish};
    return k;
}

// A visitor in `language` at `textSize` %, on step `step` (from 1) of a tutorial.
void openAt(KioskInProcess& k, const std::string& language, int textSize, const std::string& tutorial,
            std::size_t step) {
    k.restart([&](KioskFlow& flow, dps::ManualClock&) {
        flow.apply(intent::ChooseLanguage{language});
        flow.apply(intent::StartVisit{});
        for (int size = 100; size < textSize; size += 50)
            flow.apply(intent::CycleTextSize{});
        flow.apply(intent::OpenCatalogue{});
        flow.apply(intent::OpenTutorial{tutorial});
        flow.run()->skipTo(step - 1);
    });
}

const Tutorial& shipped(const KioskInProcess& k, const std::string& id) {
    for (const auto& t : k.tutorials())
        if (t.id == id) return t;
    throw std::runtime_error("no tutorial " + id);
}

std::size_t stepWith(const Tutorial& t, const std::function<bool(const Exercise&)>& match) {
    for (std::size_t s = 0; s < t.steps.size(); ++s)
        if (t.steps[s].exercise && match(*t.steps[s].exercise)) return s + 1;
    throw std::runtime_error(t.id + " has no such step");
}

std::set<std::string> lowercaseWords(const std::string& text) {
    std::set<std::string> out;
    std::string word;
    for (const char c : text + " ") {
        if (std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            if (word.size() >= 3) out.insert(word);
            word.clear();
        }
    }
    return out;
}

bool scrolledAnywhere(const UiMapFile& m) {
    return std::any_of(m.windows.begin(), m.windows.end(), [](const auto& w) { return w.scroll != 0; });
}

} // namespace

// §1: a tap on Next before the practice is done says what is missing and shows it.
TEST(VisitorWay, ATapOnNextBeforeThePracticeIsDoneSaysWhatIsMissing) {
    KioskInProcess k(config());
    for (const char* language : {"fr", "nl", "en"}) {
        for (const char* tutorial : {"phishing", "municipal-form"}) {
            const Tutorial& t = shipped(k, tutorial);
            const std::size_t step = stepWith(t, [](const Exercise& e) {
                const auto* c = std::get_if<ChoiceExercise>(&e);
                return c && c->multiple;
            });
            openAt(k, language, 100, tutorial, step);
            UiMapFile m = k.settle();
            ASSERT_EQ(m.value("next"), "disabled") << tutorial << " step " << step;
            EXPECT_EQ(m.value("missing"), "") << "nothing is said before the visitor asks";
            m = k.tap("player.next");
            EXPECT_EQ(m.value("step"), std::to_string(step)) << "Next did not turn the page";
            const std::string missing = m.value("missing");
            EXPECT_NE(missing, "") << language << " " << tutorial << " step " << step
                                   << ": a tap on Next that cannot be used yet says nothing";
            if (!missing.empty() && m.has(missing)) {
                EXPECT_TRUE(m.fullyVisible(missing)) << missing << " is not brought into view";
            }
            // The sentence that says it is on screen, whole.
            const std::string said = m.label("player.missing");
            EXPECT_NE(said, "") << language << " " << tutorial;
            if (!said.empty()) {
                EXPECT_TRUE(m.fullyVisible("player.missing"));
            }
        }
    }
}

// §3: a new step, and a new tutorial, start at the top of the page.
TEST(VisitorWay, EveryStepAndEveryTutorialStartsAtTheTop) {
    KioskInProcess k(config());
    openAt(k, "fr", 200, "phishing", 3);
    UiMapFile m = k.settle();
    // The visitor scrolls down to the message's lines, as the step asks.
    for (int i = 0; i < 6 && !scrolledAnywhere(m); ++i)
        m = k.wheel(static_cast<float>(k.width()) / 2, 400, -1);
    ASSERT_TRUE(scrolledAnywhere(m)) << "the page did not scroll at 200 %";
    k.flow().run()->skipTo(3); // the practice is not the point here: the next step is
    m = k.settle();
    EXPECT_EQ(m.value("step"), "4");
    EXPECT_FALSE(scrolledAnywhere(m)) << "step 4 arrived scrolled as step 3 was left";
    for (int i = 0; i < 6 && !scrolledAnywhere(m); ++i)
        m = k.wheel(static_cast<float>(k.width()) / 2, 400, -1);
    k.flow().apply(intent::LeaveTutorial{});
    k.flow().apply(intent::ConfirmLeave{});
    k.flow().apply(intent::OpenTutorial{"safe-banking"});
    m = k.settle();
    EXPECT_EQ(m.screen, "player");
    EXPECT_FALSE(scrolledAnywhere(m)) << "the next tutorial arrived scrolled";
}

// §3: whatever its practice (a text to type takes the keyboard focus), every step of every
// tutorial opens at the top of its page, with large text too.
TEST(VisitorWay, EveryStepOfEveryTutorialOpensAtTheTop) {
    KioskInProcess k(config());
    for (const int size : {150, 200}) {
        for (const Tutorial& t : k.tutorials()) {
            for (std::size_t s = 1; s <= t.steps.size(); ++s) {
                openAt(k, "fr", size, t.id, s);
                UiMapFile m = k.settle();
                EXPECT_FALSE(scrolledAnywhere(m)) << t.id << " step " << s << " at " << size << " % opens scrolled";
            }
        }
    }
}

// §5: where the band is, a tap reaches the band; what a page shows under it is a page's. A lesson
// card scrolled half under the band: a tap on the band above it opens nothing, a tap on its
// visible top opens it (and neither switches contrast or anything else of the band).
TEST(VisitorWay, ACardHalfUnderTheBandIsOpenedByItsVisibleTopOnly) {
    KioskInProcess k(config());
    k.restart([](KioskFlow& flow, dps::ManualClock&) {
        flow.apply(intent::ChooseLanguage{"fr"});
        flow.apply(intent::StartVisit{});
        flow.apply(intent::CycleTextSize{});
        flow.apply(intent::CycleTextSize{});
        flow.apply(intent::OpenCatalogue{});
        flow.apply(intent::ChooseTheme{"online-safety"});
    });
    UiMapFile m = k.settle();
    const float band = k.bandHeight();
    // Scrolled until a card straddles the band's lower edge.
    std::string card;
    for (int i = 0; i < 60 && card.empty(); ++i) {
        for (const auto& [id, r] : m.buttons) {
            if (id.rfind("catalogue.tutorial.", 0) == 0 && r.y0 < band - 10 && r.y1 > band + 40) card = id;
        }
        if (card.empty()) m = k.wheel(10, static_cast<float>(k.height()) - 150, -0.25F);
    }
    ASSERT_FALSE(card.empty()) << "no card came under the band";
    const Rect seen = m.visiblePart(card);
    EXPECT_GE(seen.y0, static_cast<int>(band) - 1) << "the card is drawn over the band";
    const auto x = static_cast<float>(seen.cx());
    const bool contrastBefore = k.flow().highContrast();
    const int sizeBefore = k.flow().textSizePercent();
    m = k.tapAt(x, band - 6);
    EXPECT_EQ(m.screen, "catalogue") << "a tap on the band opened the card under it";
    m = k.tapAt(x, static_cast<float>(seen.y0 + 6));
    EXPECT_EQ(m.screen, "player") << "the tap on the card's visible top did not open it";
    EXPECT_EQ(k.flow().highContrast(), contrastBefore);
    EXPECT_EQ(k.flow().textSizePercent(), sizeBefore);
}

// §9: after a tap, the button under the finger does not look chosen on the next screen, and a
// finger lifted from a touch screen leaves nothing hovered.
TEST(VisitorWay, NothingLooksChosenUnderALiftedFinger) {
    KioskInProcess k(config());
    k.restart([](KioskFlow& flow, dps::ManualClock&) {
        flow.apply(intent::ChooseLanguage{"fr"});
        flow.apply(intent::StartVisit{});
    });
    UiMapFile m = k.tap("home.learn");
    ASSERT_EQ(m.screen, "catalogue");
    EXPECT_EQ(m.value("hovered"), "") << "on the new screen, under the pointer that has not moved";
    // A touch on a theme tab, then the finger leaves the screen (SDL keeps its last position).
    m = k.tap("catalogue.theme.online-safety");
    SDL_Event up{};
    up.type = SDL_MOUSEBUTTONUP;
    up.button.which = SDL_TOUCH_MOUSEID;
    up.button.button = SDL_BUTTON_LEFT;
    SDL_PushEvent(&up);
    m = k.settle();
    EXPECT_EQ(m.value("hovered"), "") << "the tab under the lifted finger still looks touched";
}

// §10: a suspicious line found is not shown in the red of a wrong answer, and every tap, on a
// harmless line too, gets a short note right under the line tapped.
TEST(VisitorWay, SpotTheScamMarksFindsAsRightAndAnswersEveryTapWhereItWasMade) {
    KioskInProcess k(config());
    for (const char* language : {"fr", "nl"}) {
        const Tutorial& t = shipped(k, "phishing");
        const std::size_t step =
            stepWith(t, [](const Exercise& e) { return std::holds_alternative<SpotScamExercise>(e); });
        const auto& scam = std::get<SpotScamExercise>(*t.steps[step - 1].exercise);
        openAt(k, language, 100, "phishing", step);
        for (std::size_t i = 0; i < scam.parts.size(); ++i) {
            const std::string part = "exercise.part." + std::to_string(i);
            UiMapFile m = k.tap(part);
            ASSERT_TRUE(m.has("exercise.feedback")) << language << ": no note after a tap on line " << i + 1;
            EXPECT_TRUE(m.fullyVisible("exercise.feedback")) << language << " line " << i + 1;
            const Rect note = m.buttons.at("exercise.feedback"), row = m.buttons.at(part);
            EXPECT_GE(note.y0, row.y1 - 1) << "the note is not under line " << i + 1;
            const std::string next = "exercise.part." + std::to_string(i + 1);
            if (m.has(next)) {
                EXPECT_LE(note.y1, m.buttons.at(next).y0 + 1) << "the note is not next to line " << i + 1;
            }
            if (scam.parts[i].suspicious) {
                const auto colours = dps::test::shapeColoursIn(row);
                EXPECT_THAT(colours, testing::Not(testing::Contains(ui::colour::Accent)))
                    << language << ": a suspicious line found is drawn in the red of a wrong answer";
            }
        }
    }
}

// §7: the button that steps back is not named like the key that erases, and ending a lesson is
// not said like ending the visit.
TEST(VisitorWay, NoButtonIsNamedLikeSomethingElse) {
    KioskInProcess k(config());
    for (const char* language : {"fr", "nl", "en"}) {
        const Tutorial& t = shipped(k, "keyboard-basics");
        const std::size_t step = stepWith(t, [](const Exercise& e) {
            const auto* s = std::get_if<SpecialKeysExercise>(&e);
            return s && std::find(s->keys.begin(), s->keys.end(), Key::Backspace) != s->keys.end();
        });
        openAt(k, language, 100, "keyboard-basics", step);
        UiMapFile m = k.settle();
        // Up to the Backspace key in the step's list of keys.
        const auto& keys = std::get<SpecialKeysExercise>(*t.steps[step - 1].exercise).keys;
        for (Key key : keys) {
            if (key == Key::Backspace) break;
            k.key(key == Key::Enter ? SDL_SCANCODE_RETURN : key == Key::Space ? SDL_SCANCODE_SPACE : SDL_SCANCODE_TAB);
        }
        m = k.settle();
        ASSERT_TRUE(m.has("exercise.key") && m.has("player.back")) << language;
        std::set<std::string> shared;
        for (const auto& w : lowercaseWords(m.label("player.back")))
            if (lowercaseWords(m.label("exercise.key")).count(w)) shared.insert(w);
        EXPECT_TRUE(shared.empty()) << language << ": the button \"" << m.label("player.back") << "\" and the key \""
                                    << m.label("exercise.key") << "\" share a word";

        openAt(k, language, 100, "mouse-basics", shipped(k, "mouse-basics").steps.size());
        const std::string lessonEnd = k.settle().label("player.next");
        k.restart([&](KioskFlow& flow, dps::ManualClock&) {
            flow.apply(intent::ChooseLanguage{language});
            flow.apply(intent::StartVisit{});
        });
        const std::string visitEnd = k.settle().label("home.finish");
        EXPECT_NE(lessonEnd, "") << language;
        EXPECT_NE(lessonEnd, visitEnd) << language << ": the last step's button and Home's tile both say \"" << visitEnd
                                       << "\"";
    }
}
