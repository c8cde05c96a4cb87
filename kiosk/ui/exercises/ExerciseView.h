#pragma once
#include "kiosk/core/tutorial/exercise/Demonstration.h"
#include "kiosk/ui/View.h"

#include <optional>
#include <string>

namespace dps::kiosk::ui {

// The practice area of a step, as the player gives it to the exercise and the exercise answers.
// Exercises draw straight into the page (no scrolling area of their own, but the scroll lesson's
// list): they wrap text at the area's width and, after a tap, bring the answer to it into view.
struct Practice {
    ImVec2 area; // the width to draw in; the height an exercise that fills an area fills
    // What is left to do, in the visitor's words, said when Next is tapped too early; and the
    // UI map id and place of what to do it on, brought into view then.
    std::string missing;
    std::string todo = "exercise.area";
    // The step's picture in the right half of the area, the exercise in the left half
    // (pictureBesideExercise, when the area is wide enough for both).
    bool pictureBeside = false;
    ImVec2 todoMin, todoMax;
    void setTodo(std::string id, ImVec2 min, ImVec2 max) {
        todo = std::move(id);
        todoMin = min;
        todoMax = max;
    }
};

// Exercises done on a place of a given size (targets, a folder, a box, a list) rather than on
// text that flows.
bool fillsArea(const ExerciseRun& exercise);

// Draws the practice area of the current step's exercise and passes what the visitor does to the
// exercise's rules (core/tutorial/exercise).
void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, Practice& practice);

// One per exercise type (PointerExercises.cpp, KeyboardExercises.cpp, QuestionExercises.cpp).
// `demo`: the seconds since the visitor pressed "Show me", while the pointer or the key shows
// how it is done; nullopt otherwise.
using Demo = std::optional<double>;
void drawClickTargets(const ViewContext& ctx, ClickTargetsRun& run, Practice& p, Demo demo);
void drawDoubleClick(const ViewContext& ctx, DoubleClickRun& run, Practice& p, Demo demo);
void drawDragDrop(const ViewContext& ctx, const DragDropExercise& e, DragDropRun& run, Practice& p, Demo demo);
void drawScroll(const ViewContext& ctx, const ScrollExercise& e, ScrollRun& run, Practice& p, Demo demo);
void drawTypeText(const ViewContext& ctx, TypeTextRun& run, Practice& p);
void drawSpecialKeys(const ViewContext& ctx, SpecialKeysRun& run, Practice& p, Demo demo);
void drawPassword(const ViewContext& ctx, PasswordRun& run, Practice& p);
void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, Practice& p);
void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, Practice& p);
void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, Practice& p);

// A lesson's picture, as large as `room` allows without making its area scroll (picture()
// leaves a line's spacing under it); where it is drawn goes in the UI map ("picture").
void lessonPicture(const ViewContext& ctx, const std::filesystem::path& file, ImVec2 room);
// A step where the visitor types or presses keys, with a picture (the keyboard, the key to find):
// the picture must be large enough to see its keys, never a thumbnail.
bool pictureOfKeys(const TutorialStep& step);
// Such a picture is drawn beside the exercise, in the right half of the practice area, when that
// half is wide enough (`width`: the practice area's); otherwise before the practice, large.
bool pictureBesideExercise(const ViewContext& ctx, const TutorialStep& step, float width);

// "Well done" under a finished exercise.
void doneBanner(const ViewContext& ctx);
// Text wrapped at the practice area's edge, in a colour.
void practiceText(const std::string& text, ImU32 ink);

// "Show me": a pointer drawn from `from` to `to` as the gesture's script says at `seconds`
// (core/tutorial/exercise/Demonstration.h), with a ring while it presses; it asks for the next
// frame. The frame is returned, for what moves with the pointer (a dragged item).
DemoFrame demoPointer(const ViewContext& ctx, DemoGesture gesture, double seconds, ImVec2 from, ImVec2 to);

// Something moves on screen: the next frame is wanted soon. takeAnimationRequest() says whether
// a frame asked for one, and forgets it.
void requestAnimation();
bool takeAnimationRequest();

} // namespace dps::kiosk::ui
