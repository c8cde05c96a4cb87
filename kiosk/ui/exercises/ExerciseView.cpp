#include "ExerciseView.h"
#include "../Icons.h"
#include "../Widgets.h"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <utility>
#include <variant>

namespace dps::kiosk::ui {
namespace {

bool animationRequested = false;

// When "Show me" was pressed on the step shown, so the little film starts from its beginning.
struct DemoClock {
    const TutorialStep* step = nullptr;
    double since = 0;
};
DemoClock demoClock;

// The usual arrow cursor, its tip at `tip`, `s` high.
void arrow(ImDrawList* draw, ImVec2 tip, float s) {
    const auto p = [&](float x, float y) { return ImVec2(tip.x + x * s, tip.y + y * s); };
    const ImVec2 outline[] = {p(0, 0),         p(0, 0.95F),     p(0.24F, 0.74F), p(0.4F, 1.1F),
                              p(0.55F, 1.04F), p(0.39F, 0.69F), p(0.7F, 0.69F)};
    draw->AddTriangleFilled(outline[0], outline[1], outline[6], IM_COL32(255, 255, 255, 255));
    draw->AddQuadFilled(outline[2], outline[3], outline[4], outline[5], IM_COL32(255, 255, 255, 255));
    draw->AddPolyline(outline, 7, IM_COL32(0, 0, 0, 255), ImDrawFlags_Closed, std::max(1.5F, s * 0.06F));
}

} // namespace

void requestAnimation() { animationRequested = true; }
bool takeAnimationRequest() { return std::exchange(animationRequested, false); }

DemoFrame demoPointer(const ViewContext& ctx, DemoGesture gesture, double seconds, ImVec2 from, ImVec2 to) {
    const DemoFrame f = demoFrame(gesture, seconds);
    const ImVec2 tip(from.x + (to.x - from.x) * f.travel, from.y + (to.y - from.y) * f.travel);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float unit = ctx.theme.unit;
    if (f.pressed) {
        draw->AddCircleFilled(tip, unit * 0.9F, (colour::Accent & 0x00FFFFFFU) | 0x60000000U, 32);
        draw->AddCircle(tip, unit * 0.9F, colour::Accent, 32, unit * 0.15F);
    }
    arrow(draw, tip, unit * 2.2F);
    ctx.map.note("demo-pointer", fmt::format("{},{}", std::lround(tip.x), std::lround(tip.y)));
    ctx.map.note("demo", f.pressed ? "pressed" : "moving");
    animationRequested = true;
    return f;
}

void doneBanner(const ViewContext& ctx) {
    const std::string text = std::string(icon::Check) + "  " + ctx.t.tr("Well done!");
    ImGui::PushFont(ctx.theme.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Primary));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void lessonPicture(const ViewContext& ctx, const std::filesystem::path& file, ImVec2 room) {
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    if (room.x <= 0 || room.y <= spacing) return;
    const ImVec2 before = ImGui::GetCursorScreenPos();
    picture(ctx.images, file, ImVec2(room.x, room.y - spacing));
    // Not loaded, or the area is out of sight (ImGui skips its items): nothing drawn to note.
    if (ImGui::GetCursorScreenPos().y == before.y || ImGui::GetCurrentWindowRead()->SkipItems) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ctx.map.note("picture",
                 fmt::format("{},{},{},{}", std::lround(a.x), std::lround(a.y), std::lround(b.x), std::lround(b.y)));
}

bool pictureBesideExercise(const TutorialStep& step) {
    return !step.image.empty() && step.exercise &&
           (std::holds_alternative<TypeTextExercise>(*step.exercise) ||
            std::holds_alternative<SpecialKeysExercise>(*step.exercise));
}

void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, ImVec2 area) {
    const Exercise& authored = *run.step().exercise;
    const bool beside = pictureBesideExercise(run.step());
    if (beside) {
        // The right half for the picture, the left half for the exercise (its text wraps there).
        const ImVec2 start = ImGui::GetCursorPos();
        const float gap = ImGui::GetStyle().ItemSpacing.x, half = (ImGui::GetContentRegionAvail().x - gap) * 0.5F;
        ImGui::SetCursorPos(ImVec2(start.x + half + gap, start.y));
        lessonPicture(ctx, run.tutorial().folder / run.step().image, ImVec2(half, ImGui::GetContentRegionAvail().y));
        ImGui::SetCursorPos(start);
        ImGui::PushTextWrapPos(start.x + half);
        area.x = half;
    }
    ImGui::PushID(static_cast<int>(run.stepIndex()));
    Demo demo;
    if (run.hintShown()) {
        if (demoClock.step != &run.step()) demoClock = {&run.step(), ImGui::GetTime()};
        demo = ImGui::GetTime() - demoClock.since;
    } else {
        demoClock = {};
    }
    std::visit(
        [&](auto& state) {
            using T = std::decay_t<decltype(state)>;
            if constexpr (std::is_same_v<T, ClickTargetsRun>)
                drawClickTargets(ctx, state, area, demo);
            else if constexpr (std::is_same_v<T, DoubleClickRun>)
                drawDoubleClick(ctx, state, area, demo);
            else if constexpr (std::is_same_v<T, DragDropRun>)
                drawDragDrop(ctx, std::get<DragDropExercise>(authored), state, area, demo);
            else if constexpr (std::is_same_v<T, ScrollRun>)
                drawScroll(ctx, std::get<ScrollExercise>(authored), state, area, demo);
            else if constexpr (std::is_same_v<T, TypeTextRun>)
                drawTypeText(ctx, state, area);
            else if constexpr (std::is_same_v<T, SpecialKeysRun>)
                drawSpecialKeys(ctx, state, area, demo);
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
    if (beside) ImGui::PopTextWrapPos();
}

} // namespace dps::kiosk::ui
