#include "kiosk/ui/exercises/ExerciseView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

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

bool pictureOfKeys(const TutorialStep& step) {
    return !step.image.empty() && step.exercise &&
           (std::holds_alternative<TypeTextExercise>(*step.exercise) ||
            std::holds_alternative<SpecialKeysExercise>(*step.exercise));
}

bool pictureBesideExercise(const ViewContext& ctx, const TutorialStep& step, float width) {
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5F;
    return pictureOfKeys(step) && half >= ctx.theme.unit * 13;
}

void drawExercise(const ViewContext& ctx, const TutorialRun& run, ExerciseRun& exercise, Practice& practice) {
    const Exercise& authored = *run.step().exercise;
    const ImVec2 whole = practice.area;
    if (practice.pictureBeside) {
        // The right half for the picture, the left half for the exercise (its text wraps there).
        const ImVec2 start = ImGui::GetCursorPos();
        const float gap = ImGui::GetStyle().ItemSpacing.x, half = (whole.x - gap) * 0.5F;
        ImGui::SetCursorPos(ImVec2(start.x + half + gap, start.y));
        lessonPicture(ctx, run.tutorial().folder / run.step().image, ImVec2(half, whole.y));
        ImGui::SetCursorPos(start);
        ImGui::PushTextWrapPos(start.x + half);
        practice.area.x = half;
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
                drawClickTargets(ctx, state, practice, demo);
            else if constexpr (std::is_same_v<T, DoubleClickRun>)
                drawDoubleClick(ctx, state, practice, demo);
            else if constexpr (std::is_same_v<T, DragDropRun>)
                drawDragDrop(ctx, std::get<DragDropExercise>(authored), state, practice, demo);
            else if constexpr (std::is_same_v<T, ScrollRun>)
                drawScroll(ctx, std::get<ScrollExercise>(authored), state, practice, demo);
            else if constexpr (std::is_same_v<T, TypeTextRun>)
                drawTypeText(ctx, state, practice);
            else if constexpr (std::is_same_v<T, SpecialKeysRun>)
                drawSpecialKeys(ctx, state, practice, demo);
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
    if (practice.pictureBeside) {
        ImGui::PopTextWrapPos();
        practice.area = whole;
    }
}

} // namespace dps::kiosk::ui
