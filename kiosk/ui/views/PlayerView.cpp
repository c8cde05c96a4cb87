#include "PlayerView.h"
#include "../Icons.h"
#include "../PageParts.h"
#include "../Widgets.h"
#include "../exercises/ExerciseView.h"

#include <SDL_scancode.h>
#include <cmath>
#include <fmt/core.h>

namespace dps::kiosk::ui {
namespace {

Intent leaveConfirmation(const ViewContext& ctx) {
    return askOverScreen(
        ctx, {ctx.t.tr("Leave this tutorial?"),
              ctx.t.tr("You can start it again later from the beginning."),
              {"player.stay", icon::Play, ctx.t.tr("Stay"), Intent::of(Intent::Kind::CancelLeave), ButtonLook::Primary},
              {"player.leave-confirm", icon::Close, ctx.t.tr("Leave"), Intent::of(Intent::Kind::ConfirmLeave)}});
}

} // namespace

Intent PlayerView::drawContent(const ViewContext& ctx) {
    TutorialRun* run = ctx.run;
    if (!run) return {};
    const Theme& th = ctx.theme;
    const float width = ImGui::GetWindowWidth() - 2 * ImGui::GetStyle().WindowPadding.x;
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    Intent intent;
    const bool modal = ctx.flow.confirmingLeave();
    if (modal) ImGui::BeginDisabled();

    // Header: title, and a way out.
    const std::string title = ctx.text(run->tutorial().title);
    const ImVec2 leave(th.unit * 6.5F, th.touchTarget() * 0.9F);
    const float leaveX = ImGui::GetWindowWidth() - leave.x - ImGui::GetStyle().WindowPadding.x;
    const ImVec2 titleAt = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(titleAt, ImVec2(ImGui::GetWindowPos().x + leaveX - th.unit * 0.5F, titleAt.y + leave.y), true);
    ImGui::PushFont(th.unit > th.baseUnit * 1.2F ? th.strong : th.heading);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    ImGui::PopClipRect();
    ImGui::SameLine(leaveX);
    if (bigButton(ctx.map, "player.leave", icon::Close, ctx.t.tr("Leave"), leave, ButtonLook::Choice)) {
        intent = Intent::of(Intent::Kind::LeaveTutorial);
    }

    // Progress: step N of M, as words and as a bar.
    const auto n = static_cast<int>(run->stepIndex()) + 1, m = static_cast<int>(run->stepCount());
    const std::string progress = fmt::format(fmt::runtime(ctx.t.tr("Step {} of {}")), n, m);
    ImGui::TextUnformatted(progress.c_str());
    ImGui::SameLine();
    const ImVec2 barAt = ImGui::GetCursorScreenPos();
    const float barWidth = width - (barAt.x - ImGui::GetWindowPos().x) + ImGui::GetStyle().WindowPadding.x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float barH = th.unit * 0.5F, barY = barAt.y + (th.unit - barH) * 0.5F;
    draw->AddRectFilled(ImVec2(barAt.x, barY), ImVec2(barAt.x + barWidth, barY + barH), colour::SurfaceHover, barH);
    draw->AddRectFilled(ImVec2(barAt.x, barY),
                        ImVec2(barAt.x + barWidth * static_cast<float>(n) / static_cast<float>(m), barY + barH),
                        colour::Primary, barH);
    ImGui::NewLine();

    // Body: the instruction (and hint) on the left, the practice area or picture on the right.
    const TutorialStep& step = run->step();
    const bool large = th.unit > th.baseUnit * 1.2F;
    const float footer = th.touchTarget() * (large ? 1.0F : 1.2F) + ImGui::GetStyle().ItemSpacing.y * 2;
    const float bodyH = std::max(th.unit * 3, height - ImGui::GetCursorPosY() - footer);
    ExerciseRun* exercise = run->exercise();
    // Read before the practice is drawn: the key that finishes an exercise must not also turn the page.
    const bool readyBefore = !exercise || exercise->done();
    const bool right = exercise || !step.image.empty();
    // Side by side when there is room; with large text, one column that scrolls: the instruction,
    // then the practice at a usable size.
    const bool stacked = right && width * 0.38F < th.unit * 13;
    if (stacked) ImGui::BeginChild("###column", ImVec2(width, bodyH), false);
    const float leftW = right && !stacked ? width * 0.38F : stacked ? width - ImGui::GetStyle().ScrollbarSize : width;
    const float instructionH = bodyH;
    if (!stacked) ImGui::BeginChild("###instruction", ImVec2(leftW, instructionH), false);
    ImGui::PushFont(th.lead);
    ImGui::PushTextWrapPos(0);
    const std::string instruction = ctx.text(step.text);
    ImGui::TextUnformatted(instruction.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    const bool readButton = ctx.speech && ctx.speech->available();
    if (readButton) {
        const bool speaking = ctx.speech->speaking();
        if (bigButton(ctx.map, "player.read-aloud", icon::Speaker,
                      speaking ? ctx.t.tr("Stop reading") : ctx.t.tr("Read aloud"),
                      ImVec2(th.unit * 8, th.touchTarget()),
                      speaking ? ButtonLook::ChosenChoice : ButtonLook::Choice)) {
            intent = Intent::of(speaking ? Intent::Kind::StopReading : Intent::Kind::ReadAloud);
        }
    }
    if (!step.hint.empty()) {
        if (run->hintShown() || (exercise && exercise->wayOn())) {
            const std::string hint = std::string(icon::Bulb) + "  " + ctx.text(step.hint);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Primary));
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(hint.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        } else {
            // Beside Read aloud: the picture under them gets the height of a row of buttons.
            if (readButton && leftW >= th.unit * 16 + ImGui::GetStyle().ItemSpacing.x) ImGui::SameLine();
            if (bigButton(ctx.map, "player.hint", icon::Bulb, ctx.t.tr("Show me"),
                          ImVec2(th.unit * 8, th.touchTarget()), ButtonLook::Choice))
                intent = Intent::of(Intent::Kind::ShowHint);
        }
    }
    // The picture of a step with practice: under the instruction, or beside the practice.
    if (exercise && !step.image.empty() && !stacked && !pictureBesideExercise(step)) {
        // What is left of the column, so no scroll bar appears.
        const float left = instructionH - ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y;
        if (left > th.unit * 3) lessonPicture(ctx, run->tutorial().folder / step.image, ImVec2(leftW, left));
    }
    if (!stacked) ImGui::EndChild();
    if (right) {
        if (!stacked) ImGui::SameLine();
        const ImVec2 area(stacked ? leftW : width - leftW - ImGui::GetStyle().ItemSpacing.x,
                          stacked ? std::max(bodyH, th.unit * 10) : bodyH);
        // The practice area is a visible surface, so the visitor knows where to act.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + area.x, at.y + area.y), colour::Surface,
                                                  th.unit * 0.4F);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(th.unit * 0.6F, th.unit * 0.5F));
        ImGui::BeginChild("###practice", area, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        ctx.map.note("practice", fmt::format("{},{},{},{}", std::lround(at.x), std::lround(at.y),
                                             std::lround(at.x + area.x), std::lround(at.y + area.y)));
        if (exercise)
            drawExercise(ctx, *run, *exercise, area);
        else
            lessonPicture(ctx, run->tutorial().folder / step.image, ImGui::GetContentRegionAvail());
        if (!exercise)
            ctx.map.note("practice-scrolls", ImGui::GetScrollMaxY() + ImGui::GetScrollMaxX() > 0 ? "yes" : "no");
        ImGui::EndChild();
    }
    if (stacked) {
        dragToScroll();
        ImGui::EndChild();
    }

    // Footer: Back and Next, always at the bottom; a kind word when the practice is not done yet.
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), height - footer + ImGui::GetStyle().ItemSpacing.y));
    const ImVec2 nav(th.unit * 8, th.touchTarget() * (large ? 1.0F : 1.2F));
    if (run->canGoBack()) {
        if (bigButton(ctx.map, "player.back", icon::Back, ctx.t.tr("Back"), nav, ButtonLook::Choice)) {
            intent = Intent::of(Intent::Kind::PreviousStep);
        }
    } else {
        ImGui::Dummy(nav);
    }
    ImGui::SameLine();
    const bool canNext = run->canGoNext();
    ctx.map.note("step", std::to_string(run->stepIndex() + 1));
    ctx.map.note("next", canNext ? "enabled" : "disabled");
    const char* note = !exercise || exercise->done() || large ? ""
                       : exercise->wayOn()                    ? ctx.t.tr("Not quite yet? That is fine: you can go on.")
                                                              : ctx.t.tr("Do the practice, then press Next.");
    const float noteW = width - 2 * nav.x - 2 * ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 noteAt = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(th.body, th.unit,
                                        ImVec2(noteAt.x + th.unit * 0.5F, noteAt.y + (nav.y - th.unit) * 0.5F),
                                        colour::Muted, note, nullptr, noteW - th.unit);
    ImGui::Dummy(ImVec2(noteW, nav.y));
    ImGui::SameLine();
    if (!canNext) ImGui::BeginDisabled();
    const char* nextLabel = run->onLastStep() ? ctx.t.tr("Finish") : ctx.t.tr("Next");
    if (bigButton(ctx.map, "player.next", icon::Next, nextLabel, nav,
                  canNext ? ButtonLook::Primary : ButtonLook::Choice)) {
        intent = Intent::of(Intent::Kind::NextStep);
    }
    if (!canNext) ImGui::EndDisabled();
    // Keyboard: Enter turns the page once the practice is done (or when there is none). Not
    // io.WantTextInput: it stays true for the frame after the Enter that confirmed a typing
    // exercise, and a second Enter landing in that frame was lost (readyBefore already keeps
    // the confirming Enter from turning the page).
    if (!modal && readyBefore && canNext && ImGui::IsKeyPressed(SDL_SCANCODE_RETURN, false)) {
        intent = Intent::of(Intent::Kind::NextStep);
    }
    if (modal) {
        ImGui::EndDisabled();
        intent = leaveConfirmation(ctx);
    }
    return intent;
}

} // namespace dps::kiosk::ui
