// Free use's screens with the keyboard alone and with read-aloud (issue 20, stop-note5 item 5), in
// the kiosk's own app (KioskInProcess) with a free-use browser of the tests (FakeBrowserSession):
// the intro, the erased screen (with and without "You can take your USB stick now"), and the
// session bar running, in its last 30 seconds, asking "Are you still there?" and asking before
// Finish. On each, in FR, NL and EN: Tab reaches every control in reading order (the page's top to
// bottom and left to right, then the band's left to right; the bar's left to right) and comes
// round; Shift+Tab goes back; Enter and Space press the focused control; the screen's read-aloud
// says each of its own controls' words, in the visit's language.
#include "FakeBrowserSession.h"
#include "KioskInProcess.h"

#include "kiosk/app/ScreenshotWalk.h"
#include "kiosk/core/Speech.h"

#include <gtest/gtest.h>

#include <SDL.h>
#include <algorithm>
#include <vector>

using dps::kiosk::Feature;
using dps::kiosk::KioskFlow;
using dps::kiosk::RunOptions;
using dps::kiosk::Screen;
using dps::kiosk::screenName;
using dps::kiosk::Speech;
using dps::kiosk::SpeechStatus;
using dps::kiosk::walkTo;
using dps::kiosk::WipeReport;
using dps::test::KioskInProcess;
using dps::test::UiMapFile;

namespace {

// A voice that notes what it was asked to say, in which language.
class NotedSpeech final : public Speech {
public:
    [[nodiscard]] bool available() const override { return true; }
    void say(const std::string& text, const std::string& language) override { said.emplace_back(text, language); }
    void stop() override {}
    [[nodiscard]] bool speaking() const override { return false; }
    [[nodiscard]] SpeechStatus status() const override { return SpeechStatus::Works; }
    void setRate(int) override {}
    std::vector<std::pair<std::string, std::string>> said;
};

// The controls that are the same on every screen (the band's and the bar's language, contrast,
// text size, read-aloud) and the facilitator's hold, which only a pointer can use.
bool everyScreens(const std::string& id) {
    return id.rfind("chrome.", 0) == 0 || id.rfind("bar.language.", 0) == 0 || id == "bar.read-aloud" ||
           id == "bar.facilitator";
}

// Reading order: the page's controls by rows (one row: tops within half a control's height) from
// left to right, then the band's from left to right. The facilitator's hold is no stop.
std::vector<std::string> readingOrder(const UiMapFile& m) {
    std::vector<std::pair<std::string, dps::test::Rect>> page, band;
    for (const auto& [id, r] : m.buttons) {
        if (id == "chrome.facilitator" || id == "bar.facilitator") continue;
        (id.rfind("chrome.", 0) == 0 ? band : page).emplace_back(id, r);
    }
    const auto byRows = [](const auto& a, const auto& b) {
        const int tolerance = std::min(a.second.height(), b.second.height()) / 2;
        if (std::abs(a.second.y0 - b.second.y0) > tolerance) return a.second.y0 < b.second.y0;
        return a.second.x0 < b.second.x0;
    };
    std::sort(page.begin(), page.end(), byRows);
    std::sort(band.begin(), band.end(), byRows);
    std::vector<std::string> order;
    for (const auto& [id, r] : page)
        order.push_back(id);
    for (const auto& [id, r] : band)
        order.push_back(id);
    return order;
}

std::string focusOf(const UiMapFile& m) { return m.value("focus"); }

UiMapFile tab(KioskInProcess& k, bool back = false) {
    if (back) SDL_SetModState(KMOD_LSHIFT);
    k.key(SDL_SCANCODE_TAB);
    SDL_SetModState(KMOD_NONE);
    return k.settle();
}

// Tab until `id` has the focus (at most once round the screen).
UiMapFile focus(KioskInProcess& k, const std::string& id) {
    UiMapFile m = k.map();
    for (std::size_t i = 0; i <= m.buttons.size() && focusOf(m) != id; ++i)
        m = tab(k);
    if (focusOf(m) != id) throw dps::test::WalkError("Tab never reached " + id);
    return m;
}

UiMapFile press(KioskInProcess& k, SDL_Scancode key) {
    k.key(key);
    return k.settle();
}

// The words of a control, without its icon ("\uf059  Aide" → "Aide").
std::string labelWords(const std::string& label) {
    const auto gap = label.find("  ");
    return gap == std::string::npos ? label : label.substr(gap + 2);
}

struct Place {
    std::string name;
    Screen screen;
    int step = 1; // as --screenshot's: the bar's 1 running, 4 last seconds, 5 still there, 6 Finish asked
    bool usb = false;
};

// "Are you still there?" in the bar: any key answers it (as any input), so it is walked by itself.
const std::vector<Place>& stillThere() {
    static const std::vector<Place> one{{"bar, are you still there", Screen::FreeUseBar, 5}};
    return one;
}

const std::vector<Place>& places() {
    static const std::vector<Place> all{
        {"intro", Screen::FreeUseIntro},
        {"erased", Screen::FreeUseErased},
        {"erased with a USB stick", Screen::FreeUseErased, 1, true},
        {"bar running", Screen::FreeUseBar, 1},
        {"bar, last 30 seconds", Screen::FreeUseBar, 4},
        {"bar, finish asked", Screen::FreeUseBar, 6},
    };
    return all;
}

class FreeUseKeys : public testing::Test {
protected:
    FreeUseKeys() : k(config()) {}
    dps::test::InProcessConfig config() {
        dps::test::InProcessConfig c;
        c.sourceDir = DPS_SOURCE_DIR;
        c.dataDir = DPS_BUILD_DATA_DIR;
        c.settings.features = {Feature::Learn, Feature::Finish}; // free use's tile comes with the browser
        c.browser = &browser;
        c.speech = &speech;
        return c;
    }
    // A visitor in `language` on that place, as --screenshot walks there.
    UiMapFile open(const Place& p, const std::string& language) {
        browser.reset(WipeReport{true, {"processes", "home"}, 0, p.usb, false});
        k.restart([&](KioskFlow& flow, dps::ManualClock& clock) {
            RunOptions options;
            options.language = language;
            options.step = p.step;
            ASSERT_EQ(walkTo(flow, clock, p.screen, options), 0) << p.name;
            flow.update(); // the wipe's report, where there is one
        });
        UiMapFile m = k.settle();
        EXPECT_EQ(m.screen, screenName(p.screen)) << p.name;
        if (p.usb) {
            EXPECT_EQ(m.value("usb"), "take") << p.name;
        }
        return m;
    }

    dps::test::FakeBrowserSession browser;
    NotedSpeech speech;
    KioskInProcess k;
};

} // namespace

TEST_F(FreeUseKeys, TabReachesEveryControlInReadingOrderAndComesRound) {
    for (const char* language : {"fr", "nl", "en"}) {
        for (const Place& p : places()) {
            const std::string where = std::string(language) + ", " + p.name;
            UiMapFile m = open(p, language);
            const std::vector<std::string> expected = readingOrder(m);
            ASSERT_FALSE(expected.empty()) << where;
            // Once keys were used, a new screen shows the focus on its first control (ImGui's own
            // start); before, none, and the first Tab shows it there.
            std::vector<std::string> reached;
            if (const std::string shown = focusOf(m); !shown.empty()) reached.push_back(shown);
            while (reached.size() < expected.size())
                reached.push_back(focusOf(tab(k)));
            EXPECT_EQ(reached, expected) << where;
            EXPECT_EQ(focusOf(tab(k)), expected.front()) << where << ": Tab after the last control";
            EXPECT_EQ(focusOf(tab(k, true)), expected.back()) << where << ": Shift+Tab from the first control";
            if (expected.size() > 1) {
                EXPECT_EQ(focusOf(tab(k, true)), expected[expected.size() - 2]) << where << ": Shift+Tab";
            }
        }
    }
}

TEST_F(FreeUseKeys, EnterAndSpacePressTheFocusedControl) {
    for (const char* language : {"fr", "nl", "en"}) {
        const auto at = [&](const char* place, const std::string& id, SDL_Scancode key) {
            for (const Place& p : places()) {
                if (p.name == place) open(p, language);
            }
            focus(k, id);
            return press(k, key);
        };
        const std::string l = language;
        EXPECT_EQ(at("intro", "free-use.start", SDL_SCANCODE_RETURN).screen, "free-use-bar") << l;
        EXPECT_EQ(at("intro", "free-use.back", SDL_SCANCODE_SPACE).screen, "home") << l;
        EXPECT_EQ(at("erased", "free-use.back", SDL_SCANCODE_RETURN).screen, "welcome") << l;
        EXPECT_EQ(at("erased with a USB stick", "free-use.back", SDL_SCANCODE_SPACE).screen, "welcome") << l;
        EXPECT_EQ(at("bar running", "bar.help", SDL_SCANCODE_RETURN).value("free-use"), "help-called") << l;
        EXPECT_EQ(at("bar running", "bar.finish", SDL_SCANCODE_SPACE).value("free-use"), "confirm-finish") << l;
        const std::string other = l == "nl" ? "fr" : "nl";
        at("bar running", "bar.language." + other, SDL_SCANCODE_RETURN);
        EXPECT_EQ(k.flow().language(), other) << l;
        EXPECT_EQ(at("bar, last 30 seconds", "bar.help", SDL_SCANCODE_SPACE).value("free-use"), "last-seconds")
            << l << ": Help in the last seconds";
        EXPECT_TRUE(k.flow().freeUse().helpRequested()) << l;
        // "Are you still there?": any key answers it, the first Tab too, as any touch does.
        for (const Place& p : stillThere()) {
            open(p, language);
            EXPECT_EQ(tab(k).value("free-use"), "none") << l << ": a key did not answer \"Are you still there?\"";
        }
        EXPECT_EQ(at("bar, finish asked", "bar.finish-no", SDL_SCANCODE_SPACE).value("free-use"), "none") << l;
        EXPECT_EQ(at("bar, finish asked", "bar.finish-yes", SDL_SCANCODE_RETURN).screen, "free-use-erased") << l;
        EXPECT_EQ(at("intro", "chrome.contrast", SDL_SCANCODE_SPACE).screen, "free-use-intro") << l;
        EXPECT_TRUE(k.flow().highContrast()) << l << ": the band's controls too";
    }
}

TEST_F(FreeUseKeys, ReadAloudSaysEveryControlOfTheScreenInTheVisitsLanguage) {
    std::vector<Place> all = places();
    all.push_back(stillThere().front());
    for (const char* language : {"fr", "nl", "en"}) {
        for (const Place& p : all) {
            const std::string where = std::string(language) + ", " + p.name;
            UiMapFile m = open(p, language);
            const std::string button = p.screen == Screen::FreeUseBar ? "bar.read-aloud" : "chrome.read-aloud";
            ASSERT_TRUE(m.has(button)) << where << ": no read-aloud";
            speech.said.clear();
            const std::vector<std::string> controls = [&] {
                std::vector<std::string> ids;
                for (const auto& [id, r] : m.buttons)
                    if (!everyScreens(id)) ids.push_back(id);
                return ids;
            }();
            const UiMapFile before = m;
            m = k.tap(button); // a tap: a key would answer "Are you still there?" first
            (void)m;
            ASSERT_EQ(speech.said.size(), 1U) << where;
            const auto& [text, spokenIn] = speech.said.front();
            EXPECT_EQ(spokenIn, language) << where;
            ASSERT_FALSE(controls.empty()) << where;
            for (const auto& id : controls) {
                const std::string said = labelWords(before.label(id));
                EXPECT_NE(text.find(said), std::string::npos)
                    << where << ": " << id << " \"" << said << "\" is not read in \"" << text << "\"";
            }
        }
    }
}
