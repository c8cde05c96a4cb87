#include "ExerciseView.h"
#include "../Icons.h"

namespace dps::kiosk::ui {

void doneBanner(const ViewContext& ctx) {
    const std::string text = std::string(icon::Check) + "  " + ctx.t.tr("Well done!");
    ImGui::PushFont(ctx.theme.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Primary));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, ImVec2 area) {
    const Exercise& authored = *run.step().exercise;
    ImGui::PushID(static_cast<int>(run.stepIndex()));
    std::visit(
        [&](auto& state) {
            using T = std::decay_t<decltype(state)>;
            if constexpr (std::is_same_v<T, ClickTargetsRun>)
                drawClickTargets(ctx, state, area);
            else if constexpr (std::is_same_v<T, DoubleClickRun>)
                drawDoubleClick(ctx, state, area);
            else if constexpr (std::is_same_v<T, DragDropRun>)
                drawDragDrop(ctx, std::get<DragDropExercise>(authored), state, area);
            else if constexpr (std::is_same_v<T, ScrollRun>)
                drawScroll(ctx, std::get<ScrollExercise>(authored), state, area);
            else if constexpr (std::is_same_v<T, TypeTextRun>)
                drawTypeText(ctx, state, area);
            else if constexpr (std::is_same_v<T, SpecialKeysRun>)
                drawSpecialKeys(ctx, state, area);
            else if constexpr (std::is_same_v<T, PasswordRun>)
                drawPassword(ctx, state, area);
            else if constexpr (std::is_same_v<T, ChoiceRun>)
                drawChoice(ctx, std::get<ChoiceExercise>(authored), state, area);
            else if constexpr (std::is_same_v<T, SpotScamRun>)
                drawSpotScam(ctx, std::get<SpotScamExercise>(authored), state, area);
            else
                drawForm(ctx, std::get<FormExercise>(authored), state, area);
        },
        exercise.state());
    ImGui::PopID();
}

} // namespace dps::kiosk::ui
