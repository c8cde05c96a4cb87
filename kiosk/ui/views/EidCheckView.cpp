// [SECTION] Layout: the text column and the picture, then the buttons at the bottom
// [SECTION] The check: step lines and the verdict
// [SECTION] The PIN test: the risk, the keypad, the wait, the result
#include "kiosk/ui/views/EidCheckView.h"
#include "kiosk/presentation/EidMessages.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Keypad.h"
#include "kiosk/ui/PageParts.h"
#include "kiosk/ui/Widgets.h"

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

// One state of the screen: its buttons and what read-aloud says. `pinned` buttons are always at
// the bottom (the ways out); `actions` too, except with large text, where they follow the text in
// the scrolling column so the column keeps room to be read.
struct Page {
    std::vector<Button> pinned, actions;
    std::string readAloud;
};

using Part = std::function<void(float width)>;

// Two columns: `left` (the steps, or the PIN test's explanation), and on the right `top` (the
// verdict) above the picture. With large text (or no picture), one column: `top`, the actions,
// the picture, then `left`. All on the screen's one scrolling page; the buttons that must always
// be at hand go to `footer`, kept at the bottom.
// The page's read-aloud text of the frame being drawn, for the voice guide (EidCheckView::drawContent
// hands it to narrate()): the pages are built by the functions below, each its own.
std::string pageSpoken;
// What the PIN entry says is happening (how many digits are typed, never which), the same way.
std::string pageLive;

Intent drawPage(const ViewContext& ctx, Page page, const char* pictureName, const Part& left, const Part& top,
                std::vector<Button>& footer) {
    const Theme& th = ctx.theme;
    const bool large = largeText(ctx);
    pageSpoken = page.readAloud;
    if (ctx.speech && ctx.speech->available() && !page.readAloud.empty()) {
        const bool speaking = ctx.speech->speaking();
        const Intent speak = speaking ? Intent{intent::StopReading{}} : Intent{intent::ReadAloud{page.readAloud}};
        page.pinned.push_back({"eid.read-aloud", icon::Speaker,
                               speaking ? ctx.t.tr("Stop reading") : ctx.t.tr("Read aloud"), speak,
                               speaking ? ButtonLook::ChosenChoice : ButtonLook::Choice});
    }
    footer = page.pinned;
    if (!large) footer.insert(footer.end(), page.actions.begin(), page.actions.end());
    const float width = ImGui::GetContentRegionAvail().x;
    const float visible = ImGui::GetWindowHeight() - 2 * ImGui::GetStyle().WindowPadding.y;

    Intent inColumn;
    const std::filesystem::path file =
        pictureName ? ctx.eidPictures / (std::string(pictureName) + ".png") : std::filesystem::path();
    if (large || !pictureName || width * 0.45F < th.unit * 13) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        if (top) top(width);
        if (large && !page.actions.empty()) {
            inColumn = buttonRows(ctx, page.actions, width);
            ImGui::Dummy(ImVec2(0, th.unit * 0.3F));
        }
        if (pictureName) picture(ctx.images, file, ImVec2(width, th.unit * 7));
        left(width);
        ImGui::PopTextWrapPos();
    } else {
        const float leftW = width * 0.5F;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + leftW - th.unit);
        left(leftW - th.unit);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float leftBottom = ImGui::GetItemRectMax().y;
        const float rightW = width - leftW - ImGui::GetStyle().ItemSpacing.x;
        ImGui::SetCursorScreenPos(ImVec2(start.x + leftW + ImGui::GetStyle().ItemSpacing.x, start.y));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + rightW);
        if (top) top(rightW);
        const float room = visible - (ImGui::GetCursorPosY() - ImGui::GetStyle().WindowPadding.y);
        if (room > th.unit * 3) picture(ctx.images, file, ImVec2(rightW, std::min(room, rightW * 0.625F)));
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(leftBottom, ImGui::GetItemRectMax().y)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    return inColumn;
}

Button homeButton(const ViewContext& ctx) { return {"eid.home", icon::Home, ctx.t.tr("Home"), intent::BackToHome{}}; }

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

Intent drawCheck(const ViewContext& ctx, std::vector<Button>& footer) {
    const auto& report = ctx.flow.eid().report();
    const bool works = report && report->cardWorks();
    const Tutorial* tutorial = ctx.flow.eidTutorial();
    const EidVerdict v = report ? eidVerdict(*report, ctx.t) : EidVerdict{};
    Page page;
    page.pinned.push_back(homeButton(ctx));
    if (report && !works) {
        page.actions.push_back({"eid.again", icon::Refresh, ctx.t.tr("Check again"), intent::EidCheckAgain{}});
    }
    if (ctx.flow.eid().canTestPin()) {
        page.actions.push_back({"eid.pin-test", icon::Key, ctx.t.tr("Test my PIN"), intent::EidOfferPinTest{}});
    }
    if (ctx.flow.offersEidTutorial()) {
        page.actions.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                                intent::OpenTutorial{tutorial->id}, ButtonLook::Primary});
    }
    if (ctx.flow.offersEidOnWebsite()) {
        page.actions.push_back(
            {"eid.website", icon::Globe, ctx.t.tr("Use my card on a website now"), intent::EidUseOnWebsite{}});
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
            // Where free use is on: why this card cannot log in to a website in its browser.
            if (ctx.flow.settings().freeUse.enabled) {
                const eid::WebsiteLogin login = eid::websiteLogin(*report);
                const std::string note = websiteLoginNote(login, ctx.t);
                if (!note.empty()) {
                    ctx.map.note("website-login", login == eid::WebsiteLogin::OnTls12Only ? "tls12-only" : "refused");
                    wrapped(ctx.theme.body, colour::Muted, std::string(icon::Globe) + "  " + note);
                }
            }
            const std::string ask = facilitatorMark(v.facilitator, ctx.t);
            if (!ask.empty()) wrapped(ctx.theme.lead, colour::Accent, ask);
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
        },
        footer);
}

// [SECTION] The PIN test

std::string triesLine(const eid::CheckReport& r, const i18n::Translator& t) {
    if (!r.pinTriesLeft) return t.tr("This older card cannot tell how many tries are left without using one.");
    return t.trCount("You have {} try left.", "You have {} tries left.", *r.pinTriesLeft);
}

Intent drawPinExplain(const ViewContext& ctx, std::vector<Button>& footer) {
    const auto& report = *ctx.flow.eid().report();
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
    page.pinned.push_back({"eid.pin-cancel", icon::Back, ctx.t.tr("No, go back"), intent::EidCancelPinTest{}});
    page.actions.push_back({"eid.pin-confirm", icon::Key, ctx.t.tr("I understand, test my PIN"),
                            intent::EidConfirmPinTest{}, lastTry ? ButtonLook::Choice : ButtonLook::Primary});
    page.readAloud = tries + " " + warning + " " + risk + " " + advice;
    ctx.map.note("phase", "pin-explain");
    return drawPage(
        ctx, std::move(page), "pin-keypad",
        [&](float) {
            wrapped(ctx.theme.strong, colour::Text, tries);
            if (lastTry) wrapped(ctx.theme.lead, colour::Accent, std::string(icon::Warning) + "  " + warning);
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
            wrapped(ctx.theme.body, colour::Text, risk);
            ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
            wrapped(ctx.theme.body, colour::Text, advice);
            if (report.pinpad) {
                ImGui::Dummy(ImVec2(0, ctx.theme.unit * 0.2F));
                wrapped(ctx.theme.body, colour::Muted,
                        ctx.t.tr("You will type your PIN on the card reader's own keypad."));
            }
        },
        {}, footer);
}

const KeypadKeys kEidKeys{"eid.key.", [](char d) -> Intent { return intent::EidPinDigit{d}; }, intent::EidPinErase{},
                          intent::EidPinSubmit{}};

Intent drawPinEntry(const ViewContext& ctx, std::vector<Button>& footer) {
    const Theme& th = ctx.theme;
    const bool large = largeText(ctx);
    const Button cancel{"eid.pin-cancel", icon::Close, ctx.t.tr("Cancel"), intent::EidCancelPinTest{}};
    Page page;
    // With large text the way out sits under the PIN field, leaving the keypad the whole height.
    if (!large) page.pinned.push_back(cancel);
    ctx.map.note("phase", "pin-entry");
    ctx.map.note("pin-digits", std::to_string(ctx.flow.eid().pinDigits()));
    Intent typed;
    const Intent pressed = drawPage(
        ctx, std::move(page), nullptr,
        [&](float width) {
            const float height = ImGui::GetContentRegionAvail().y;
            const auto explain = [&](float w) {
                wrapped(large ? th.body : th.strong, colour::Text, ctx.t.tr("Type your PIN code, then OK."), w);
                // (Said on the screen before: with large text, the room goes to the keypad.)
                if (!large) wrapped(th.body, colour::Muted, ctx.t.tr("Nobody sees it, and it is not kept."), w);
                maskedField(ctx, ctx.flow.eid().pinDigits(), w);
            };
            if (large) {
                // Side by side, so the whole keypad is on screen without scrolling.
                const float left = width * 0.42F;
                ImGui::BeginGroup();
                explain(left);
                ImGui::Dummy(ImVec2(0, th.unit * 0.2F));
                if (const Intent i = buttonRows(ctx, {cancel}, left); !isNone(i)) typed = i;
                ImGui::EndGroup();
                ImGui::SameLine(0, th.unit);
                ImGui::BeginGroup();
                if (const Intent i =
                        keypad(ctx, kEidKeys, ctx.flow.eid().pinComplete(), width - left - th.unit, height);
                    !isNone(i))
                    typed = i;
                ImGui::EndGroup();
                return;
            }
            const float column = std::min(width, th.unit * 16);
            centreBlock(column);
            ImGui::BeginGroup();
            explain(column);
            typed = keypad(ctx, kEidKeys, ctx.flow.eid().pinComplete(), column, height - ImGui::GetCursorPosY());
            ImGui::EndGroup();
        },
        {}, footer);
    // For the voice guide: what the screen says, and how many digits are typed (never which).
    pageSpoken = sentences({ctx.t.tr("Type your PIN code, then OK."), ctx.t.tr("Nobody sees it, and it is not kept.")});
    const auto digits = static_cast<long>(ctx.flow.eid().pinDigits());
    pageLive =
        digits == 0 ? ctx.t.tr("No digit typed yet.") : ctx.t.trCount("{} digit typed.", "{} digits typed.", digits);
    return firstOf(pressed, typed);
}

Intent drawPinTesting(const ViewContext& ctx, std::vector<Button>& footer) {
    const auto& report = ctx.flow.eid().report();
    const bool pinpad = report && report->pinpad;
    const std::string text = pinpad ? ctx.t.tr("Type your PIN on the card reader's keypad, then press its OK key.")
                                    : ctx.t.tr("Checking your PIN…");
    ctx.map.note("phase", "pin-testing");
    return drawPage(
        ctx, Page{}, "pin-keypad",
        [&](float) {
            wrapped(ctx.theme.lead, colour::Text, std::string(icon::Hourglass) + "  " + text);
            wrapped(ctx.theme.body, colour::Muted, ctx.t.tr("Leave the card in the reader."));
        },
        {}, footer);
}

Intent drawPinResult(const ViewContext& ctx, std::vector<Button>& footer) {
    const auto& result = *ctx.flow.eid().pinResult();
    const EidVerdict v = pinVerdict(result, ctx.t);
    const Tutorial* tutorial = ctx.flow.eidTutorial();
    Page page;
    page.pinned.push_back(homeButton(ctx));
    page.actions.push_back({"eid.again", icon::Refresh, ctx.t.tr("Back to the check"), intent::EidCheckAgain{}});
    if (ctx.flow.offersEidTutorial()) {
        page.actions.push_back({"eid.tutorial", icon::Learn, ctx.t.tr("Learn to log in with the e-ID"),
                                intent::OpenTutorial{tutorial->id}, ButtonLook::Primary});
    }
    if (ctx.flow.offersEidOnWebsite()) {
        page.actions.push_back(
            {"eid.website", icon::Globe, ctx.t.tr("Use my card on a website now"), intent::EidUseOnWebsite{}});
    }
    page.readAloud = readAloudText(v, ctx.t);
    ctx.map.note("phase", "pin-result");
    ctx.map.note("pin-result", eid::outcomeCode(result.outcome));
    return drawPage(
        ctx, std::move(page), v.picture,
        [&](float) {
            wrapped(titleFont(ctx), result.outcome == eid::Outcome::PinRight ? colour::Primary : colour::Text, v.what);
            wrapped(largeText(ctx) ? ctx.theme.body : ctx.theme.lead, colour::Text, v.todo);
            const std::string ask = facilitatorMark(v.facilitator, ctx.t);
            if (!ask.empty()) wrapped(ctx.theme.lead, colour::Accent, ask);
        },
        {}, footer);
}

} // namespace

Intent EidCheckView::drawContent(const ViewContext& ctx) {
    const EidPhase phase = ctx.flow.eid().phase();
    const bool pin = phase != EidPhase::Checking;
    ImGui::PushFont(titleFont(ctx));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(pin ? ctx.t.tr("Test my PIN code") : ctx.t.tr("Check my e-ID card"));
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    pageSpoken.clear();
    pageLive.clear();
    Intent intent;
    switch (phase) {
    case EidPhase::Checking:
        ctx.map.note("phase", "checking");
        intent = drawCheck(ctx, footer_);
        break;
    case EidPhase::PinExplain: intent = drawPinExplain(ctx, footer_); break;
    case EidPhase::PinEntry: intent = drawPinEntry(ctx, footer_); break;
    case EidPhase::PinTesting: intent = drawPinTesting(ctx, footer_); break;
    case EidPhase::PinResult: intent = drawPinResult(ctx, footer_); break;
    }
    narrate(sentences({pin ? ctx.t.tr("Test my PIN code") : ctx.t.tr("Check my e-ID card"), pageSpoken}));
    announce(pageLive);
    return intent;
}

Intent EidCheckView::drawFooter(const ViewContext& ctx) {
    return buttonRows(ctx, footer_, ImGui::GetMainViewport()->WorkSize.x - 2 * ImGui::GetStyle().WindowPadding.x);
}

std::string EidCheckView::pageKey(const ViewContext& ctx) const {
    return std::to_string(static_cast<int>(ctx.flow.eid().phase()));
}

} // namespace dps::kiosk::ui
