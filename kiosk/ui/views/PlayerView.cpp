#include "kiosk/ui/views/PlayerView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/Widgets.h"
#include "kiosk/ui/exercises/ExerciseView.h"

#include <SDL_scancode.h>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <imgui_internal.h>

namespace dps::kiosk::ui {
namespace {

Intent leaveConfirmation(const ViewContext& ctx) {
    return askOverScreen(ctx,
                         {ctx.t.tr("Leave this tutorial?"),
                          ctx.t.tr("You can start it again later from the beginning."),
                          {"player.stay", icon::Play, ctx.t.tr("Stay"), intent::CancelLeave{}, ButtonLook::Primary},
                          {"player.leave-confirm", icon::Close, ctx.t.tr("Leave"), intent::ConfirmLeave{}}});
}

// The practice surface's padding, in text units.
constexpr float kSurfacePadX = 0.6F, kSurfacePadY = 0.5F;

// The practice (or the step's picture) on a visible surface, so the visitor knows where to act.
// fill: the height an exercise that fills a place gets; others take the height they need.
void practiceSurface(const ViewContext& ctx, TutorialRun& run, ExerciseRun* exercise, float width, float fill,
                     Practice& p) {
    const Theme& th = ctx.theme;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 pad(th.unit * kSurfacePadX, th.unit * kSurfacePadY);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImDrawListSplitter layers; // the surface under what the exercise draws, known only after it
    layers.Split(draw, 2);
    layers.SetCurrentChannel(draw, 1);
    ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad.x);
    p.area = ImVec2(width - 2 * pad.x, fill - 2 * pad.y);
    const bool fills = !exercise || fillsArea(*exercise);
    if (exercise)
        drawExercise(ctx, run, *exercise, p);
    else
        lessonPicture(ctx, run.tutorial().folder / run.step().image, p.area);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float height = std::max(fills ? fill : 0.0F, ImGui::GetItemRectSize().y + 2 * pad.y);
    const ImVec2 end(at.x + width, at.y + height);
    layers.SetCurrentChannel(draw, 0);
    draw->AddRectFilled(at, end, colour::Surface, th.unit * 0.4F);
    layers.Merge(draw);
    ctx.map.record("exercise.area", at, end);
    ctx.map.note("practice", fmt::format("{},{},{},{}", std::lround(at.x), std::lround(at.y), std::lround(end.x),
                                         std::lround(end.y)));
    // A picture alone is seen whole without scrolling the page (the lessons' pictures test).
    if (!exercise) {
        const ImRect seen = ImGui::GetCurrentWindowRead()->InnerClipRect;
        const bool whole = at.x >= seen.Min.x - 0.5F && at.y >= seen.Min.y - 0.5F && end.x <= seen.Max.x + 0.5F &&
                           end.y <= seen.Max.y + 0.5F;
        ctx.map.note("practice-scrolls", whole ? "no" : "yes");
    }
    if (p.todo == "exercise.area") p.setTodo("exercise.area", at, end);
    ImGui::SetCursorScreenPos(at);
    ImGui::Dummy(ImVec2(width, height));
}

// The title, wrapped, and a way out at the right.
Intent titleAndLeave(const ViewContext& ctx, const std::string& title, float width) {
    const Theme& th = ctx.theme;
    Intent intent;
    const char* leaveLabel = ctx.t.tr("Leave");
    const float leaveText = th.body->CalcTextSizeA(th.unit, FLT_MAX, 0, leaveLabel).x;
    const ImVec2 leave(std::min(width * 0.4F, std::max(th.unit * 6.5F, leaveText + th.unit * 3)),
                       th.touchTarget() * 0.9F);
    const ImVec2 top = ImGui::GetCursorPos();
    ImGui::PushFont(titleFont(ctx));
    ImGui::PushTextWrapPos(top.x + width - leave.x - th.unit * 0.5F);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const float titleBottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(top.x + width - leave.x, top.y));
    if (bigButton(ctx.map, "player.leave", icon::Close, leaveLabel, leave, ButtonLook::Choice))
        intent = intent::LeaveTutorial{};
    ImGui::SetCursorPos(ImVec2(top.x, std::max(titleBottom, ImGui::GetCursorPosY())));
    return intent;
}

// Step N of M, as words and as a bar.
void stepProgress(const ViewContext& ctx, const TutorialRun& run) {
    const Theme& th = ctx.theme;
    const auto n = static_cast<int>(run.stepIndex()) + 1, m = static_cast<int>(run.stepCount());
    const std::string progress = fmt::format(fmt::runtime(ctx.t.tr("Step {} of {}")), n, m);
    ImGui::TextUnformatted(progress.c_str());
    ImGui::SameLine();
    const ImVec2 barAt = ImGui::GetCursorScreenPos();
    const float barWidth = std::max(0.0F, ImGui::GetContentRegionAvail().x);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float barH = th.unit * 0.5F, barY = barAt.y + (th.unit - barH) * 0.5F;
    draw->AddRectFilled(ImVec2(barAt.x, barY), ImVec2(barAt.x + barWidth, barY + barH), colour::SurfaceHover, barH);
    draw->AddRectFilled(ImVec2(barAt.x, barY),
                        ImVec2(barAt.x + barWidth * static_cast<float>(n) / static_cast<float>(m), barY + barH),
                        colour::Primary, barH);
    ImGui::NewLine();
}

// Where the step's body goes: the instruction (and hint) on the left and the practice or picture
// on the right when there is room; otherwise one column: the instruction, then the practice,
// reached by scrolling the one page.
struct BodyLayout {
    bool right = false; // a practice or a picture to show
    bool side = false;  // beside the instruction rather than under it
    float leftW = 0, rightW = 0;
    float visible = 0; // the page's visible height
    // An exercise that needs a place gets the rest of the visible page beside the instruction, or
    // in one column the whole visible height, so that once scrolled to it is seen whole.
    float fill = 0;
};

BodyLayout bodyLayout(const ViewContext& ctx, const TutorialStep& step, const ExerciseRun* exercise, float width) {
    const Theme& th = ctx.theme;
    const ImGuiStyle& style = ImGui::GetStyle();
    BodyLayout l;
    l.right = exercise || !step.image.empty();
    l.side = l.right && width * 0.38F >= th.unit * 13;
    l.leftW = l.side ? width * 0.38F : width;
    l.rightW = l.side ? width - l.leftW - style.ItemSpacing.x : width;
    l.visible = ImGui::GetWindowHeight() - 2 * style.WindowPadding.y;
    l.fill = std::max(th.unit * 9, l.side ? l.visible - (ImGui::GetCursorPosY() - style.WindowPadding.y) : l.visible);
    return l;
}

// Read aloud (or Stop reading) for the step's text; its width, 0 when this terminal cannot speak.
float readAloudButton(const ViewContext& ctx, float columnW, Intent& intent) {
    const Theme& th = ctx.theme;
    if (!ctx.speech || !ctx.speech->available()) return 0;
    const bool speaking = ctx.speech->speaking();
    const char* label = speaking ? ctx.t.tr("Stop reading") : ctx.t.tr("Read aloud");
    const float readW =
        std::min(columnW, std::max(th.unit * 8, th.body->CalcTextSizeA(th.unit, FLT_MAX, 0, label).x + th.unit * 3.2F));
    if (bigButton(ctx.map, "player.read-aloud", icon::Speaker, label, ImVec2(readW, th.touchTarget()),
                  speaking ? ButtonLook::ChosenChoice : ButtonLook::Choice)) {
        intent = speaking ? Intent{intent::StopReading{}} : Intent{intent::ReadAloud{}};
    }
    return readW;
}

// The step's hint once shown (or once the exercise lets the visitor go on); before that "Show me",
// beside Read aloud when both fit: the picture under them gets the height of a row.
void hintOrShowMe(const ViewContext& ctx, TutorialRun& run, ExerciseRun* exercise, float columnW, float readW,
                  Intent& intent) {
    const Theme& th = ctx.theme;
    const TutorialStep& step = run.step();
    if (step.hint.empty()) return;
    if (run.hintShown() || (exercise && exercise->wayOn())) {
        practiceText(std::string(icon::Bulb) + "  " + ctx.text(step.hint), colour::Primary);
        return;
    }
    const char* show = ctx.t.tr("Show me");
    const float showW =
        std::min(columnW, std::max(th.unit * 6, th.body->CalcTextSizeA(th.unit, FLT_MAX, 0, show).x + th.unit * 3.2F));
    if (readW > 0 && readW + ImGui::GetStyle().ItemSpacing.x + showW <= columnW) ImGui::SameLine();
    if (bigButton(ctx.map, "player.hint", icon::Bulb, show, ImVec2(showW, th.touchTarget()), ButtonLook::Choice))
        intent = Intent{intent::ShowHint{}};
}

// The instruction column: the step's text, Read aloud, the hint, and the step's picture when an
// exercise takes the practice surface and the picture does not go beside it there. body: where
// the column starts on the screen.
Intent instructionColumn(const ViewContext& ctx, TutorialRun& run, ExerciseRun* exercise, const BodyLayout& l,
                         const Practice& practice, ImVec2 body) {
    const Theme& th = ctx.theme;
    const TutorialStep& step = run.step();
    Intent intent;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + l.leftW);
    ImGui::PushFont(th.lead);
    ImGui::TextUnformatted(ctx.text(step.text).c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    const float readW = readAloudButton(ctx, l.leftW, intent);
    hintOrShowMe(ctx, run, exercise, l.leftW, readW, intent);
    if (exercise && !step.image.empty() && !practice.pictureBeside) {
        // Beside the practice, in what is left of the column; in one column, a picture of a
        // sensible height before the practice (half the visible page for a keyboard, whose keys
        // must be seen).
        const float used = ImGui::GetCursorScreenPos().y - body.y;
        const float room = l.side                ? l.fill - used
                           : pictureOfKeys(step) ? l.visible * 0.5F
                                                 : std::min(th.unit * 7, l.visible * 0.4F);
        if (room > th.unit * 3) lessonPicture(ctx, run.tutorial().folder / step.image, ImVec2(l.leftW, room));
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return intent;
}

} // namespace

std::string PlayerView::pageKey(const ViewContext& ctx) const {
    return ctx.run ? ctx.run->tutorial().id + ":" + std::to_string(ctx.run->stepIndex()) : std::string();
}

Intent PlayerView::drawContent(const ViewContext& ctx) {
    TutorialRun* run = ctx.run;
    if (!run) return {};
    const Theme& th = ctx.theme;
    if (const std::string key = pageKey(ctx); key != askedOn_) {
        askedOn_ = key;
        asked_ = reveal_ = false;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const bool modal = ctx.flow.tutorial().confirmingLeave();
    if (modal) ImGui::BeginDisabled();

    Intent intent = titleAndLeave(ctx, ctx.text(run->tutorial().title), width);
    stepProgress(ctx, *run);

    const TutorialStep& step = run->step();
    ExerciseRun* exercise = run->exercise();
    narrate(sentences({ctx.plainText(run->tutorial().title),
                       fmt::format(fmt::runtime(ctx.t.tr("Step {} of {}")), run->stepIndex() + 1, run->stepCount()),
                       ctx.plainText(step.text)}));
    // Read before the practice is drawn: the key that finishes an exercise must not also turn the page.
    readyBefore_ = !exercise || exercise->done();
    const BodyLayout layout = bodyLayout(ctx, step, exercise, width);
    Practice practice;
    practice.pictureBeside = exercise && pictureBesideExercise(ctx, step, layout.rightW - 2 * th.unit * kSurfacePadX);

    const ImVec2 body = ImGui::GetCursorScreenPos();
    if (const Intent pressed = instructionColumn(ctx, *run, exercise, layout, practice, body); !isNone(pressed))
        intent = pressed;
    const float leftBottom = ImGui::GetItemRectMax().y;
    if (layout.right) {
        if (layout.side)
            ImGui::SetCursorScreenPos(ImVec2(body.x + layout.leftW + ImGui::GetStyle().ItemSpacing.x, body.y));
        practiceSurface(ctx, *run, exercise, layout.rightW, layout.fill, practice);
        const float bottom = std::max(leftBottom, ImGui::GetItemRectMax().y);
        ImGui::SetCursorScreenPos(ImVec2(body.x, bottom));
        ImGui::Dummy(ImVec2(0, 0));
    }
    missing_ = practice.missing;
    todo_ = practice.todo;
    todoMin_ = practice.todoMin;
    todoMax_ = practice.todoMax;
    if (reveal_ && exercise) {
        scrollIntoView(todoMin_, todoMax_);
        reveal_ = false;
    }
    if (modal) ImGui::EndDisabled();
    return intent;
}

Intent PlayerView::drawFooter(const ViewContext& ctx) {
    TutorialRun* run = ctx.run;
    if (!run) return {};
    const Theme& th = ctx.theme;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetMainViewport()->WorkSize.x - 2 * style.WindowPadding.x;
    const bool modal = ctx.flow.tutorial().confirmingLeave();
    if (modal) ImGui::BeginDisabled();
    Intent intent;
    const ExerciseRun* exercise = run->exercise();
    const bool canNext = run->canGoNext();
    ctx.map.note("step", std::to_string(run->stepIndex() + 1));
    ctx.map.note("next", canNext ? "enabled" : "disabled");
    if (asked_) ctx.map.note("missing", todo_);

    // The buttons: as wide as their words, Next at the right.
    const float h = th.touchTarget() * (largeText(ctx) ? 1.0F : 1.2F);
    const Button back{"player.back", icon::Back, ctx.t.tr("Previous step"), intent::PreviousStep{}};
    const Button next{"player.next", icon::Next, run->onLastStep() ? ctx.t.tr("End of the lesson") : ctx.t.tr("Next"),
                      intent::NextStep{}, canNext ? ButtonLook::Primary : ButtonLook::Waiting};
    const float gap = style.ItemSpacing.x;
    const float backW = run->canGoBack() ? buttonWidth(ctx, back, width) : 0.0F;
    const float nextW = buttonWidth(ctx, next, width);
    const bool twoRows = backW + nextW + gap > width;
    const float middle = twoRows ? 0.0F : width - backW - nextW - 2 * gap;

    // What is left to do: said quietly, and in red with a warning sign once Next was tapped too
    // early; "you can go on" after three tries. Between the buttons, or above them when narrow.
    std::string note;
    ImU32 ink = colour::Muted;
    if (exercise && !exercise->done()) {
        if (exercise->wayOn()) {
            note = ctx.t.tr("Not quite yet? That is fine: you can go on.");
        } else if (asked_) {
            note = std::string(icon::Warning) + "  " + missing_;
            ink = colour::Accent;
        } else if (middle >= th.unit * 9) {
            note = missing_;
        }
    }
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const bool above = !note.empty() && middle < th.unit * 9;
    if (above) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        practiceText(note, ink);
        ImGui::PopTextWrapPos();
        if (asked_) ctx.map.record("player.missing", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), missing_);
    }
    const float rowY = ImGui::GetCursorScreenPos().y;
    if (twoRows) {
        // Next first, at the right; the way back under it.
        ImGui::SetCursorScreenPos(ImVec2(start.x + width - nextW, rowY));
    } else {
        ImGui::SetCursorScreenPos(ImVec2(start.x + width - nextW, rowY));
    }
    const bool tappedNext = bigButton(ctx.map, next.id, next.icon, next.label.c_str(), ImVec2(nextW, h), next.look);
    if (run->canGoBack()) {
        ImGui::SetCursorScreenPos(twoRows ? ImVec2(start.x, rowY + h + style.ItemSpacing.y) : ImVec2(start.x, rowY));
        if (bigButton(ctx.map, back.id, back.icon, back.label.c_str(), ImVec2(backW, h), back.look))
            intent = back.intent;
    }
    if (!above && !note.empty()) {
        const ImVec2 at(start.x + backW + gap + th.unit * 0.5F, rowY);
        const float noteW = middle - th.unit;
        const ImVec2 size = th.body->CalcTextSizeA(th.unit, FLT_MAX, noteW, note.c_str());
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + std::max(0.0F, (h - size.y) * 0.5F)));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + noteW);
        practiceText(note, ink);
        ImGui::PopTextWrapPos();
        if (asked_) ctx.map.record("player.missing", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), missing_);
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, rowY + (twoRows && run->canGoBack() ? 2 * h + style.ItemSpacing.y : h)));
    ImGui::Dummy(ImVec2(width, 0));

    // Keyboard: Enter turns the page once the practice is done (or when there is none). Not
    // io.WantTextInput: it stays true for the frame after the Enter that confirmed a typing
    // exercise, and a second Enter landing in that frame was lost (readyBefore_ already keeps
    // the confirming Enter from turning the page).
    const bool enter = !modal && readyBefore_ && ImGui::IsKeyPressed(SDL_SCANCODE_RETURN, false);
    if (tappedNext || enter) {
        if (canNext) {
            intent = next.intent;
        } else {
            // Not yet: say what is missing, and show it.
            asked_ = reveal_ = true;
        }
    }
    if (modal) {
        ImGui::EndDisabled();
        intent = leaveConfirmation(ctx);
    }
    return intent;
}

} // namespace dps::kiosk::ui
