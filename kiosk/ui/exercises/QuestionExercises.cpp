// Practice by thinking: a question, a suspicious message, an online form. Each tap is answered by
// a short note right under what was tapped, brought into view.
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"
#include "kiosk/ui/exercises/ExerciseView.h"

#include <SDL_scancode.h>
#include <cfloat>
#include <fmt/core.h>
#include <imgui_stdlib.h>

namespace dps::kiosk::ui {
namespace {

enum class Tone { Right, Wrong, Neutral };

// The answer to a tap, under what was tapped. Right is in the colour of a right answer, wrong in
// red with a warning sign, and a neutral note (a harmless line of a message) in the text's colour.
void note(const ViewContext& ctx, const std::string& text, Tone tone, ImVec2 tappedMin, bool reveal) {
    if (text.empty()) return;
    const char* mark = tone == Tone::Right ? icon::Check : tone == Tone::Wrong ? icon::Warning : icon::Info;
    const ImU32 ink = tone == Tone::Right ? colour::Primary : tone == Tone::Wrong ? colour::Accent : colour::Text;
    practiceText(std::string(mark) + "  " + text, ink);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ctx.map.record("exercise.feedback", min, max, text);
    if (reveal) scrollIntoView(ImVec2(min.x, std::min(min.y, tappedMin.y)), max);
}

// A full-width row that wraps its text; true when tapped.
bool row(const ViewContext& ctx, const std::string& id, const std::string& text, float width, ImU32 fill, ImU32 ink) {
    const Theme& th = ctx.theme;
    const float pad = th.unit * 0.4F;
    const ImVec2 ts = th.body->CalcTextSizeA(th.body->FontSize, FLT_MAX, width - 2 * pad, text.c_str());
    const ImVec2 size(width, std::max(ts.y + 2 * pad, th.touchTarget()));
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
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

void drawChoice(const ViewContext& ctx, const ChoiceExercise& e, ChoiceRun& run, Practice& p) {
    ImGui::PushFont(ctx.theme.lead);
    practiceText(ctx.text(e.question), colour::Text);
    ImGui::PopFont();
    p.missing = e.multiple ? fmt::format(fmt::runtime(ctx.t.tr("Tap every right answer. Found: {} of {}")), run.found(),
                                         run.toFind())
                           : std::string(ctx.t.tr("Tap the answer you choose."));
    if (e.multiple) practiceText(p.missing, colour::Muted);
    bool todoSet = false;
    for (std::size_t i = 0; i < e.answers.size(); ++i) {
        const bool marked = run.selected(i) || (e.multiple && run.tried(i));
        const bool right = e.answers[i].correct;
        ImU32 fill = colour::Surface, ink = colour::Text;
        if (marked) {
            fill = right ? colour::Primary : colour::Accent;
            ink = colour::OnPrimary;
        }
        const std::string mark = marked ? std::string(right ? icon::Check : icon::Close) + "  " : "";
        const std::string id = "exercise.answer." + std::to_string(i);
        // Numbered, so an answer can be chosen with the keyboard's digit keys too.
        const std::string label = fmt::format("{}.  {}{}", i + 1, mark, ctx.text(e.answers[i].text));
        const bool digit = i < 9 && !ImGui::GetIO().WantTextInput &&
                           (ImGui::IsKeyPressed(SDL_SCANCODE_1 + static_cast<int>(i), false) ||
                            ImGui::IsKeyPressed(SDL_SCANCODE_KP_1 + static_cast<int>(i), false));
        const bool tapped = row(ctx, id, label, p.area.x, fill, ink) || digit;
        const ImVec2 rowMin = ImGui::GetItemRectMin();
        if (!todoSet && !run.tried(i)) {
            p.setTodo(id, rowMin, ImGui::GetItemRectMax());
            todoSet = true;
        }
        if (tapped) run.choose(i);
        if (run.lastChosen() == i) {
            const auto& answer = e.answers[i];
            const std::string text = answer.feedback.empty()
                                         ? std::string(answer.correct ? ctx.t.tr("Yes, that is right.")
                                                                      : ctx.t.tr("Not this one. Try again."))
                                         : ctx.text(answer.feedback);
            note(ctx, text, answer.correct ? Tone::Right : Tone::Wrong, rowMin, tapped);
        }
    }
    if (run.done()) doneBanner(ctx);
}

void drawSpotScam(const ViewContext& ctx, const SpotScamExercise& e, SpotScamRun& run, Practice& p) {
    p.missing =
        fmt::format(fmt::runtime(ctx.t.tr("Tap what looks suspicious. Found: {} of {}")), run.found(), run.toFind());
    practiceText(p.missing, colour::Text);
    // The message, drawn like what it imitates: a header, then its parts.
    const char* kindIcon = e.kind == ScamKind::Sms   ? icon::Mobile
                           : e.kind == ScamKind::Web ? icon::Globe
                                                     : icon::Envelope;
    const char* fromLabel = e.kind == ScamKind::Web ? ctx.t.tr("Address:") : ctx.t.tr("From:");
    practiceText(std::string(kindIcon) + "  " + fromLabel + " " + ctx.text(e.from), colour::Muted);
    if (!e.subject.empty()) practiceText(std::string(ctx.t.tr("Subject:")) + " " + ctx.text(e.subject), colour::Muted);
    bool todoSet = false;
    for (std::size_t i = 0; i < e.parts.size(); ++i) {
        // A line found is marked as a right answer is (never in the red of a wrong one).
        const bool found = run.marked(i);
        const std::string text = (found ? std::string(icon::Check) + "  " : "") + ctx.text(e.parts[i].text);
        const std::string id = "exercise.part." + std::to_string(i);
        const bool tapped = row(ctx, id, text, p.area.x, found ? colour::Primary : colour::Surface,
                                found ? colour::OnPrimary : colour::Text);
        const ImVec2 rowMin = ImGui::GetItemRectMin();
        if (!todoSet && !found && run.lastTapped() != i) {
            p.setTodo(id, rowMin, ImGui::GetItemRectMax());
            todoSet = true;
        }
        if (tapped) run.tap(i);
        if (run.lastTapped() == i) {
            const auto& part = e.parts[i];
            std::string why = part.why.empty() ? "" : ctx.text(part.why);
            if (!part.suspicious && why.empty()) why = ctx.t.tr("This part looks normal.");
            if (part.suspicious && why.empty()) why = ctx.t.tr("Yes, that is right.");
            note(ctx, why, part.suspicious ? Tone::Right : Tone::Neutral, rowMin, tapped);
        }
    }
    if (run.done()) doneBanner(ctx);
}

void drawForm(const ViewContext& ctx, const FormExercise& e, FormRun& run, Practice& p) {
    const Theme& th = ctx.theme;
    const std::string submit = ctx.text(e.submit);
    p.missing = fmt::format(fmt::runtime(ctx.t.tr("Fill in the form, then press “{}”.")), submit);
    // The form is framed like a web page's, inside the practice area.
    const float pad = th.unit * 0.5F;
    const ImVec2 frame = ImGui::GetCursorScreenPos();
    const float inner = p.area.x - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(frame.x + pad, frame.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    ImGui::PushFont(th.lead);
    practiceText(ctx.text(e.title), colour::Text);
    ImGui::PopFont();
    practiceText(ctx.t.tr("A practice form: write invented details, never your own."), colour::Muted);
    bool todoSet = false;
    std::optional<std::pair<ImVec2, ImVec2>> firstError;
    for (std::size_t i = 0; i < e.fields.size(); ++i) {
        const auto& f = e.fields[i];
        ImGui::PushID(static_cast<int>(i));
        std::string label = ctx.text(f.label);
        if (f.required) label += " *";
        practiceText(label, colour::Text);
        ImGui::SetNextItemWidth(inner);
        ImGui::InputText("###value", &run.value(i));
        const std::string id = "exercise.field." + std::to_string(i);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ctx.map.record(id, a, b, label, {.role = SpokenRole::Field});
        if (!todoSet && f.required && run.value(i).find_first_not_of(" \t") == std::string::npos) {
            p.setTodo(id, a, b);
            todoSet = true;
        }
        if (!f.help.empty()) practiceText(ctx.text(f.help), colour::Muted);
        if (run.submitted() && run.error(i) != FieldError::None) {
            practiceText(std::string(icon::Warning) + "  " + ctx.t.tr(fieldErrorText(run.error(i))), colour::Accent);
            if (!firstError) firstError = std::make_pair(a, ImGui::GetItemRectMax());
        }
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
    if (run.done()) {
        practiceText(std::string(icon::Check) + "  " +
                         ctx.t.tr("Sent! In real life, keep the confirmation or reference number."),
                     colour::Primary);
    } else {
        const float w = std::min(
            inner, std::max(th.unit * 9, th.body->CalcTextSizeA(th.unit, FLT_MAX, 0, submit.c_str()).x + th.unit * 3));
        const bool sent = bigButton(ctx.map, "exercise.submit", icon::Next, submit.c_str(), ImVec2(w, th.touchTarget()),
                                    ButtonLook::Primary);
        if (!todoSet) p.setTodo("exercise.submit", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        // Sent with a mistake: the first field to correct comes into view (its message shows from
        // the next frame on, so that is when).
        ImGuiStorage* storage = ImGui::GetStateStorage();
        const ImGuiID reveal = ImGui::GetID("reveal-error");
        if (storage->GetBool(reveal) && firstError) {
            scrollIntoView(firstError->first, firstError->second);
            storage->SetBool(reveal, false);
        }
        if (sent && !run.submit()) storage->SetBool(reveal, true);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const ImVec2 end = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(frame, ImVec2(frame.x + p.area.x, end.y + pad), colour::Outline, th.unit * 0.3F,
                                        0, 1.5F);
    ImGui::SetCursorScreenPos(ImVec2(frame.x, end.y + pad));
    ImGui::Dummy(ImVec2(p.area.x, ImGui::GetStyle().ItemSpacing.y * 0.5F));
}

} // namespace dps::kiosk::ui
