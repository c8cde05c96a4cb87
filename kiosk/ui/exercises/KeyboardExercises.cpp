// Practice with the keyboard: typing a text, special keys, a strong password.
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"
#include "kiosk/ui/exercises/ExerciseView.h"

#include <SDL_scancode.h>
#include <array>
#include <cfloat>
#include <fmt/core.h>
#include <imgui_stdlib.h>

namespace dps::kiosk::ui {
namespace {

const char* keyName(Key k) {
    switch (k) {
    case Key::Enter: return i18n::N_("Enter");
    case Key::Backspace: return i18n::N_("Backspace (erase)");
    case Key::Shift: return i18n::N_("Shift (capital letters)");
    case Key::Tab: return i18n::N_("Tab");
    case Key::Space: return i18n::N_("Space bar");
    case Key::Left: return i18n::N_("Arrow left");
    case Key::Right: return i18n::N_("Arrow right");
    case Key::Up: return i18n::N_("Arrow up");
    case Key::Down: return i18n::N_("Arrow down");
    case Key::Escape: return i18n::N_("Escape (Esc)");
    }
    return "";
}

// The SDL backend of Dear ImGui 1.86 indexes io.KeysDown by SDL scancode.
std::optional<Key> pressedKey() {
    static constexpr std::array<std::pair<SDL_Scancode, Key>, 11> kMap{{
        {SDL_SCANCODE_RETURN, Key::Enter},
        {SDL_SCANCODE_KP_ENTER, Key::Enter},
        {SDL_SCANCODE_BACKSPACE, Key::Backspace},
        {SDL_SCANCODE_LSHIFT, Key::Shift},
        {SDL_SCANCODE_RSHIFT, Key::Shift},
        {SDL_SCANCODE_TAB, Key::Tab},
        {SDL_SCANCODE_SPACE, Key::Space},
        {SDL_SCANCODE_LEFT, Key::Left},
        {SDL_SCANCODE_RIGHT, Key::Right},
        {SDL_SCANCODE_UP, Key::Up},
        {SDL_SCANCODE_DOWN, Key::Down},
    }};
    for (const auto& [code, key] : kMap) {
        if (ImGui::IsKeyPressed(code, false)) return key;
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_ESCAPE, false)) return Key::Escape;
    return std::nullopt;
}

void checkLine(bool ok, const std::string& text) {
    practiceText(std::string(ok ? icon::Check : icon::Circle) + "  " + text, ok ? colour::Primary : colour::Muted);
}

// Marks, in the text field just drawn, the letter that differs from what was asked: tinted, and
// a thick line under it (the place after the last letter when one is missing).
// Only while the whole text fits the field, as it does for the short texts of the lessons.
void markLetter(const ViewContext& ctx, const std::string& typed, std::size_t letter) {
    const ImVec2 field = ImGui::GetItemRectMin(), fieldMax = ImGui::GetItemRectMax();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    if (font->CalcTextSizeA(size, FLT_MAX, 0, typed.c_str()).x > fieldMax.x - field.x - 2 * pad.x) return;
    const LetterSpan span = letterSpan(typed, letter);
    const float x0 = field.x + pad.x + font->CalcTextSizeA(size, FLT_MAX, 0, typed.data(), typed.data() + span.begin).x;
    const float w = span.length > 0 ? font->CalcTextSizeA(size, FLT_MAX, 0, typed.data() + span.begin,
                                                          typed.data() + span.begin + span.length)
                                          .x
                                    : size * 0.5F;
    const float y0 = field.y + pad.y, y1 = y0 + size;
    const float line = std::max(2.0F, ctx.theme.unit * 0.15F);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // As a highlighter would: a tint over the letter alone (a frame around it covered its
    // neighbours), and a thick line under it.
    const ImVec2 a(x0, y0), b(x0 + w, y1 + line);
    draw->AddRectFilled(a, ImVec2(b.x, y1), (colour::Accent & 0x00FFFFFFU) | 0x50000000U, line * 0.5F);
    draw->AddRectFilled(ImVec2(a.x, y1), b, colour::Accent);
    ctx.map.record("exercise.letter", a, b);
}

} // namespace

void drawTypeText(const ViewContext& ctx, TypeTextRun& run, Practice& p) {
    const Theme& th = ctx.theme;
    p.missing = ctx.t.tr("Type the text, then press Check.");
    practiceText(ctx.t.tr("Type this:"), colour::Text);
    ImGui::PushFont(th.heading);
    practiceText(run.expected(), colour::Text);
    ImGui::PopFont();
    if (run.done()) {
        practiceText(run.typed(), colour::Text);
        return doneBanner(ctx);
    }
    ImGui::PushFont(th.heading);
    ImGui::SetNextItemWidth(p.area.x);
    // The text field keeps the keyboard unless the visitor is pressing something else.
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("###typed", &run.typed(), ImGuiInputTextFlags_EnterReturnsTrue);
    ctx.map.record("exercise.input", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // Focus given here takes hold at the next frame: keys typed before it would be lost.
    ctx.map.note("input", ImGui::IsItemActive() ? "focused" : "waiting");
    if (const auto& c = run.lastCheck(); c && !c->matches && !c->tooLong && run.typed() == run.checkedText())
        markLetter(ctx, run.typed(), c->firstDifference);
    ImGui::PopFont();
    const bool check = bigButton(ctx.map, "exercise.check", icon::Check, ctx.t.tr("Check"),
                                 ImVec2(std::min(p.area.x, th.unit * 7), th.touchTarget()), ButtonLook::Primary);
    p.setTodo("exercise.check", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (entered || check) run.check();
    if (const auto& c = run.lastCheck(); c && !c->matches) {
        // The letter is marked in the field (markLetter) rather than counted to: "letter 5" asked
        // the visitor to count. Once they type again the mark goes, and so does the sentence.
        const char* msg = c->tooLong ? ctx.t.tr("Almost! There is something extra at the end.")
                          : run.typed() == run.checkedText()
                              ? ctx.t.tr("Almost! Look at the marked letter: it is different.")
                              : "";
        if (*msg != '\0') {
            practiceText(msg, colour::Accent);
            if (entered || check) scrollIntoView(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
    }
}

void drawSpecialKeys(const ViewContext& ctx, SpecialKeysRun& run, Practice& p, Demo demo) {
    const Theme& th = ctx.theme;
    p.missing = ctx.t.tr("Press the key shown on the screen.");
    // Arrows, Tab, Enter and Space must reach the exercise, not move the keyboard focus.
    ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
    const std::string progress = fmt::format("{} / {}", run.position(), run.keys().size());
    ImGui::TextUnformatted(progress.c_str());
    if (run.done()) return doneBanner(ctx);
    if (const auto k = pressedKey()) run.pressed(*k);
    if (run.done()) return doneBanner(ctx);
    practiceText(ctx.t.tr("Press this key:"), colour::Text);
    const char* name = ctx.t.tr(keyName(run.keys()[run.position()]));
    const ImVec2 cap(std::min(p.area.x, th.unit * 14), th.unit * 4);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(top.x, top.y + th.unit * 0.3F), ImVec2(top.x + cap.x, top.y + cap.y + th.unit * 0.3F),
                        colour::Muted, th.unit * 0.5F);
    // "Show me": the key goes down onto its shadow and comes back up, again and again.
    const bool down = demo && demoFrame(DemoGesture::KeyPress, *demo).pressed;
    const ImVec2 at(top.x, top.y + (down ? th.unit * 0.3F : 0.0F));
    if (demo) {
        ctx.map.note("demo", down ? "pressed" : "up");
        requestAnimation();
    }
    draw->AddRectFilled(at, ImVec2(at.x + cap.x, at.y + cap.y), colour::Surface, th.unit * 0.5F);
    draw->AddRect(at, ImVec2(at.x + cap.x, at.y + cap.y), colour::Text, th.unit * 0.5F, 0, 2);
    const ImVec2 ts = th.heading->CalcTextSizeA(th.heading->FontSize, FLT_MAX, cap.x - th.unit, name);
    draw->AddText(th.heading, th.heading->FontSize, ImVec2(at.x + (cap.x - ts.x) * 0.5F, at.y + (cap.y - ts.y) * 0.5F),
                  colour::Text, name, nullptr, cap.x - th.unit);
    ctx.map.record("exercise.key", at, ImVec2(at.x + cap.x, at.y + cap.y), name);
    ImGui::SetCursorScreenPos(top);
    ImGui::Dummy(ImVec2(cap.x, cap.y + th.unit * 0.6F));
}

void drawPassword(const ViewContext& ctx, PasswordRun& run, Practice& p) {
    const Theme& th = ctx.theme;
    p.missing = ctx.t.tr("Make up a strong password, then press Check.");
    practiceText(ctx.t.tr("Make up a password. It is checked here and never kept."), colour::Text);
    ImGui::PushFont(th.heading);
    ImGui::SetNextItemWidth(p.area.x);
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("###password", run.buffer(), run.capacity(),
                                          ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ctx.map.record("exercise.input", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopFont();
    const PasswordAdvice a = run.advice();
    const std::string length = fmt::format(fmt::runtime(ctx.t.tr("At least {} characters")), run.minLength());
    checkLine(a.longEnough, length);
    checkLine(a.hasLower && a.hasUpper, ctx.t.tr("Small and capital letters"));
    checkLine(a.hasDigit, ctx.t.tr("A digit"));
    checkLine(a.hasSymbol || a.passphrase, ctx.t.tr("A sign like ! ? # — or four words or more"));
    checkLine(!a.common && a.longEnough, ctx.t.tr("Not a well-known password"));
    if (run.done()) return doneBanner(ctx);
    const bool check = bigButton(ctx.map, "exercise.check", icon::Check, ctx.t.tr("Check"),
                                 ImVec2(std::min(p.area.x, th.unit * 7), th.touchTarget()), ButtonLook::Primary);
    p.setTodo("exercise.check", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (check || entered) run.confirm();
    if (!run.done() && run.failures() > 0) {
        practiceText(ctx.t.tr("Not strong enough yet: look at the points above."), colour::Accent);
        if (check || entered) scrollIntoView(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
}

} // namespace dps::kiosk::ui
