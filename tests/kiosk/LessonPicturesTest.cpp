// The lessons' pictures in the real dps-kiosk (--screenshot, no display needed), issue 18: they
// had scroll bars and were cut (drawn larger than the practice area's inside), and the keyboard
// lesson's picture was a thumbnail under the instruction.
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"
#include "kiosk/adapters/content/TutorialLoader.h"

#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>

using dps::test::Process;
using dps::test::TempDir;
using dps::test::UiMapFile;

namespace {

struct Box {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

std::optional<Box> boxOf(const UiMapFile& m, const std::string& key) {
    const auto it = m.state.find(key);
    if (it == m.state.end()) return std::nullopt;
    Box b;
    if (std::sscanf(it->second.c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1) != 4) return std::nullopt;
    return b;
}

UiMapFile shootStep(const TempDir& dir, const std::string& tutorial, std::size_t step, const std::string& textSize) {
    const auto png = dir / (tutorial + "-" + std::to_string(step) + "-" + textSize + ".png");
    const auto map = dir / "map.txt";
    std::filesystem::remove(map);
    Process p({DPS_KIOSK_BIN, "--screenshot", png.string(), "--screen", "player", "--tutorial", tutorial, "--step",
               std::to_string(step), "--language", "fr", "--size", "1366x768", "--text-size", textSize, "--ui-map",
               map.string()},
              {{"DISPLAY", {}}, {"WAYLAND_DISPLAY", {}}}, dir.path());
    const auto rc = p.wait(std::chrono::seconds(30));
    EXPECT_EQ(rc.value_or(-1), 0) << p.stderrText();
    return UiMapFile::read(map).value_or(UiMapFile{});
}

const std::vector<dps::kiosk::Tutorial>& shippedTutorials() {
    static const auto lib =
        dps::kiosk::loadLibrary(std::string(DPS_SOURCE_DIR) + "/assets/tutorials", {"fr", "nl", "en"});
    return lib.tutorials;
}

// The shipped lessons' folders, one test each (a lesson's pictures take 5 to 15 s to shoot).
std::vector<std::string> lessonIds() {
    std::vector<std::string> ids;
    for (const auto& e : std::filesystem::directory_iterator(std::string(DPS_SOURCE_DIR) + "/assets/tutorials")) {
        if (std::filesystem::exists(e.path() / "tutorial.yaml")) ids.push_back(e.path().filename().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

class LessonPictures : public testing::TestWithParam<std::string> {};

} // namespace

// Every picture of every lesson, at 100 %: drawn whole inside its area, and a picture alone in the
// practice area does not make it scroll. (At 200 % the player is one column that scrolls: the
// walk through every step at every size, on the ui-visitor branch, covers it.)
TEST_P(LessonPictures, EveryPictureFitsItsAreaWithoutScrollBars) {
    TempDir dir;
    const auto& all = shippedTutorials();
    const auto t = std::find_if(all.begin(), all.end(), [](const auto& l) { return l.id == GetParam(); });
    ASSERT_NE(t, all.end()) << GetParam() << " does not load";
    for (std::size_t i = 0; i < t->steps.size(); ++i) {
        if (t->steps[i].image.empty()) continue;
        const std::string where = t->id + " step " + std::to_string(i + 1);
        const UiMapFile m = shootStep(dir, t->id, i + 1, "100");
        ASSERT_EQ(m.screen, "player") << where;
        const auto picture = boxOf(m, "picture");
        if (!picture) {
            ADD_FAILURE() << where << ": no picture";
            continue;
        }
        EXPECT_GE(picture->x0, 0) << where;
        EXPECT_LE(picture->x1, 1366) << where;
        EXPECT_LE(picture->y1, 768) << where;
        if (!t->steps[i].exercise) {
            const auto practice = boxOf(m, "practice");
            ASSERT_TRUE(practice) << where;
            EXPECT_GE(picture->x0, practice->x0) << where;
            EXPECT_GE(picture->y0, practice->y0) << where;
            EXPECT_LE(picture->x1, practice->x1) << where << ": cut on the right";
            EXPECT_LE(picture->y1, practice->y1) << where << ": cut at the bottom";
            EXPECT_EQ(m.state.at("practice-scrolls"), "no") << where << ": scroll bars around a picture";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Shipped, LessonPictures, testing::ValuesIn(lessonIds()),
                         [](const testing::TestParamInfo<std::string>& lesson) {
                             std::string name = lesson.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// The keyboard lesson's picture shows which key to press (its hint says "the blue key in the
// picture"): it must be large enough to see the keys, not the 236 px wide thumbnail it was under
// the instruction (docs/screenshots/exercise-special-keys-fr.png before issue 18).
TEST(KeyboardPicture, IsLargeEnoughToSeeItsKeys) {
    TempDir dir;
    const auto& steps = std::find_if(shippedTutorials().begin(), shippedTutorials().end(), [](const auto& t) {
                            return t.id == "keyboard-basics";
                        })->steps;
    int exercises = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].image.empty() || !steps[i].exercise) continue;
        ++exercises;
        const UiMapFile m = shootStep(dir, "keyboard-basics", i + 1, "100");
        const auto picture = boxOf(m, "picture");
        ASSERT_TRUE(picture) << "step " << i + 1 << ": no picture";
        EXPECT_GE(picture->x1 - picture->x0, 1366 / 4) << "step " << i + 1 << ": a thumbnail";
    }
    EXPECT_GE(exercises, 4);
}
