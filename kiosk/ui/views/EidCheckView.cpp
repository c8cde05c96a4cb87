// [SECTION] Layout: the text column and the picture, then the buttons at the bottom
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

// One state of the screen: its buttons and what read-aloud says. `pinned` buttons are always at
// the bottom (the ways out); `actions` too, except with large text, where they follow the text in
// the scrolling column so the column keeps room to be read.
struct Page {
    std::vector<Button> pinned, actions;
    std::string readAloud;
};

using Part = std::function<void(float width)>;

bool largeText(const ViewContext& ctx) { return ctx.theme.unit > ctx.theme.baseUnit * 1.2F; }

float buttonWidth(const ViewContext& ctx, const Button& b, float available) {
    const float textW = ImGui::GetFont()->CalcTextSizeA(ctx.theme.unit, FLT_MAX, 0, b.label.c_str()).x;
    return std::min(available, std::max(ctx.theme.unit * 7, textW + ctx.theme.unit * 3.2F));
}

// Buttons left to right from the cursor, wrapping at width.
Intent buttonRows(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float x = 0;
    for (const auto& b : buttons) {
        const float w = buttonWidth(ctx, b, width);
        if (x > 0 && x + w <= width)
            ImGui::SameLine();
        else
            x = 0;
        if (bigButton(ctx.map, b.id, b.icon, b.label.c_str(), ImVec2(w, ctx.theme.touchTarget()), b.look))
            intent = b.intent;
        x += w + gap;
    }
    return intent;
}

int rowsFor(const ViewContext& ctx, const std::vector<Button>& buttons, float width) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    int rows = buttons.empty() ? 0 : 1;
    float x = 0;
    for (const auto& b : buttons) {
        const float w = buttonWidth(ctx, b, width);
        if (x > 0 && x + w > width) {
            ++rows;
            x = 0;
        }
        x += w + gap;
    }
    return rows;
}

// Text wrapped at the window's edge, or at width when one is given.
void wrapped(ImFont* font, ImU32 ink, const std::string& text, float width = 0) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink));
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// Two columns: `left` (the steps, or the PIN test's explanation), and on the right `top` (the
// verdict) above the picture. With large text (or no picture), one column that scrolls: `top`,
// the actions, the picture, then `left`. Then the buttons at the bottom.
Intent drawPage(const ViewContext& ctx, Page page, const char* pictureName, const Part& left, const Part& top = {}) {
    const Theme& th = ctx.theme;
    const bool large = largeText(ctx);
    if (ctx.speech && ctx.speech->available() && !page.readAloud.empty()) {
        const bool speaking = ctx.speech->speaking();
        Intent speak = Intent::of(speaking ? Intent::Kind::StopReading : Intent::Kind::ReadAloud);
        speak.value = speaking ? std::string() : page.readAloud;
        page.pinned.push_back({"eid.read-aloud", icon::Speaker,
                               speaking ? ctx.t.tr("Stop reading") : ctx.t.tr("Read aloud"), speak,
                               speaking ? ButtonLook::ChosenChoice : ButtonLook::Choice});
    }
    std::vector<Button> bottom = page.pinned;
    if (!large) bottom.insert(bottom.end(), page.actions.begin(), page.actions.end());
    const float width = ImGui::GetWindowWidth() - 2 * ImGui::GetStyle().WindowPadding.x;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float footerH = static_cast<float>(rowsFor(ctx, bottom, width)) * (th.touchTarget() + spacing) + spacing;
    const float height = ImGui::GetMainViewport()->WorkSize.y - ImGui::GetStyle().WindowPadding.y;
    const float bodyH = std::max(th.unit * 4, height - ImGui::GetCursorPosY() - footerH);

    Intent inColumn;
    const std::filesystem::path file =
        pictureName ? ctx.eidPictures / (std::string(pictureName) + ".png") : std::filesystem::path();
    if (large || !pictureName || width * 0.45F < th.unit * 13) {
        ImGui::BeginChild("###eid-column", ImVec2(width, bodyH), false);
        const float w = width - ImGui::GetStyle().ScrollbarSize;
        if (top) top(w);
        if (large && !page.actions.empty()) {
            inColumn = buttonRows(ctx, page.actions, w);
            ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
        }
        if (pictureName) picture(ctx.images, file, ImVec2(w, th.unit * 7));
        left(w);
        dragToScroll();
        ImGui::EndChild();
    } else {
        const float leftW = width * 0.5F;
        ImGui::BeginChild("###eid-left", ImVec2(leftW, bodyH), false);
        left(leftW - th.unit);
        dragToScroll();
        ImGui::EndChild();
        ImGui::SameLine();
        const float rightW = width - leftW - ImGui::GetStyle().ItemSpacing.x;
        ImGui::BeginChild("###eid-right", ImVec2(rightW, bodyH), false);
        if (top) top(rightW);
        const float room = bodyH - ImGui::GetCursorPosY() - spacing * 2;
        if (room > th.unit * 3) picture(ctx.images, file, ImVec2(rightW, std::min(room, rightW * 0.625F)));
        dragToScroll();
        ImGui::EndChild();
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), height - footerH + spacing));
    const Intent pressed = buttonRows(ctx, bottom, width);
    return pressed.kind != Intent::Kind::None ? pressed : inColumn;
}

// Verdicts and titles: the heading font, or bold text when the visitor chose large text.
ImFont* titleFont(const ViewContext& ctx) { return largeText(ctx) ? ctx.theme.strong : ctx.theme.heading; }

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
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, th.unit * 0.25F));
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
        float h = th.unit * 1.2F;
        if (!detail.empty()) {
            // The detail follows the name, wrapped under itself when it is long.
            const float indent = th.unit * 9.0F;
            const float detailW = std::max(th.unit * 6, width - indent);
            const ImVec2 size = th.body->CalcTextSizeA(th.unit, FLT_MAX, detailW, detail.c_str());
            draw->AddText(th.body, th.unit, ImVec2(at.x + indent, at.y), found->ok ? colour::Muted : colour::Accent,
                          detail.c_str(), nullptr, detailW);
            h = std::max(h, size.y + th.unit * 0.2F);
        }
        ImGui::Dummy(ImVec2(width, h));
    }
    ImGui::PopStyleVar();
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
    const EidVerdict v = report ? eidVerdict(*report, ctx.t) : EidVerdict{};
    Page page;
    page.pinned.push_back(homeButton(ctx));
    if (report && !works) {
        page.actions.push_back(
            {"eid.again", icon::Refresh, ctx.t.tr("Check again"), Intent::of(Intent::Kind::EidCheckAgain)});
    }
    if (canTest) {
        page.actions.push_back(
            {"eid.pin-test", icon::Key, ctx.t.tr("Test my PIN"), Intent::of(Intent::Kind::EidOfferPinTest)});
    }
    if (works && tutorial && report->verdict != eid::Outcome::AuthCertificateAbsentChild) {
        page.actions.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                                Intent::openTutorial(tutorial->id), ButtonLook::Primary});
    }
    if (report) page.readAloud = readAloudText(v, ctx.t);
    if (report) {
        ctx.map.note("verdict", eid::outcomeCode(report->verdict));
        ctx.map.note("card-works", works ? "yes" : "no");
    }
    return drawPage(
        ctx, std::move(page), report ? v.picture : "insert-card",
        [&](float width) { stepLines(ctx, report ? &*report : nullptr, width); },
        [&](float) {
            if (!report) {
                wrapped(titleFont(ctx), colour::Text, ctx.t.tr("Looking for the card reader…"));
                return;
            }
            wrapped(titleFont(ctx), works ? colour::Primary : colour::Text, v.what);
            wrapped(largeText(ctx) ? ctx.theme.body : ctx.theme.lead, colour::Text, v.todo);
            const std::string ask = facilitatorMark(v.facilitator, ctx.t);
            if (!ask.empty()) wrapped(ctx.theme.lead, colour::Accent, ask);
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        });
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
    Page page;
    page.pinned.push_back(
        {"eid.pin-cancel", icon::Back, ctx.t.tr("No, go back"), Intent::of(Intent::Kind::EidCancelPinTest)});
    page.actions.push_back({"eid.pin-confirm", icon::Key, ctx.t.tr("I understand, test my PIN"),
                            Intent::of(Intent::Kind::EidConfirmPinTest),
                            lastTry ? ButtonLook::Choice : ButtonLook::Primary});
    page.readAloud = tries + " " + warning + " " + risk + " " + advice;
    ctx.map.note("phase", "pin-explain");
    return drawPage(ctx, std::move(page), "pin-keypad", [&](float) {
        wrapped(ctx.theme.strong, colour::Text, tries);
        if (lastTry) wrapped(ctx.theme.lead, colour::Accent, std::string(icon::Warning) + "  " + warning);
        ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        wrapped(ctx.theme.body, colour::Text, risk);
        ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        wrapped(ctx.theme.body, colour::Text, advice);
        if (report.pinpad) {
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
            wrapped(ctx.theme.body, colour::Muted, ctx.t.tr("You will type your PIN on the card reader's own keypad."));
        }
    });
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
// The keys fill width, and four rows fit in height (large text on a small screen).
Intent keypad(const ViewContext& ctx, float width, float height) {
    const Theme& th = ctx.theme;
    Intent intent;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float rowH = std::min(th.touchTarget() * 1.05F, (height - 3 * ImGui::GetStyle().ItemSpacing.y) / 4);
    const ImVec2 key((std::min(width, th.unit * 16) - 2 * gap) / 3, std::max(rowH, th.baseUnit * 1.8F));
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        if (i == 9) {
            if (bigButton(ctx.map, "eid.key.erase", icon::Erase, largeText(ctx) ? "" : ctx.t.tr("Erase"), key,
                          ButtonLook::Choice))
                intent = Intent::of(Intent::Kind::EidPinErase);
        } else if (i == 11) {
            if (!ctx.flow.pinComplete()) ImGui::BeginDisabled();
            if (bigButton(ctx.map, "eid.key.ok", icon::Check, ctx.t.tr("OK"), key,
                          ctx.flow.pinComplete() ? ButtonLook::Primary : ButtonLook::Choice))
                intent = Intent::of(Intent::Kind::EidPinSubmit);
            if (!ctx.flow.pinComplete()) ImGui::EndDisabled();
        } else {
            const std::string id = std::string("eid.key.") + labels[i];
            if (bigButton(ctx.map, id.c_str(), nullptr, labels[i], key, ButtonLook::Choice, titleFont(ctx))) {
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
    const bool large = largeText(ctx);
    const Button cancel{"eid.pin-cancel", icon::Close, ctx.t.tr("Cancel"), Intent::of(Intent::Kind::EidCancelPinTest)};
    Page page;
    // With large text the way out sits under the PIN field, leaving the keypad the whole height.
    if (!large) page.pinned.push_back(cancel);
    ctx.map.note("phase", "pin-entry");
    ctx.map.note("pin-digits", std::to_string(ctx.flow.pinDigits()));
    Intent typed;
    const Intent pressed = drawPage(ctx, std::move(page), nullptr, [&](float width) {
        const float height = ImGui::GetContentRegionAvail().y;
        const auto explain = [&](float w) {
            wrapped(large ? th.body : th.strong, colour::Text, ctx.t.tr("Type your PIN code, then OK."), w);
            // (Said on the screen before: with large text, the room goes to the keypad.)
            if (!large) wrapped(th.body, colour::Muted, ctx.t.tr("Nobody sees it, and it is not kept."), w);
            maskedField(ctx, w);
        };
        if (large) {
            // Side by side, so the whole keypad is on screen without scrolling.
            const float left = width * 0.42F;
            ImGui::BeginGroup();
            explain(left);
            ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
            if (const Intent i = buttonRows(ctx, {cancel}, left); i.kind != Intent::Kind::None) typed = i;
            ImGui::EndGroup();
            ImGui::SameLine(0, th.unit);
            ImGui::BeginGroup();
            if (const Intent i = keypad(ctx, width - left - th.unit, height); i.kind != Intent::Kind::None) typed = i;
            ImGui::EndGroup();
            return;
        }
        const float column = std::min(width, th.unit * 16);
        centreBlock(column);
        ImGui::BeginGroup();
        explain(column);
        typed = keypad(ctx, column, height - ImGui::GetCursorPosY());
        ImGui::EndGroup();
    });
    return pressed.kind != Intent::Kind::None ? pressed : typed;
}

Intent drawPinTesting(const ViewContext& ctx) {
    const auto& report = ctx.flow.eidReport();
    const bool pinpad = report && report->pinpad;
    const std::string text = pinpad ? ctx.t.tr("Type your PIN on the card reader's keypad, then press its OK key.")
                                    : ctx.t.tr("Checking your PIN…");
    ctx.map.note("phase", "pin-testing");
    return drawPage(ctx, Page{}, "pin-keypad", [&](float) {
        wrapped(ctx.theme.lead, colour::Text, std::string(icon::Hourglass) + "  " + text);
        wrapped(ctx.theme.body, colour::Muted, ctx.t.tr("Leave the card in the reader."));
    });
}

Intent drawPinResult(const ViewContext& ctx) {
    const auto& result = *ctx.flow.pinResult();
    const EidVerdict v = pinVerdict(result, ctx.t);
    const Tutorial* tutorial = ctx.flow.eidTutorial();
    Page page;
    page.pinned.push_back(homeButton(ctx));
    page.actions.push_back(
        {"eid.again", icon::Refresh, ctx.t.tr("Back to the check"), Intent::of(Intent::Kind::EidCheckAgain)});
    if (result.outcome == eid::Outcome::PinRight && tutorial) {
        page.actions.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                                Intent::openTutorial(tutorial->id), ButtonLook::Primary});
    }
    page.readAloud = readAloudText(v, ctx.t);
    ctx.map.note("phase", "pin-result");
    ctx.map.note("pin-result", eid::outcomeCode(result.outcome));
    return drawPage(ctx, std::move(page), v.picture, [&](float) {
        wrapped(titleFont(ctx), result.outcome == eid::Outcome::PinRight ? colour::Primary : colour::Text, v.what);
        wrapped(largeText(ctx) ? ctx.theme.body : ctx.theme.lead, colour::Text, v.todo);
        const std::string ask = facilitatorMark(v.facilitator, ctx.t);
        if (!ask.empty()) wrapped(ctx.theme.lead, colour::Accent, ask);
    });
}

} // namespace

Intent EidCheckView::drawContent(const ViewContext& ctx) {
    const EidPhase phase = ctx.flow.eidPhase();
    const bool pin = phase != EidPhase::Checking;
    ImGui::PushFont(titleFont(ctx));
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
