// [SECTION] Layout: the text column and the picture, then a row of buttons at the bottom
// [SECTION] The check: step lines and the verdict
// [SECTION] The PIN test: the risk, the keypad, the wait, the result
#include "EidCheckView.h"
#include "../../app/EidMessages.h"
#include "../Icons.h"
#include "../Widgets.h"

#include <SDL_scancode.h>
#include <array>
#include <cfloat>
#include <fmt/core.h>
#include <functional>
#include <vector>

namespace dps::kiosk::ui {
namespace {

using eid::CheckStep;
using i18n::N_;

// [SECTION] Layout

struct Button {
    const char* id;
    const char* icon;
    std::string label;
    Intent intent;
    ButtonLook look = ButtonLook::Choice;
};

struct Frame {
    float width = 0, bodyH = 0, footerH = 0;
    bool large = false;
};

Frame frameFor(const ViewContext& ctx, std::size_t buttons) {
    const Theme& th = ctx.theme;
    Frame f;
    f.width = ImGui::GetWindowWidth() - 2 * ImGui::GetStyle().WindowPadding.x;
    f.large = th.unit > th.baseUnit * 1.2F;
    // Large text may need two rows of buttons.
    const float perRow = std::max(1.0F, std::floor(f.width / (th.unit * 9.5F)));
    const float rows = std::ceil(static_cast<float>(buttons) / perRow);
    f.footerH = rows * (th.touchTarget() + ImGui::GetStyle().ItemSpacing.y) + ImGui::GetStyle().ItemSpacing.y;
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    f.bodyH = std::max(th.unit * 4, height - ImGui::GetCursorPosY() - f.footerH);
    return f;
}

void wrapped(ImFont* font, ImU32 ink, const std::string& text) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// Text on the left, the picture on the right; with large text, one column that scrolls.
void body(const ViewContext& ctx, const Frame& f, const char* pictureName, const std::function<void(float)>& text) {
    const Theme& th = ctx.theme;
    const std::filesystem::path file = ctx.eidPictures / (std::string(pictureName) + ".png");
    const bool stacked = f.large || f.width * 0.4F < th.unit * 12;
    if (stacked) {
        ImGui::BeginChild("###eid-column", ImVec2(f.width, f.bodyH), false);
        text(f.width - ImGui::GetStyle().ScrollbarSize);
        ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
        picture(ctx.images, file, ImVec2(f.width - ImGui::GetStyle().ScrollbarSize, th.unit * 8));
        dragToScroll();
        ImGui::EndChild();
        return;
    }
    const float leftW = f.width * 0.58F;
    ImGui::BeginChild("###eid-text", ImVec2(leftW, f.bodyH), false);
    text(leftW);
    dragToScroll();
    ImGui::EndChild();
    ImGui::SameLine();
    const float rightW = f.width - leftW - ImGui::GetStyle().ItemSpacing.x;
    ImGui::BeginChild("###eid-picture", ImVec2(rightW, f.bodyH), false);
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
    picture(ctx.images, file, ImVec2(rightW, std::min(f.bodyH - th.unit, rightW * 0.625F)));
    ImGui::EndChild();
}

// The buttons in a row at the bottom, wrapping when the text is large; read-aloud first.
Intent footer(const ViewContext& ctx, const Frame& f, std::vector<Button> buttons, const std::string& readAloud) {
    const Theme& th = ctx.theme;
    if (ctx.speech && ctx.speech->available() && !readAloud.empty()) {
        const bool speaking = ctx.speech->speaking();
        Intent speak = Intent::of(speaking ? Intent::Kind::StopReading : Intent::Kind::ReadAloud);
        speak.value = speaking ? std::string() : readAloud;
        buttons.insert(buttons.begin(), Button{"eid.read-aloud", icon::Speaker,
                                               speaking ? ctx.t.tr("Stop reading") : ctx.t.tr("Read aloud"), speak,
                                               speaking ? ButtonLook::ChosenChoice : ButtonLook::Choice});
    }
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), height - f.footerH + ImGui::GetStyle().ItemSpacing.y));
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float x = 0;
    for (const auto& b : buttons) {
        const float textW = ImGui::GetFont()->CalcTextSizeA(th.unit, FLT_MAX, 0, b.label.c_str()).x;
        const float w = std::min(f.width, std::max(th.unit * 7, textW + th.unit * 3.2F));
        if (x > 0 && x + w <= f.width)
            ImGui::SameLine();
        else
            x = 0;
        if (bigButton(ctx.map, b.id, b.icon, b.label.c_str(), ImVec2(w, th.touchTarget()), b.look)) intent = b.intent;
        x += w + gap;
    }
    return intent;
}

Button homeButton(const ViewContext& ctx) {
    return {"eid.home", icon::Home, ctx.t.tr("Home"), Intent::of(Intent::Kind::BackToHome)};
}

std::string facilitatorMark(AskFacilitator a, const i18n::Translator& t) {
    const std::string line = facilitatorLine(a, t);
    return line.empty() ? line : std::string(icon::HandPaper) + "  " + line;
}

// [SECTION] The check

constexpr std::array kSteps{CheckStep::Service, CheckStep::Reader,   CheckStep::Card,         CheckStep::BelgianEid,
                            CheckStep::Applet,  CheckStep::Validity, CheckStep::Certificates, CheckStep::PinTries};

void stepLines(const ViewContext& ctx, const eid::CheckReport* report, float width) {
    const Theme& th = ctx.theme;
    for (const auto step : kSteps) {
        const eid::StepResult* found = nullptr;
        if (report) {
            for (const auto& s : report->steps) {
                if (s.step == step) found = &s;
            }
        }
        const bool warning = found && found->ok && found->outcome == report->verdict &&
                             found->outcome != eid::Outcome::CardValid && found->outcome != eid::Outcome::PinOk;
        const char* mark = !found ? icon::Circle : !found->ok || warning ? icon::Warning : icon::Check;
        const ImU32 ink = !found ? colour::Muted : found->ok && !warning ? colour::Primary : colour::Accent;
        const std::string name = std::string(mark) + "  " + ctx.t.tr(eidStepName(step));
        const std::string detail = found ? eidStepDetail(*found, *report, ctx.t) : std::string();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw->AddText(th.body, th.unit, at, ink, name.c_str());
        float h = th.unit * 1.35F;
        if (!detail.empty()) {
            // The detail follows the name, wrapped under itself when it is long.
            const float indent = th.unit * 10.5F;
            const float detailW = std::max(th.unit * 6, width - indent);
            const ImVec2 size = th.body->CalcTextSizeA(th.unit, FLT_MAX, detailW, detail.c_str());
            draw->AddText(th.body, th.unit, ImVec2(at.x + indent, at.y), found->ok ? colour::Muted : colour::Accent,
                          detail.c_str(), nullptr, detailW);
            h = std::max(h, size.y + th.unit * 0.35F);
        }
        ImGui::Dummy(ImVec2(width, h));
    }
}

std::string readAloudText(const EidVerdict& v, const i18n::Translator& t) {
    std::string s = v.what + " " + v.todo;
    const std::string f = facilitatorLine(v.facilitator, t);
    if (!f.empty()) s += " " + f;
    return s;
}

Intent drawCheck(const ViewContext& ctx) {
    const auto& report = ctx.flow.eidReport();
    const bool works = report && report->cardWorks();
    const bool canTest = works && ctx.flow.settings().eidPinTest && report->pinTestPossible();
    const Tutorial* tutorial = ctx.flow.eidTutorial();
    std::vector<Button> buttons;
    buttons.push_back(homeButton(ctx));
    if (report && !works) {
        buttons.push_back(
            {"eid.again", icon::Refresh, ctx.t.tr("Check again"), Intent::of(Intent::Kind::EidCheckAgain)});
    }
    if (canTest) {
        buttons.push_back(
            {"eid.pin-test", icon::Key, ctx.t.tr("Test my PIN"), Intent::of(Intent::Kind::EidOfferPinTest)});
    }
    if (works && tutorial && report->verdict != eid::Outcome::AuthCertificateAbsentChild) {
        buttons.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                           Intent::openTutorial(tutorial->id), ButtonLook::Primary});
    }
    const Frame f = frameFor(ctx, buttons.size() + 1);
    const EidVerdict v = report ? eidVerdict(*report, ctx.t) : EidVerdict{};
    body(ctx, f, report ? v.picture : "insert-card", [&](float width) {
        stepLines(ctx, report ? &*report : nullptr, width);
        ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.3F));
        if (!report) {
            wrapped(ctx.theme.strong, colour::Text, ctx.t.tr("Looking for the card reader…"));
            return;
        }
        wrapped(ctx.theme.strong, colour::Text, v.what);
        wrapped(ctx.theme.body, colour::Text, v.todo);
        const std::string ask = facilitatorMark(v.facilitator, ctx.t);
        if (!ask.empty()) wrapped(ctx.theme.strong, colour::Accent, ask);
    });
    if (report) {
        ctx.map.note("verdict", eid::outcomeCode(report->verdict));
        ctx.map.note("card-works", works ? "yes" : "no");
    }
    return footer(ctx, f, std::move(buttons), report ? readAloudText(v, ctx.t) : std::string());
}

// [SECTION] The PIN test

std::string triesLine(const eid::CheckReport& r, const i18n::Translator& t) {
    if (!r.pinTriesLeft) return t.tr("This older card cannot tell how many tries are left without using one.");
    return t.trCount("You have {} try left.", "You have {} tries left.", *r.pinTriesLeft);
}

Intent drawPinExplain(const ViewContext& ctx) {
    const auto& report = *ctx.flow.eidReport();
    const std::string tries = triesLine(report, ctx.t);
    const std::string risk = ctx.t.tr("Each wrong PIN uses one try. After three wrong PINs in a row the card is "
                                      "blocked, and only your municipality can unblock it, with the PUK code from the "
                                      "letter you got with your card.");
    const std::string advice = ctx.t.tr("Test your PIN only if you think you know it. A right PIN gives you back all "
                                        "your tries. Nobody sees it, and it is not kept.");
    const bool lastTry = report.pinTriesLeft == 1;
    const std::string warning =
        lastTry ? ctx.t.tr("Only one try is left: if this PIN is wrong, your card will be blocked.") : "";
    std::vector<Button> buttons{
        {"eid.pin-cancel", icon::Back, ctx.t.tr("No, go back"), Intent::of(Intent::Kind::EidCancelPinTest)},
        {"eid.pin-confirm", icon::Key, ctx.t.tr("I understand, test my PIN"),
         Intent::of(Intent::Kind::EidConfirmPinTest), lastTry ? ButtonLook::Choice : ButtonLook::Primary}};
    const Frame f = frameFor(ctx, buttons.size() + 1);
    body(ctx, f, "pin-keypad", [&](float) {
        wrapped(ctx.theme.strong, colour::Text, tries);
        if (lastTry) wrapped(ctx.theme.strong, colour::Accent, std::string(icon::Warning) + "  " + warning);
        ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        wrapped(ctx.theme.body, colour::Text, risk);
        ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        wrapped(ctx.theme.body, colour::Text, advice);
        if (report.pinpad) {
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
            wrapped(ctx.theme.body, colour::Muted, ctx.t.tr("You will type your PIN on the card reader's own keypad."));
        }
    });
    ctx.map.note("phase", "pin-explain");
    return footer(ctx, f, std::move(buttons), tries + " " + warning + " " + risk + " " + advice);
}

// The PIN typed so far, as dots: the digits themselves never leave the core.
void maskedField(const ViewContext& ctx, float width) {
    const Theme& th = ctx.theme;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, th.unit * 2.2F);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), colour::Surface, th.unit * 0.3F);
    draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), colour::Outline, th.unit * 0.3F, 0, th.unit * 0.1F);
    const std::size_t n = ctx.flow.pinDigits();
    const float r = th.unit * 0.35F, step = th.unit * 1.2F;
    const float x0 = at.x + (size.x - step * static_cast<float>(std::max<std::size_t>(n, 1))) * 0.5F + step * 0.5F;
    for (std::size_t i = 0; i < n; ++i)
        draw->AddCircleFilled(ImVec2(x0 + step * static_cast<float>(i), at.y + size.y * 0.5F), r, colour::Text);
    ImGui::Dummy(size);
}

// Digits, erase and OK, from the screen or the keyboard (digits, Backspace, Enter).
Intent keypad(const ViewContext& ctx, float width) {
    const Theme& th = ctx.theme;
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 key((std::min(width, th.unit * 16) - 2 * gap) / 3, th.touchTarget() * 1.05F);
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        if (i == 9) {
            if (bigButton(ctx.map, "eid.key.erase", icon::Erase, ctx.t.tr("Erase"), key, ButtonLook::Choice))
                intent = Intent::of(Intent::Kind::EidPinErase);
        } else if (i == 11) {
            if (!ctx.flow.pinComplete()) ImGui::BeginDisabled();
            if (bigButton(ctx.map, "eid.key.ok", icon::Check, ctx.t.tr("OK"), key,
                          ctx.flow.pinComplete() ? ButtonLook::Primary : ButtonLook::Choice))
                intent = Intent::of(Intent::Kind::EidPinSubmit);
            if (!ctx.flow.pinComplete()) ImGui::EndDisabled();
        } else {
            const std::string id = std::string("eid.key.") + labels[i];
            if (bigButton(ctx.map, id.c_str(), nullptr, labels[i], key, ButtonLook::Choice, th.heading)) {
                intent = Intent{Intent::Kind::EidPinDigit, labels[i]};
            }
        }
    }
    if (ImGui::GetIO().WantTextInput) return intent;
    for (int d = 0; d <= 9; ++d) {
        const int top = d == 0 ? SDL_SCANCODE_0 : SDL_SCANCODE_1 + d - 1;
        const int pad = d == 0 ? SDL_SCANCODE_KP_0 : SDL_SCANCODE_KP_1 + d - 1;
        if (ImGui::IsKeyPressed(top, false) || ImGui::IsKeyPressed(pad, false))
            intent = Intent{Intent::Kind::EidPinDigit, std::string(1, static_cast<char>('0' + d))};
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_BACKSPACE)) intent = Intent::of(Intent::Kind::EidPinErase);
    if ((ImGui::IsKeyPressed(SDL_SCANCODE_RETURN, false) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_ENTER, false)) &&
        ctx.flow.pinComplete())
        intent = Intent::of(Intent::Kind::EidPinSubmit);
    return intent;
}

Intent drawPinEntry(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    std::vector<Button> buttons{
        {"eid.pin-cancel", icon::Close, ctx.t.tr("Cancel"), Intent::of(Intent::Kind::EidCancelPinTest)}};
    const Frame f = frameFor(ctx, buttons.size());
    Intent typed;
    ImGui::BeginChild("###eid-keypad", ImVec2(f.width, f.bodyH), false);
    const float column = std::min(f.width, th.unit * 16);
    centreBlock(column);
    ImGui::BeginGroup();
    wrapped(th.strong, colour::Text, ctx.t.tr("Type your PIN code, then OK."));
    wrapped(th.body, colour::Muted, ctx.t.tr("Nobody sees it, and it is not kept."));
    maskedField(ctx, column);
    typed = keypad(ctx, column);
    ImGui::EndGroup();
    dragToScroll();
    ImGui::EndChild();
    ctx.map.note("phase", "pin-entry");
    ctx.map.note("pin-digits", std::to_string(ctx.flow.pinDigits()));
    const Intent pressed = footer(ctx, f, std::move(buttons), std::string());
    return pressed.kind != Intent::Kind::None ? pressed : typed;
}

Intent drawPinTesting(const ViewContext& ctx) {
    const auto& report = ctx.flow.eidReport();
    const bool pinpad = report && report->pinpad;
    const Frame f = frameFor(ctx, 0);
    const std::string text = pinpad ? ctx.t.tr("Type your PIN on the card reader's keypad, then press its OK key.")
                                    : ctx.t.tr("Checking your PIN…");
    body(ctx, f, "pin-keypad", [&](float) {
        wrapped(ctx.theme.strong, colour::Text, std::string(icon::Hourglass) + "  " + text);
        wrapped(ctx.theme.body, colour::Muted, ctx.t.tr("Leave the card in the reader."));
    });
    ctx.map.note("phase", "pin-testing");
    return {};
}

Intent drawPinResult(const ViewContext& ctx) {
    const auto& result = *ctx.flow.pinResult();
    const EidVerdict v = pinVerdict(result, ctx.t);
    const Tutorial* tutorial = ctx.flow.eidTutorial();
    std::vector<Button> buttons{
        homeButton(ctx),
        {"eid.again", icon::Refresh, ctx.t.tr("Back to the check"), Intent::of(Intent::Kind::EidCheckAgain)}};
    if (result.outcome == eid::Outcome::PinRight && tutorial) {
        buttons.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                           Intent::openTutorial(tutorial->id), ButtonLook::Primary});
    }
    const Frame f = frameFor(ctx, buttons.size() + 1);
    body(ctx, f, v.picture, [&](float) {
        wrapped(ctx.theme.heading, result.outcome == eid::Outcome::PinRight ? colour::Primary : colour::Text, v.what);
        wrapped(ctx.theme.body, colour::Text, v.todo);
        const std::string ask = facilitatorMark(v.facilitator, ctx.t);
        if (!ask.empty()) wrapped(ctx.theme.strong, colour::Accent, ask);
    });
    ctx.map.note("phase", "pin-result");
    ctx.map.note("pin-result", eid::outcomeCode(result.outcome));
    return footer(ctx, f, std::move(buttons), readAloudText(v, ctx.t));
}

} // namespace

Intent EidCheckView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const EidPhase phase = ctx.flow.eidPhase();
    const bool pin = phase != EidPhase::Checking;
    ImGui::PushFont(th.heading);
    ImGui::TextUnformatted(pin ? ctx.t.tr("Test my PIN code") : ctx.t.tr("Check my e-ID card"));
    ImGui::PopFont();
    switch (phase) {
    case EidPhase::Checking: ctx.map.note("phase", "checking"); return drawCheck(ctx);
    case EidPhase::PinExplain: return drawPinExplain(ctx);
    case EidPhase::PinEntry: return drawPinEntry(ctx);
    case EidPhase::PinTesting: return drawPinTesting(ctx);
    case EidPhase::PinResult: return drawPinResult(ctx);
    }
    return {};
}

} // namespace dps::kiosk::ui
