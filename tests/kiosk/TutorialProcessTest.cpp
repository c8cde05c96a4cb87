// Whole shipped tutorials in the real kiosk: "Using the mouse" with a real pointer only, and
// "Using the keyboard" with the keyboard only (from the Welcome screen on), each step done as its
// exercise asks. The events
// in kiosk.db must tell exactly that story.
#include "KioskHarness.h"
#include "kiosk/adapters/content/TutorialLoader.h"

#include <gtest/gtest.h>
#include <thread>

using namespace std::chrono_literals;
using dps::kiosk::ChoiceExercise;
using dps::kiosk::ClickTargetsExercise;
using dps::kiosk::DoubleClickExercise;
using dps::kiosk::DragDropExercise;
using dps::kiosk::Exercise;
using dps::kiosk::exerciseTypeName;
using dps::kiosk::Key;
using dps::kiosk::loadTutorial;
using dps::kiosk::ScrollExercise;
using dps::kiosk::SpecialKeysExercise;
using dps::kiosk::Tutorial;
using dps::kiosk::TypeTextExercise;
using dps::test::KioskHarness;
using dps::test::UiMapFile;

namespace {

const std::string kTutorials = std::string(DPS_SOURCE_DIR) + "/assets/tutorials";

std::string config() {
    return "[kiosk]\nlanguages = [\"en\", \"fr\", \"nl\"]\n[content]\ntutorials_dir = \"" + kTutorials + "\"\n";
}

Tutorial shipped(const std::string& id) {
    const auto loaded = loadTutorial(kTutorials + "/" + id, {"en"});
    if (!loaded.tutorial) throw std::runtime_error("shipped tutorial " + id + " does not load");
    return *loaded.tutorial;
}

UiMapFile openTutorial(KioskHarness& k, const std::string& id) {
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.learn");
    map = k.waitFor("catalogue");
    k.click(map, "catalogue.tutorial." + id);
    return k.waitFor("player");
}

// Moves the keyboard focus with the arrow keys towards a button, then presses Space on it, as a
// person without a mouse does. Where focus is, the kiosk says in its UI map ("state focus ID").
UiMapFile pressWithKeys(KioskHarness& k, const std::string& screen, const std::string& id) {
    UiMapFile map = k.waitFor(screen);
    for (int moves = 0; moves < 20; ++moves) {
        const std::string focus = map.state.count("focus") ? map.state.at("focus") : "";
        if (focus == id) {
            k.key("space");
            return map;
        }
        const auto& target = map.buttons.at(id);
        std::string key = "Down";
        if (!focus.empty() && map.buttons.count(focus)) {
            const auto& at = map.buttons.at(focus);
            if (target.y1 <= at.y0)
                key = "Up";
            else if (target.y0 >= at.y1)
                key = "Down";
            else
                key = target.cx() < at.cx() ? "Left" : "Right";
        }
        k.key(key);
        std::this_thread::sleep_for(150ms);
        map = k.current();
    }
    ADD_FAILURE() << "the keyboard never reached " << id;
    throw std::runtime_error("focus");
}

UiMapFile waitForStep(KioskHarness& k, std::size_t step) {
    return k.waitUntil(
        [&](const UiMapFile& m) {
            return m.screen == "player" && m.state.count("step") && m.state.at("step") == std::to_string(step);
        },
        "step " + std::to_string(step));
}

UiMapFile waitForNext(KioskHarness& k, const std::string& step) {
    return k.waitUntil([](const UiMapFile& m) { return m.state.count("next") && m.state.at("next") == "enabled"; },
                       "Next enabled on step " + step, 15s);
}

std::size_t firstCorrect(const ChoiceExercise& e) {
    for (std::size_t i = 0; i < e.answers.size(); ++i) {
        if (e.answers[i].correct) return i;
    }
    return 0;
}

void doWithTheMouse(KioskHarness& k, const Exercise& exercise) {
    if (const auto* e = std::get_if<ClickTargetsExercise>(&exercise)) {
        for (int i = 0; i < e->count; ++i) {
            const auto map = k.current();
            const auto before = map.buttons.at("exercise.target");
            k.click(map, "exercise.target");
            if (i + 1 < e->count) {
                k.waitUntil(
                    [&](const UiMapFile& m) {
                        return m.buttons.count("exercise.target") && m.buttons.at("exercise.target").x0 != before.x0;
                    },
                    "the next target");
            }
        }
    } else if (const auto* d = std::get_if<DoubleClickExercise>(&exercise)) {
        for (int i = 0; i < d->count; ++i) {
            k.doubleClick(k.current(), "exercise.folder");
            std::this_thread::sleep_for(400ms); // a third click right after would count as another double
        }
    } else if (const auto* dd = std::get_if<DragDropExercise>(&exercise)) {
        for (int i = 0; i < dd->count; ++i) {
            const std::string item = "exercise.item." + std::to_string(i);
            k.drag(k.current(), item, "exercise.box");
            k.waitUntil([&](const UiMapFile& m) { return !m.buttons.count(item); }, item + " dropped");
        }
    } else if (std::holds_alternative<ScrollExercise>(exercise)) {
        // Until the practice counts as done: scroll while the line to find is out of sight, and
        // click it only where two maps a moment apart agree, as the wheel may still be moving the
        // list (on a loaded machine a click on the first sighting hit the line's old place).
        const auto done = [](const UiMapFile& m) { return m.state.count("next") && m.state.at("next") == "enabled"; };
        for (int tries = 0; tries < 60; ++tries) {
            const auto map = k.current();
            if (done(map) || !map.buttons.count("exercise.find")) break;
            const auto find = map.buttons.at("exercise.find"), list = map.buttons.at("exercise.list");
            if (find.y0 >= list.y0 && find.y1 <= list.y1) {
                std::this_thread::sleep_for(300ms);
                const auto settled = k.current();
                if (settled.buttons.count("exercise.find") && settled.buttons.at("exercise.find").y0 == find.y0)
                    k.click(settled, "exercise.find");
                std::this_thread::sleep_for(300ms);
                continue;
            }
            k.wheelDown(list.cx(), list.cy(), 3);
            std::this_thread::sleep_for(150ms);
        }
    } else if (const auto* c = std::get_if<ChoiceExercise>(&exercise)) {
        if (!c->multiple) {
            k.click(k.current(), "exercise.answer." + std::to_string(firstCorrect(*c)));
        } else {
            for (std::size_t i = 0; i < c->answers.size(); ++i) {
                if (c->answers[i].correct) {
                    k.click(k.current(), "exercise.answer." + std::to_string(i));
                    std::this_thread::sleep_for(200ms);
                }
            }
            k.click(k.current(), "exercise.check");
        }
    } else {
        FAIL() << "no mouse recipe for a " << exerciseTypeName(exercise) << " exercise";
    }
}

const char* xdotoolKey(Key key) {
    switch (key) {
    case Key::Enter: return "Return";
    case Key::Backspace: return "BackSpace";
    case Key::Shift: return "Shift_L";
    case Key::Tab: return "Tab";
    case Key::Space: return "space";
    case Key::Left: return "Left";
    case Key::Right: return "Right";
    case Key::Up: return "Up";
    case Key::Down: return "Down";
    case Key::Escape: return "Escape";
    }
    return "";
}

void doWithTheKeyboard(KioskHarness& k, const Exercise& exercise) {
    if (const auto* t = std::get_if<TypeTextExercise>(&exercise)) {
        // The field has the keyboard one frame after it appears: typing sooner lost letters.
        k.waitUntil([](const UiMapFile& m) { return m.state.count("input") && m.state.at("input") == "focused"; },
                    "the text field to have the keyboard");
        k.type(*t->expected.in("en", "en").text);
        k.key("Return");
    } else if (const auto* s = std::get_if<SpecialKeysExercise>(&exercise)) {
        for (Key key : s->keys) {
            k.key(xdotoolKey(key));
            std::this_thread::sleep_for(120ms);
        }
    } else if (const auto* c = std::get_if<ChoiceExercise>(&exercise)) {
        ASSERT_FALSE(c->multiple) << "no keyboard recipe for several answers yet";
        k.key(std::to_string(firstCorrect(*c) + 1));
    } else {
        FAIL() << "no keyboard recipe for a " << exerciseTypeName(exercise) << " exercise";
    }
}

std::vector<std::string> expectedEvents(const Tutorial& t) {
    std::vector<std::string> e{"tutorial_started:" + t.id + ":1"};
    for (std::size_t s = 1; s <= t.steps.size(); ++s)
        e.push_back("step_reached:" + t.id + ":" + std::to_string(s));
    e.push_back("tutorial_completed:" + t.id + ":" + std::to_string(t.steps.size()));
    return e;
}

} // namespace

TEST(TutorialProcess, UsingTheMouseIsCompletedWithAPointerOnly) {
    const Tutorial t = shipped("mouse-basics");
    KioskHarness k(config());
    k.start();
    openTutorial(k, t.id);
    for (std::size_t s = 0; s < t.steps.size(); ++s) {
        waitForStep(k, s + 1);
        if (t.steps[s].exercise) doWithTheMouse(k, *t.steps[s].exercise);
        k.click(waitForNext(k, std::to_string(s + 1)), "player.next");
    }
    k.waitFor("tutorial-end");
    EXPECT_EQ(k.events(), expectedEvents(t));
}

TEST(TutorialProcess, UsingTheKeyboardIsCompletedWithTheKeyboardOnly) {
    const Tutorial t = shipped("keyboard-basics");
    KioskHarness k(config());
    k.start();
    pressWithKeys(k, "welcome", "welcome.start");
    pressWithKeys(k, "home", "home.learn");
    pressWithKeys(k, "catalogue", "catalogue.tutorial." + t.id);
    for (std::size_t s = 0; s < t.steps.size(); ++s) {
        waitForStep(k, s + 1);
        if (t.steps[s].exercise) doWithTheKeyboard(k, *t.steps[s].exercise);
        waitForNext(k, std::to_string(s + 1));
        k.key("Return");
    }
    k.waitFor("tutorial-end");
    EXPECT_EQ(k.events(), expectedEvents(t));
}

TEST(TutorialProcess, LeavingMidWayIsConfirmedAndRecordedAsAbandoned) {
    KioskHarness k(config());
    k.start();
    auto map = openTutorial(k, "mouse-basics");
    k.click(waitForNext(k, "1"), "player.next");
    map = waitForStep(k, 2);
    k.click(map, "player.leave");
    map = k.waitUntil([](const UiMapFile& m) { return m.buttons.count("player.leave-confirm") > 0; }, "the question");
    k.click(map, "player.leave-confirm");
    k.waitFor("catalogue");
    const auto events = k.events();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back(), "tutorial_abandoned:mouse-basics:2");
}
