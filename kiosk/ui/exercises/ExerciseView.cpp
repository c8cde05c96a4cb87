#include "ExerciseView.h"
#include "../Icons.h"

namespace dps::kiosk::ui {

void doneBanner(const ViewContext& ctx) {
    const std::string text = std::string(icon::Check) + "  " + ctx.t.tr("Well done!");
    ImGui::PushFont(ctx.theme.heading);
    practiceText(text, colour::Primary);
    ImGui::PopFont();
}

void practiceText(const std::string& text, ImU32 ink) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

bool fillsArea(const ExerciseRun& exercise) {
    return std::visit(
        [](const auto& state) {
            using T = std::decay_t<decltype(state)>;
            return std::is_same_v<T, ClickTargetsRun> || std::is_same_v<T, DoubleClickRun> ||
                   std::is_same_v<T, DragDropRun> || std::is_same_v<T, ScrollRun>;
        },
        exercise.state());
}

void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, Practice& practice) {
    const Exercise& authored = *run.step().exercise;
    ImGui::PushID(static_cast<int>(run.stepIndex()));
    std::visit(
        [&](auto& state) {
            using T = std::decay_t<decltype(state)>;
            if constexpr (std::is_same_v<T, ClickTargetsRun>)
                drawClickTargets(ctx, state, practice);
            else if constexpr (std::is_same_v<T, DoubleClickRun>)
                drawDoubleClick(ctx, state, practice);
            else if constexpr (std::is_same_v<T, DragDropRun>)
                drawDragDrop(ctx, std::get<DragDropExercise>(authored), state, practice);
            else if constexpr (std::is_same_v<T, ScrollRun>)
                drawScroll(ctx, std::get<ScrollExercise>(authored), state, practice);
            else if constexpr (std::is_same_v<T, TypeTextRun>)
                drawTypeText(ctx, state, practice);
            else if constexpr (std::is_same_v<T, SpecialKeysRun>)
                drawSpecialKeys(ctx, state, practice);
            else if constexpr (std::is_same_v<T, PasswordRun>)
                drawPassword(ctx, state, practice);
            else if constexpr (std::is_same_v<T, ChoiceRun>)
                drawChoice(ctx, std::get<ChoiceExercise>(authored), state, practice);
            else if constexpr (std::is_same_v<T, SpotScamRun>)
                drawSpotScam(ctx, std::get<SpotScamExercise>(authored), state, practice);
            else
                drawForm(ctx, std::get<FormExercise>(authored), state, practice);
        },
        exercise.state());
    ImGui::PopID();
}

} // namespace dps::kiosk::ui
