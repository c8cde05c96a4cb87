#pragma once
#include "../View.h"

namespace dps::kiosk::ui {

// Draws the practice area of the current step's exercise inside `area` and passes what the
// visitor does to the exercise's rules (core/tutorial/exercise).
void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, ImVec2 area);

// One per exercise type (PointerExercises.cpp, KeyboardExercises.cpp, QuestionExercises.cpp).
void drawClickTargets(const ViewContext& ctx, ClickTargetsRun& run, ImVec2 area);
void drawDoubleClick(const ViewContext& ctx, DoubleClickRun& run, ImVec2 area);
void drawDragDrop(const ViewContext& ctx, const DragDropExercise& e, DragDropRun& run, ImVec2 area);
void drawScroll(const ViewContext& ctx, const ScrollExercise& e, ScrollRun& run, ImVec2 area);
void drawTypeText(const ViewContext& ctx, TypeTextRun& run, ImVec2 area);
void drawSpecialKeys(const ViewContext& ctx, SpecialKeysRun& run, ImVec2 area);
void drawPassword(const ViewContext& ctx, PasswordRun& run, ImVec2 area);
void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, ImVec2 area);
void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, ImVec2 area);
void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, ImVec2 area);

// "Well done" under a finished exercise.
void doneBanner(const ViewContext& ctx);

} // namespace dps::kiosk::ui
