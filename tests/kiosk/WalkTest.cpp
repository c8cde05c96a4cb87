// Every step of every shipped tutorial, done as a visitor does it (the pointer only, the keyboard
// only where typing is the lesson), and every screen of the screenshot walk, in FR, NL and EN, at
// 100 % and 200 % text, on 1366x768, 1024x768 and 1920x1080. At every stop the frame ImGui drew is
// checked (LayoutAudit.h): no text cut, no button out of reach, nothing under the top band, one
// scroll area a page, a scroll bar wherever a page scrolls, no "{}" left in a sentence. One process
// a language and size (ctest runs them two at a time); a failure names the tutorial, the step, the
// size and the language.
#include "FakeBrowserSession.h"
#include "KioskInProcess.h"

#include "kiosk/app/EidSamples.h"
#include "kiosk/app/RunOptions.h"
#include "kiosk/app/ScreenshotWalk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>

using dps::kiosk::ChoiceExercise;
using dps::kiosk::ClickTargetsExercise;
using dps::kiosk::DoubleClickExercise;
using dps::kiosk::DragDropExercise;
using dps::kiosk::Exercise;
using dps::kiosk::Feature;
using dps::kiosk::FieldKind;
using dps::kiosk::FlowSettings;
using dps::kiosk::FormExercise;
using dps::kiosk::Key;
using dps::kiosk::KioskFlow;
using dps::kiosk::LocalText;
using dps::kiosk::PasswordExercise;
using dps::kiosk::RunOptions;
using dps::kiosk::Screen;
using dps::kiosk::ScrollExercise;
using dps::kiosk::SpecialKeysExercise;
using dps::kiosk::SpotScamExercise;
using dps::kiosk::Tutorial;
using dps::kiosk::TypeTextExercise;
using dps::kiosk::WipeReport;
namespace intent = dps::kiosk::intent;
using dps::kiosk::screenName;
using dps::kiosk::settingsToReach;
using dps::kiosk::showEidSample;
using dps::test::KioskInProcess;
using dps::test::UiMapFile;
using dps::test::WalkError;

namespace {

struct Config {
    std::string language;
    int textSize;
    int width, height;
};

std::string where(const Config& c);

// gtest prints a parameter with this (its bytes otherwise).
[[maybe_unused]] void PrintTo(const Config& c, std::ostream* out) { *out << where(c); }

std::string name(const Config& c) {
    return c.language + "_" + std::to_string(c.textSize) + "_" + std::to_string(c.width) + "x" +
           std::to_string(c.height);
}

std::string where(const Config& c) {
    return c.language + " " + std::to_string(c.textSize) + " % " + std::to_string(c.width) + "x" +
           std::to_string(c.height);
}

std::vector<Config> allConfigs() {
    std::vector<Config> all;
    for (const char* language : {"fr", "nl", "en"})
        for (const int size : {100, 200})
            for (const auto& [w, h] : {std::pair{1366, 768}, std::pair{1024, 768}, std::pair{1920, 1080}})
                all.push_back({language, size, w, h});
    return all;
}

// Free use's browser, for its screens (each walk to one starts it afresh).
dps::test::FakeBrowserSession& browser() {
    static dps::test::FakeBrowserSession b;
    return b;
}

dps::test::InProcessConfig inProcess(const Config& c) {
    dps::test::InProcessConfig k;
    k.browser = &browser();
    k.width = c.width;
    k.height = c.height;
    k.sourceDir = DPS_SOURCE_DIR;
    k.dataDir = DPS_BUILD_DATA_DIR;
    k.settings.features = {Feature::Learn, Feature::EidCheck, Feature::Finish};
    return k;
}

// Problems are reported once each, with the first place they were seen and how often.
class Findings {
public:
    explicit Findings(Config c) : config_(std::move(c)) {}
    void check(KioskInProcess& k, const std::string& place) {
        for (const auto& p : k.layoutProblems())
            add(place, p);
        for (const auto& s : dps::test::unfilledPlaceholders(k.drawnText()))
            add(place, "a placeholder left on screen: \"" + s + "\"");
    }
    void add(const std::string& place, const std::string& problem) {
        auto& f = found_[problem];
        if (f.count++ == 0) f.first = place;
    }
    void report() const {
        for (const auto& [problem, f] : found_)
            ADD_FAILURE() << "[" << where(config_) << "] " << f.first << ": " << problem
                          << (f.count > 1 ? " (and " + std::to_string(f.count - 1) + " more times)" : "");
    }

private:
    struct Found {
        std::string first;
        int count = 0;
    };
    Config config_;
    std::map<std::string, Found> found_;
};

std::string text(const LocalText& t, const std::string& language) { return *t.in(language, "fr").text; }

// Invented details a person would type in the practice form (the tutorial asks for invented ones).
std::string formValue(FieldKind kind) {
    switch (kind) {
    case FieldKind::Name: return "Lucie Martens";
    case FieldKind::Date: return "14/03/1962";
    case FieldKind::Postcode: return "1030";
    case FieldKind::Email: return "lucie.martens@example.com";
    case FieldKind::Phone: return "0470123456";
    case FieldKind::Number: return "8";
    case FieldKind::Text: return "Rue des Hirondelles 8";
    }
    return "x";
}

SDL_Scancode scancode(Key key) {
    switch (key) {
    case Key::Enter: return SDL_SCANCODE_RETURN;
    case Key::Backspace: return SDL_SCANCODE_BACKSPACE;
    case Key::Shift: return SDL_SCANCODE_LSHIFT;
    case Key::Tab: return SDL_SCANCODE_TAB;
    case Key::Space: return SDL_SCANCODE_SPACE;
    case Key::Left: return SDL_SCANCODE_LEFT;
    case Key::Right: return SDL_SCANCODE_RIGHT;
    case Key::Up: return SDL_SCANCODE_UP;
    case Key::Down: return SDL_SCANCODE_DOWN;
    case Key::Escape: return SDL_SCANCODE_ESCAPE;
    }
    return SDL_SCANCODE_UNKNOWN;
}

// One exercise, done as its instruction asks, with the pointer (typing where typing is the lesson).
void doExercise(KioskInProcess& k, const Exercise& exercise, const std::string& language, Findings& findings,
                const std::string& place) {
    if (const auto* e = std::get_if<ClickTargetsExercise>(&exercise)) {
        for (int i = 0; i < e->count; ++i)
            k.tap("exercise.target");
    } else if (const auto* d = std::get_if<DoubleClickExercise>(&exercise)) {
        for (int i = 0; i < d->count; ++i)
            k.doubleTap("exercise.folder");
    } else if (const auto* dd = std::get_if<DragDropExercise>(&exercise)) {
        for (int i = 0; i < dd->count; ++i) {
            const std::string item = "exercise.item." + std::to_string(i);
            k.bringIntoView("exercise.box");
            k.drag(item, "exercise.box");
            if (k.map().has(item)) throw WalkError(item + " was not dropped on the box");
        }
    } else if (std::holds_alternative<ScrollExercise>(exercise)) {
        k.tap("exercise.find");
    } else if (const auto* t = std::get_if<TypeTextExercise>(&exercise)) {
        k.tap("exercise.input");
        k.type(text(t->expected, language));
        k.tap("exercise.check");
    } else if (const auto* s = std::get_if<SpecialKeysExercise>(&exercise)) {
        for (Key key : s->keys)
            k.key(scancode(key));
    } else if (const auto* c = std::get_if<ChoiceExercise>(&exercise)) {
        for (std::size_t i = 0; i < c->answers.size(); ++i) {
            if (!c->answers[i].correct) continue;
            k.tap("exercise.answer." + std::to_string(i));
            findings.check(k, place + ", after answer " + std::to_string(i + 1));
            if (!c->multiple) break;
        }
        if (k.map().has("exercise.check")) k.tap("exercise.check");
    } else if (const auto* sc = std::get_if<SpotScamExercise>(&exercise)) {
        for (std::size_t i = 0; i < sc->parts.size(); ++i) {
            if (!sc->parts[i].suspicious) continue;
            k.tap("exercise.part." + std::to_string(i));
            findings.check(k, place + ", after line " + std::to_string(i + 1));
        }
    } else if (const auto* f = std::get_if<FormExercise>(&exercise)) {
        for (std::size_t i = 0; i < f->fields.size(); ++i) {
            k.tap("exercise.field." + std::to_string(i));
            k.type(formValue(f->fields[i].kind));
        }
        k.tap("exercise.submit");
    } else if (std::holds_alternative<PasswordExercise>(exercise)) {
        k.tap("exercise.input");
        k.type("Trois-Chats-Bleus-2024!");
        k.tap("exercise.check");
    }
}

// With DPS_WALK_PICTURES=DIR, what the kiosk showed when a walk got stuck, for a person to see.
void picture(KioskInProcess& k, const Config& c, const std::string& place) {
    const char* dir = std::getenv("DPS_WALK_PICTURES");
    if (!dir) return;
    std::string file = name(c) + "-" + place + ".png";
    std::replace(file.begin(), file.end(), ' ', '-');
    std::replace(file.begin(), file.end(), ',', '-');
    k.savePng(std::filesystem::path(dir) / file);
}

void chooseLanguageAndSize(KioskInProcess& k, const Config& c) {
    k.tap("welcome.language." + c.language);
    for (int taps = 0; k.flow().textSizePercent() != c.textSize; ++taps) {
        if (taps > 3) throw WalkError("the text size button never reached " + std::to_string(c.textSize) + " %");
        k.tap("chrome.text-size");
    }
}

class TutorialWalk : public testing::TestWithParam<Config> {};

TEST_P(TutorialWalk, EveryStepOfEveryTutorialIsDoneWithThePointerAndFitsTheScreen) {
    const Config c = GetParam();
    KioskInProcess k(inProcess(c));
    Findings findings(c);
    const auto started = std::chrono::steady_clock::now();
    int steps = 0;
    for (const Tutorial& t : k.tutorials()) {
        std::string place = t.id;
        try {
            if (k.flow().screen() != Screen::Home) {
                k.restart();
                chooseLanguageAndSize(k, c);
                findings.check(k, "welcome");
                k.tap("welcome.start");
                findings.check(k, "home");
            }
            k.tap("home.learn");
            k.tap("catalogue.theme." + t.theme);
            findings.check(k, "catalogue, theme " + t.theme);
            UiMapFile m = k.tap("catalogue.tutorial." + t.id);
            for (std::size_t s = 0; s < t.steps.size(); ++s) {
                place = t.id + " step " + std::to_string(s + 1);
                if (m.screen != "player" || m.value("step") != std::to_string(s + 1))
                    throw WalkError("expected step " + std::to_string(s + 1) + ", the kiosk shows " + m.screen +
                                    " step " + m.value("step"));
                findings.check(k, place);
                if (t.steps[s].exercise) {
                    doExercise(k, *t.steps[s].exercise, c.language, findings, place);
                    findings.check(k, place + ", practice done");
                }
                m = k.map();
                if (m.value("next") != "enabled")
                    throw WalkError("Next is still disabled after the practice was done as asked");
                m = k.tap("player.next");
                ++steps;
            }
            place = t.id + ", its end";
            if (m.screen != "tutorial-end") throw WalkError("the last Next led to " + m.screen);
            findings.check(k, place);
            k.tap("end.home");
        } catch (const WalkError& e) {
            findings.add(place, e.what());
            picture(k, c, place);
            k.restart();
        }
    }
    findings.report();
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("[%s] %d steps of %zu tutorials in %.1f s\n", where(c).c_str(), steps, k.tutorials().size(), took);
}

INSTANTIATE_TEST_SUITE_P(Everywhere, TutorialWalk, testing::ValuesIn(allConfigs()),
                         [](const testing::TestParamInfo<Config>& p) { return name(p.param); });

// The screens of docs/screenshots/make.sh, reached as --screenshot reaches them.
struct Shot {
    std::string label;
    Screen screen;
    std::string tutorial = {};
    int step = 1;
    std::string eidSample = {};
    bool usb = false; // free use's erased screen after a session with a USB stick
};

// Walks to a shot as --screenshot does, free use's browser started afresh for it.
int walkToShot(KioskFlow& flow, dps::ManualClock& clock, const Shot& shot, const RunOptions& options) {
    browser().reset(WipeReport{true, {"processes", "home"}, 0, shot.usb, false});
    const int rc = walkTo(flow, clock, shot.screen, options);
    flow.update(); // the wipe's report, on the erased screen
    return rc;
}

std::vector<Shot> shots(const std::vector<Tutorial>& tutorials) {
    std::vector<Shot> all{{"welcome", Screen::Welcome}, {"home", Screen::Home}};
    std::set<std::string> themes;
    for (const auto& t : tutorials) {
        if (themes.insert(t.theme).second) all.push_back({"catalogue " + t.theme, Screen::Catalogue, t.id});
    }
    all.push_back({"tutorial-end", Screen::TutorialEnd, "mouse-basics"});
    for (const char* sample :
         {"card_missing", "card_valid", "card_mute", "card_expired", "card_expiring_soon", "pin_blocked",
          "service_unavailable", "reader_missing", "signing_certificate_absent_normal", "certificate_expired",
          // free use's "why this card cannot log in to a website" (no certificate, too old; PIN blocked above)
          "auth_certificate_absent_child", "pin_tries_unknown", "pin-explain", "pin-entry", "pin-test:pin_right",
          "pin-test:pin_wrong"})
        all.push_back({std::string("eid-check ") + sample, Screen::EidCheck, "", 1, sample});
    all.push_back({"end-questions", Screen::EndQuestions});
    all.push_back({"end-questions helped", Screen::EndQuestions, "", 2});
    for (const Screen s : {Screen::Finish, Screen::StillThere, Screen::ClosingSoon, Screen::Closed,
                           Screen::FacilitatorUnlock, Screen::Facilitator, Screen::GuidedSetup, Screen::SessionSummary,
                           Screen::TerminalStatus, Screen::FacilitatorSettings})
        all.push_back({std::string(screenName(s)), s});
    // Free use's own pages (its bar is a strip above the browser: FreeUseScreenshotTest).
    all.push_back({"free-use-intro", Screen::FreeUseIntro});
    all.push_back({"free-use-erased", Screen::FreeUseErased});
    all.push_back({"free-use-erased usb", Screen::FreeUseErased, "", 1, "", true});
    return all;
}

class ScreenWalk : public testing::TestWithParam<Config> {};

TEST_P(ScreenWalk, EveryScreenFitsAndSaysEverythingInFull) {
    const Config c = GetParam();
    KioskInProcess k(inProcess(c));
    Findings findings(c);
    for (const Shot& shot : shots(k.tutorials())) {
        RunOptions options;
        options.language = c.language;
        options.tutorial = shot.tutorial;
        options.step = shot.step;
        k.restart(
            [&](KioskFlow& flow, dps::ManualClock& clock) {
                ASSERT_EQ(walkToShot(flow, clock, shot, options), 0) << shot.label;
                if (shot.screen == Screen::EidCheck) {
                    flow.apply(intent::OpenEidCheck{});
                    const auto today = std::chrono::year_month_day{
                        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
                    ASSERT_TRUE(showEidSample(flow, shot.eidSample, today)) << shot.eidSample;
                }
                for (int size = 100; size < c.textSize; size += 50)
                    flow.apply(intent::CycleTextSize{});
                // Choosing the text size is a sign of life: the question comes back after the idle time.
                if (shot.screen == Screen::StillThere && flow.screen() != Screen::StillThere) {
                    clock.advance(flow.settings().idleTimeout + std::chrono::seconds(3));
                    flow.update();
                }
            },
            [&](FlowSettings& s) { s = settingsToReach(s, shot.screen, k.clock().local()); });
        const UiMapFile m = k.settle();
        EXPECT_EQ(m.screen, screenName(shot.screen)) << shot.label;
        findings.check(k, shot.label);
    }
    findings.report();
}

INSTANTIATE_TEST_SUITE_P(Everywhere, ScreenWalk, testing::ValuesIn(allConfigs()),
                         [](const testing::TestParamInfo<Config>& p) { return name(p.param); });

} // namespace

// §11 of issue 18: no sentence on any screen, in any language, keeps a placeholder meant to be
// filled ("Votre carte a expiré le {}."). Every screen of the screenshot walk and every step of
// every tutorial, scrolled from top to bottom (text below the fold is not drawn until it is shown).
namespace {

// What the frame drew, then the page scrolled down a notch at a time until it stops moving.
void checkWholePage(KioskInProcess& k, std::set<std::string>& found, const std::string& place) {
    for (int i = 0; i < 40; ++i) {
        for (const auto& s : dps::test::unfilledPlaceholders(k.drawnText()))
            found.insert(place + ": \"" + s + "\"");
        const auto scrolled = [](const UiMapFile& m) {
            std::vector<int> at;
            for (const auto& w : m.windows)
                at.push_back(w.scroll);
            return at;
        };
        const auto before = scrolled(k.map());
        if (scrolled(k.wheel(static_cast<float>(k.width()) / 2, static_cast<float>(k.height()) / 2, -2)) == before)
            break;
    }
}

} // namespace

TEST(Placeholders, TheCheckFindsEveryKindOfPlaceholder) {
    for (const char* s : {"Votre carte a expiré le {}.", "Uw kaart is vervallen op {0}.", "Bonjour %s", "%d essais"}) {
        EXPECT_EQ(dps::test::unfilledPlaceholders({{s, "w"}}).size(), 1U) << s;
    }
    EXPECT_TRUE(dps::test::unfilledPlaceholders({{"Votre carte a expiré le 3 mars 2026. 100 %", "w"}}).empty());
}

TEST(Placeholders, NoScreenOrStepInAnyLanguageShowsAnUnfilledPlaceholder) {
    KioskInProcess k(inProcess({"fr", 100, 1366, 768}));
    std::set<std::string> found;
    for (const char* language : {"fr", "nl", "en"}) {
        for (const Shot& shot : shots(k.tutorials())) {
            RunOptions options;
            options.language = language;
            options.tutorial = shot.tutorial;
            options.step = shot.step;
            k.restart(
                [&](KioskFlow& flow, dps::ManualClock& clock) {
                    ASSERT_EQ(walkToShot(flow, clock, shot, options), 0) << shot.label;
                    if (shot.screen == Screen::EidCheck) {
                        flow.apply(intent::OpenEidCheck{});
                        const auto today = std::chrono::year_month_day{
                            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
                        ASSERT_TRUE(showEidSample(flow, shot.eidSample, today)) << shot.eidSample;
                    }
                },
                [&](FlowSettings& s) { s = settingsToReach(s, shot.screen, k.clock().local()); });
            k.settle();
            checkWholePage(k, found, std::string(language) + " " + shot.label);
        }
        for (const Tutorial& t : k.tutorials()) {
            for (std::size_t s = 0; s < t.steps.size(); ++s) {
                k.restart([&](KioskFlow& flow, dps::ManualClock&) {
                    flow.apply(intent::ChooseLanguage{language});
                    flow.apply(intent::StartVisit{});
                    flow.apply(intent::OpenCatalogue{});
                    flow.apply(intent::OpenTutorial{t.id});
                    flow.run()->skipTo(s);
                });
                k.settle();
                checkWholePage(k, found, std::string(language) + " " + t.id + " step " + std::to_string(s + 1));
            }
        }
    }
    for (const auto& f : found)
        ADD_FAILURE() << f;
}
