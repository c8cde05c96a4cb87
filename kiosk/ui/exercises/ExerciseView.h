#pragma once
#include "../View.h"

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
void drawClickTargets(const ViewContext& ctx, ClickTargetsRun& run, Practice& p);
void drawDoubleClick(const ViewContext& ctx, DoubleClickRun& run, Practice& p);
void drawDragDrop(const ViewContext& ctx, const DragDropExercise& e, DragDropRun& run, Practice& p);
void drawScroll(const ViewContext& ctx, const ScrollExercise& e, ScrollRun& run, Practice& p);
void drawTypeText(const ViewContext& ctx, TypeTextRun& run, Practice& p);
void drawSpecialKeys(const ViewContext& ctx, SpecialKeysRun& run, Practice& p);
void drawPassword(const ViewContext& ctx, PasswordRun& run, Practice& p);
void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, Practice& p);
void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, Practice& p);
void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, Practice& p);

// "Well done" under a finished exercise.
void doneBanner(const ViewContext& ctx);
// Text wrapped at the practice area's edge, in a colour.
void practiceText(const std::string& text, ImU32 ink);

} // namespace dps::kiosk::ui
