#pragma once
#include "../../core/tutorial/exercise/Demonstration.h"
#include "../View.h"

#include <optional>

namespace dps::kiosk::ui {

// Draws the practice area of the current step's exercise inside `area` and passes what the
// visitor does to the exercise's rules (core/tutorial/exercise).
void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, ImVec2 area);

// One per exercise type (PointerExercises.cpp, KeyboardExercises.cpp, QuestionExercises.cpp).
// `demo`: the seconds since the visitor pressed "Show me", while the pointer or the key shows
// how it is done; nullopt otherwise.
using Demo = std::optional<double>;
void drawClickTargets(const ViewContext& ctx, ClickTargetsRun& run, ImVec2 area, Demo demo);
void drawDoubleClick(const ViewContext& ctx, DoubleClickRun& run, ImVec2 area, Demo demo);
void drawDragDrop(const ViewContext& ctx, const DragDropExercise& e, DragDropRun& run, ImVec2 area, Demo demo);
void drawScroll(const ViewContext& ctx, const ScrollExercise& e, ScrollRun& run, ImVec2 area, Demo demo);
void drawTypeText(const ViewContext& ctx, TypeTextRun& run, ImVec2 area);
void drawSpecialKeys(const ViewContext& ctx, SpecialKeysRun& run, ImVec2 area, Demo demo);
void drawPassword(const ViewContext& ctx, PasswordRun& run, ImVec2 area);
void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, ImVec2 area);
void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, ImVec2 area);
void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, ImVec2 area);

// A lesson's picture, as large as `room` allows without making its area scroll (picture()
// leaves a line's spacing under it); where it is drawn goes in the UI map ("picture").
void lessonPicture(const ViewContext& ctx, const std::filesystem::path& file, ImVec2 room);
// Typing and pressing keys need half the practice area: their picture (the keyboard, the key to
// find) is drawn beside them, in the other half, rather than as a thumbnail under the instruction.
bool pictureBesideExercise(const TutorialStep& step);

// "Well done" under a finished exercise.
void doneBanner(const ViewContext& ctx);

// "Show me": a pointer drawn from `from` to `to` as the gesture's script says at `seconds`
// (core/tutorial/exercise/Demonstration.h), with a ring while it presses; it asks for the next
// frame. The frame is returned, for what moves with the pointer (a dragged item).
DemoFrame demoPointer(const ViewContext& ctx, DemoGesture gesture, double seconds, ImVec2 from, ImVec2 to);

// Something moves on screen: the next frame is wanted soon. takeAnimationRequest() says whether
// a frame asked for one, and forgets it.
void requestAnimation();
bool takeAnimationRequest();

} // namespace dps::kiosk::ui
