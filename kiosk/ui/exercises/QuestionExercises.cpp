// Practice by thinking: a question, a suspicious message, an online form.
#include "../Icons.h"
#include "../Widgets.h"
#include "ExerciseView.h"

#include <SDL_scancode.h>
#include <cfloat>
#include <fmt/core.h>
#include <imgui_stdlib.h>

namespace dps::kiosk::ui {
namespace {

void feedback(const ViewContext& ctx, const std::string& text, bool good) {
    if (text.empty()) return;
    const std::string line = std::string(good ? icon::Check : icon::Warning) + "  " + text;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(good ? colour::Primary : colour::Accent));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ctx.map.record("exercise.feedback", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), text);
}

// A full-width row that wraps its text; true when tapped.
bool row(const ViewContext& ctx, const char* id, const std::string& text, float width, ImU32 fill, ImU32 ink) {
    const Theme& th = ctx.theme;
    const float pad = th.unit * 0.4F;
    const ImVec2 ts = th.body->CalcTextSizeA(th.body->FontSize, FLT_MAX, width - 2 * pad, text.c_str());
    const ImVec2 size(width, std::max(ts.y + 2 * pad, th.touchTarget()));
    const bool pressed = ImGui::InvisibleButton(id, size);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(a, b, ImGui::IsItemHovered() && fill == colour::Surface ? colour::SurfaceHover : fill,
                        th.unit * 0.3F);
    draw->AddRect(a, b, colour::Outline, th.unit * 0.3F, 0, 1.5F);
    draw->AddText(th.body, th.body->FontSize, ImVec2(a.x + pad, a.y + (size.y - ts.y) * 0.5F), ink, text.c_str(),
                  nullptr, width - 2 * pad);
    ctx.map.record(id, a, b, text);
    return pressed;
}

const char* fieldErrorText(FieldError e) {
    switch (e) {
    case FieldError::None: return "";
    case FieldError::Required: return i18n::N_("Please fill this in.");
    case FieldError::Date: return i18n::N_("Write the date like this: 25/12/1980.");
    case FieldError::Postcode: return i18n::N_("A Belgian postcode has 4 digits, like 1000.");
    case FieldError::Email: return i18n::N_("An e-mail address looks like this: name@example.be.");
    case FieldError::Phone: return i18n::N_("Write a phone number with 9 to 13 digits.");
    case FieldError::Number: return i18n::N_("Only digits, please.");
    }
    return "";
}

} // namespace

void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, ImVec2 area) {
    ImGui::BeginChild("###choice", area, false);
    ImGui::PushFont(ctx.theme.lead);
    ImGui::TextWrapped("%s", ctx.text(e.question).c_str());
    ImGui::PopFont();
    if (e.multiple) ImGui::TextUnformatted(ctx.t.tr("Several answers are right: choose them all, then Check."));
    const float width = area.x - ImGui::GetStyle().ScrollbarSize;
    for (std::size_t i = 0; i < e.answers.size(); ++i) {
        const bool chosen = run.selected(i);
        const bool right = e.answers[i].correct;
        ImU32 fill = colour::Surface, ink = colour::Text;
        if (chosen && (e.multiple ? !run.done() : true)) {
            fill = e.multiple || right ? colour::Primary : colour::Accent;
            ink = colour::OnPrimary;
        }
        const std::string mark = chosen ? std::string(e.multiple || right ? icon::Check : icon::Close) + "  " : "";
        const std::string id = "exercise.answer." + std::to_string(i);
        // Numbered, so an answer can be chosen with the keyboard's digit keys too.
        const std::string label = fmt::format("{}.  {}{}", i + 1, mark, ctx.text(e.answers[i].text));
        const bool digit = i < 9 && !ImGui::GetIO().WantTextInput &&
                           (ImGui::IsKeyPressed(SDL_SCANCODE_1 + static_cast<int>(i), false) ||
                            ImGui::IsKeyPressed(SDL_SCANCODE_KP_1 + static_cast<int>(i), false));
        if (row(ctx, id.c_str(), label, width, fill, ink) || digit) run.choose(i);
    }
    if (e.multiple && !run.done()) {
        if (bigButton(ctx.map, "exercise.check", icon::Check, ctx.t.tr("Check"),
                      ImVec2(ctx.theme.unit * 7, ctx.theme.touchTarget()), ButtonLook::Primary)) {
            run.check();
        }
        if (run.checkedWrong()) feedback(ctx, ctx.t.tr("Not quite: look at your choices again."), false);
    }
    if (const auto last = run.lastChosen(); last && (!e.multiple || run.done())) {
        const auto& answer = e.answers[*last];
        const std::string text =
            answer.feedback.empty()
                ? std::string(answer.correct ? ctx.t.tr("Yes, that is right.") : ctx.t.tr("Not this one. Try again."))
                : ctx.text(answer.feedback);
        feedback(ctx, text, answer.correct);
    }
    if (run.done()) doneBanner(ctx);
    ImGui::EndChild();
}

void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, ImVec2 area) {
    const Theme& th = ctx.theme;
    ImGui::BeginChild("###scam", area, false);
    const std::string ask =
        fmt::format(fmt::runtime(ctx.t.tr("Tap what looks suspicious. Found: {} of {}")), run.found(), run.toFind());
    ImGui::TextWrapped("%s", ask.c_str());
    const float width = area.x - ImGui::GetStyle().ScrollbarSize;
    // The message, drawn like what it imitates: a header, then its parts.
    const char* kindIcon = e.kind == ScamKind::Sms   ? icon::Mobile
                           : e.kind == ScamKind::Web ? icon::Globe
                                                     : icon::Envelope;
    const char* fromLabel = e.kind == ScamKind::Web ? ctx.t.tr("Address:") : ctx.t.tr("From:");
    std::string header = std::string(kindIcon) + "  " + fromLabel + " " + ctx.text(e.from);
    if (!e.subject.empty()) header += "\n" + std::string(ctx.t.tr("Subject:")) + " " + ctx.text(e.subject);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Muted));
    ImGui::TextWrapped("%s", header.c_str());
    ImGui::PopStyleColor();
    for (std::size_t i = 0; i < e.parts.size(); ++i) {
        const bool marked = run.marked(i);
        const std::string text = (marked ? std::string(icon::Flag) + "  " : "") + ctx.text(e.parts[i].text);
        const std::string id = "exercise.part." + std::to_string(i);
        if (row(ctx, id.c_str(), text, width, marked ? colour::Accent : colour::Surface,
                marked ? colour::OnPrimary : colour::Text)) {
            run.tap(i);
        }
    }
    if (const auto last = run.lastTapped()) {
        const auto& part = e.parts[*last];
        std::string why = part.why.empty() ? "" : ctx.text(part.why);
        if (!part.suspicious && why.empty()) why = ctx.t.tr("This part looks normal.");
        feedback(ctx, why, part.suspicious);
    }
    if (run.done()) doneBanner(ctx);
    (void)th;
    ImGui::EndChild();
}

void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, ImVec2 area) {
    const Theme& th = ctx.theme;
    ImGui::BeginChild("###form", area, true);
    ImGui::PushFont(th.lead);
    ImGui::TextWrapped("%s", ctx.text(e.title).c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Muted));
    ImGui::TextWrapped("%s", ctx.t.tr("A practice form: write invented details, never your own."));
    ImGui::PopStyleColor();
    const float width = area.x - ImGui::GetStyle().ScrollbarSize - 2 * ImGui::GetStyle().WindowPadding.x;
    for (std::size_t i = 0; i < e.fields.size(); ++i) {
        const auto& f = e.fields[i];
        ImGui::PushID(static_cast<int>(i));
        std::string label = ctx.text(f.label);
        if (f.required) label += " *";
        ImGui::TextUnformatted(label.c_str());
        ImGui::SetNextItemWidth(width);
        ImGui::InputText("###value", &run.value(i));
        ctx.map.record("exercise.field." + std::to_string(i), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (!f.help.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::Muted));
            ImGui::TextWrapped("%s", ctx.text(f.help).c_str());
            ImGui::PopStyleColor();
        }
        if (run.submitted() && run.error(i) != FieldError::None)
            feedback(ctx, ctx.t.tr(fieldErrorText(run.error(i))), false);
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    if (run.done()) {
        feedback(ctx, ctx.t.tr("Sent! In real life, keep the confirmation or reference number."), true);
    } else if (bigButton(ctx.map, "exercise.submit", icon::Next, ctx.text(e.submit).c_str(),
                         ImVec2(th.unit * 9, th.touchTarget()), ButtonLook::Primary)) {
        run.submit();
    }
    ImGui::EndChild();
}

} // namespace dps::kiosk::ui
