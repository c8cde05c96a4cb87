#include "kiosk/ui/views/FreeUseBarView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/KeyboardFocus.h"
#include "kiosk/ui/Widgets.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <vector>

namespace dps::kiosk::ui {
namespace {

struct BarButton {
    std::string id;
    std::string label;
    Intent intent;
    bool solid = false;  // the strong choice (Finish and erase, Yes)
    bool chosen = false; // the language in use
};

// What the bar's sizes are drawn with: the text size and the ink and ground of the strip.
struct Strip {
    ImFont* font;
    float px;
    ImU32 ink, ground;
};

float labelWidth(const Strip& s, const std::string& text) {
    return s.font->CalcTextSizeA(s.px, FLT_MAX, 0, text.c_str()).x + s.px * 1.2F;
}

float rowWidth(const Strip& s, const std::vector<BarButton>& buttons) {
    float w = 0;
    for (const auto& b : buttons)
        w += labelWidth(s, b.label) + s.px * 0.4F;
    return w;
}

// Buttons from left to right from x, in a row of height h at top; returns where the row ends.
Intent buttonRow(const ViewContext& ctx, const Strip& s, const std::vector<BarButton>& buttons, float x, float top,
                 float h, float& end) {
    Intent intent;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float bh = std::min(h * 0.8F, s.px * 2.0F);
    for (const auto& b : buttons) {
        const float w = labelWidth(s, b.label);
        ImGui::SetCursorScreenPos(ImVec2(x, top + (h - bh) * 0.5F));
        if (ImGui::InvisibleButton(b.id.c_str(), ImVec2(w, bh))) intent = b.intent;
        const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
        const float r = s.px * 0.25F;
        if (b.chosen || b.solid) draw->AddRectFilled(a, z, b.chosen ? s.ink : colour::PrimaryHeld, r);
        draw->AddRect(a, z, s.ink, r, 0, std::max(1.5F, s.px * 0.07F));
        const ImVec2 ts = s.font->CalcTextSizeA(s.px, FLT_MAX, 0, b.label.c_str());
        draw->AddText(s.font, s.px, ImVec2(a.x + s.px * 0.6F, a.y + (bh - ts.y) * 0.5F), b.chosen ? s.ground : s.ink,
                      b.label.c_str());
        ctx.map.record(b.id, a, z, b.label);
        focusRing(ctx.map, b.id.c_str(), a, z, s.px, colour::BandFocus);
        x += w + s.px * 0.4F;
    }
    end = x;
    return intent;
}

// The time left as the bar says it: whole minutes, rounded up; seconds in the last minute.
std::string timeText(const ViewContext& ctx) {
    const auto left = ctx.flow.freeUseTimeLeft();
    if (left < std::chrono::minutes(1)) return fmt::format("{} s", left.count());
    const long minutes = static_cast<long>((left.count() + 59) / 60);
    return ctx.t.trCount("{} min left", "{} min left", minutes);
}

// The notice and the buttons that answer it, or none.
std::string noticeText(const ViewContext& ctx, std::vector<BarButton>& answers) {
    const i18n::Translator& t = ctx.t;
    if (ctx.flow.freeUse().confirmingFinish()) {
        answers = {{"bar.finish-no", t.tr("No, go on"), intent::CancelFinishFreeUse{}},
                   {"bar.finish-yes", t.tr("Yes, erase"), intent::FinishFreeUse{}, true}};
        return t.tr("Erase everything and finish now?");
    }
    switch (ctx.flow.freeUseNotice()) {
    case FreeUseNotice::StillThere:
        answers = {{"bar.still-here", t.tr("Yes, I am still here"), intent::StillHere{}, true}};
        return t.trCount("Are you still there? Everything is erased in {} second.",
                         "Are you still there? Everything is erased in {} seconds.",
                         static_cast<long>(ctx.flow.freeUseStillThereLeft().count()));
    case FreeUseNotice::LastSeconds:
        return ctx.flow.freeUseEndsAtClosing() ? t.trCount("The space is closing. Everything is erased in {} second.",
                                                           "The space is closing. Everything is erased in {} seconds.",
                                                           static_cast<long>(ctx.flow.freeUseLeft().count()))
                                               : t.trCount("Your time is up. Everything is erased in {} second.",
                                                           "Your time is up. Everything is erased in {} seconds.",
                                                           static_cast<long>(ctx.flow.freeUseLeft().count()));
    case FreeUseNotice::OneMinute:
    case FreeUseNotice::FiveMinutes: {
        const long minutes = static_cast<long>((ctx.flow.freeUseTimeLeft().count() + 59) / 60);
        return t.trCount("{} minute left: save or print your files now.",
                         "{} minutes left: save or print your files now.", minutes);
    }
    case FreeUseNotice::None: break;
    }
    if (ctx.flow.freeUse().helpRequested()) return t.tr("A facilitator has been called and will come.");
    return {};
}

const char* noticeCode(const ViewContext& ctx) {
    if (ctx.flow.freeUse().confirmingFinish()) return "confirm-finish";
    switch (ctx.flow.freeUseNotice()) {
    case FreeUseNotice::StillThere: return "still-there";
    case FreeUseNotice::LastSeconds: return "last-seconds";
    case FreeUseNotice::OneMinute: return "one-minute";
    case FreeUseNotice::FiveMinutes: return "five-minutes";
    case FreeUseNotice::None: break;
    }
    return ctx.flow.freeUse().helpRequested() ? "help-called" : "none";
}

// The notice in its area: on one line, or wrapped on two or three smaller ones when it does not
// fit, else shortened with "…" (the words that matter come first).
void drawNotice(const Strip& s, const std::string& text, ImVec2 a, ImVec2 z, ImU32 ink) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float w = z.x - a.x, h = z.y - a.y;
    if (w <= s.px) return;
    for (const float scale : {1.0F, 0.85F, 0.72F, 0.6F}) {
        const float size = s.px * scale;
        const ImVec2 box = s.font->CalcTextSizeA(size, FLT_MAX, w, text.c_str());
        if (box.y <= h * 0.92F && (scale == 1.0F ? box.y <= size * 1.5F : box.y <= size * 3.6F)) {
            draw->AddText(s.font, size, ImVec2(a.x, a.y + (h - box.y) * 0.5F), ink, text.c_str(), nullptr, w);
            return;
        }
    }
    const std::string shown = fitted(s.font, s.px, text, w);
    const ImVec2 ts = s.font->CalcTextSizeA(s.px, FLT_MAX, 0, shown.c_str());
    draw->AddText(s.font, s.px, ImVec2(a.x, a.y + (h - ts.y) * 0.5F), ink, shown.c_str());
}

} // namespace

int FreeUseBarView::wantedHeight(float screenWidth, int textSizePercent) {
    const float base = 56.0F + std::clamp(screenWidth - 1366.0F, 0.0F, 554.0F) * 40.0F / 554.0F;
    return static_cast<int>(std::lround(base * static_cast<float>(textSizePercent) / 100.0F));
}

Intent FreeUseBarView::drawContent(const ViewContext& ctx) {
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth(), height = ImGui::GetWindowHeight();
    const int percent = ctx.flow.textSizePercent();
    const int wanted = wantedHeight(width, percent);
    ctx.map.note("bar-height", std::to_string(wanted));
    ctx.map.note("free-use", noticeCode(ctx));
    const float rowH = height;
    const bool contrast = ctx.flow.highContrast();
    Strip s{ctx.theme.chrome, std::round(0.42F * std::min(rowH, static_cast<float>(wanted))),
            contrast ? colour::Primary : colour::OnPrimary, contrast ? colour::Background : colour::Band};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), s.ground);
    if (contrast) // the strip's edge against the page under it
        draw->AddLine(ImVec2(origin.x, origin.y + height - 1), ImVec2(origin.x + width, origin.y + height - 1), s.ink,
                      2);

    // The notice of the moment and the answers it asks for: while a question waits (Finish asked,
    // "Are you still there?") its answers take the controls' place, so they fit at any text size.
    std::vector<BarButton> answers;
    const std::string notice = noticeText(ctx, answers);
    // The controls, left to right: Help, the languages, Finish and erase.
    const i18n::Translator& t = ctx.t;
    std::vector<BarButton> controls;
    controls.push_back({"bar.help", std::string(icon::HandPaper) + "  " + t.tr("Help"), intent::FreeUseHelp{}});
    const auto& languages = ctx.flow.settings().languages;
    if (languages.size() > 1) {
        for (const auto& code : languages) {
            std::string label = code;
            for (char& c : label)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            controls.push_back(
                {"bar.language." + code, label, intent::ChooseLanguage{code}, false, code == ctx.flow.language()});
        }
    }
    controls.push_back(
        {"bar.finish", std::string(icon::Trash) + "  " + t.tr("Finish and erase"), intent::AskFinishFreeUse{}, true});
    if (!answers.empty()) controls = answers;
    // Read-aloud, first, as in the band of the other screens (the bar has no band), and kept while
    // a question waits: "Are you still there?" is what a visitor who cannot read it must hear.
    if (const std::string spoken = spokenText(ctx); ctx.speech && ctx.speech->available() && !spoken.empty()) {
        const bool speaking = ctx.speech->speaking();
        controls.insert(
            controls.begin(),
            {"bar.read-aloud", std::string(icon::Speaker) + "  " + (speaking ? t.tr("Stop") : t.tr("Listen")),
             speaking ? Intent{intent::StopReading{}} : Intent{intent::ReadAloud{spoken}}, false, speaking});
    }
    const std::string time = std::string(icon::Clock) + "  " + timeText(ctx);
    const float pad = s.px * 0.5F;
    // Too narrow for this text size: everything smaller rather than anything lost.
    const float needed = pad * 2 + labelWidth(s, time) + rowWidth(s, controls) + width * 0.3F;
    if (needed > width) s.px = std::floor(s.px * width / needed);
    // The loaded font nearest above this size, so the strip's words stay sharp (the theme is made for
    // the whole window, which in bar mode is the strip).
    for (ImFont* f : {ctx.theme.lead, ctx.theme.body, ctx.theme.chrome}) {
        if (!f) continue;
        const bool fits = f->FontSize >= s.px, bestFits = s.font->FontSize >= s.px;
        if ((fits && (!bestFits || f->FontSize < s.font->FontSize)) ||
            (!fits && !bestFits && f->FontSize > s.font->FontSize))
            s.font = f; // the smallest that is large enough, else the largest
    }

    Intent intent;
    float end = 0;
    const float controlsX = origin.x + width - pad - rowWidth(s, controls) + s.px * 0.4F;
    intent = firstOf(buttonRow(ctx, s, controls, controlsX, origin.y, rowH, end), intent);

    // The time left; held for two seconds, facilitator mode (as the band's name on other screens).
    const ImVec2 ts = s.font->CalcTextSizeA(s.px, FLT_MAX, 0, time.c_str());
    draw->AddText(s.font, s.px, ImVec2(origin.x + pad, origin.y + (rowH - ts.y) * 0.5F), s.ink, time.c_str());
    ImGui::SetCursorScreenPos(origin);
    const float timeRight = origin.x + pad + ts.x + pad;
    {
        const PointerOnly held; // two seconds held: not a stop for Tab or the arrows
        ImGui::InvisibleButton("bar.facilitator", ImVec2(timeRight - origin.x, rowH));
    }
    ctx.map.record("bar.facilitator", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ctx.map.note("time-left", std::to_string(ctx.flow.freeUseTimeLeft().count()));
    if (ImGui::IsItemActive()) {
        const float held = ImGui::GetIO().MouseDownDuration[0];
        const float w = (timeRight - origin.x) * std::min(1.0F, held / kFacilitatorHold);
        draw->AddRectFilled(ImVec2(origin.x, origin.y + rowH - s.px * 0.15F), ImVec2(origin.x + w, origin.y + rowH),
                            s.ink);
        if (held >= kFacilitatorHold && !holdFired_) {
            holdFired_ = true;
            intent = intent::OpenFacilitator{};
        }
    } else {
        holdFired_ = false;
    }

    // The notice, between the time and the controls.
    if (notice.empty()) return intent;
    const ImVec2 a(timeRight, origin.y), z(controlsX - pad, origin.y + rowH);
    const FreeUseNotice kind = ctx.flow.freeUseNotice();
    const bool urgent = kind != FreeUseNotice::None && kind != FreeUseNotice::FiveMinutes;
    // The 5-minute warning light on the dark strip, the last minute and the prompts red; a call for
    // help answered in the strip's own colours.
    const bool warning = kind == FreeUseNotice::FiveMinutes;
    const ImU32 noticeGround = contrast  ? colour::Background
                               : urgent  ? colour::Accent
                               : warning ? colour::Surface
                                         : colour::PrimaryHeld;
    const ImU32 noticeInk = contrast || !warning ? s.ink : colour::Text;
    draw->AddRectFilled(ImVec2(a.x - pad * 0.5F, a.y + 2), ImVec2(z.x + pad * 0.5F, z.y - 2), noticeGround,
                        s.px * 0.2F);
    if (contrast)
        draw->AddRect(ImVec2(a.x - pad * 0.5F, a.y + 2), ImVec2(z.x + pad * 0.5F, z.y - 2), s.ink, s.px * 0.2F, 0, 2);
    const std::string shown = std::string(urgent || warning ? icon::Warning : icon::Info) + "  " + notice;
    drawNotice(s, shown, a, z, noticeInk);
    return intent;
}

std::string FreeUseBarView::spokenText(const ViewContext& ctx) const {
    std::vector<BarButton> answers;
    const std::string notice = noticeText(ctx, answers);
    std::vector<std::string> parts{timeText(ctx)};
    if (!notice.empty()) parts.push_back(notice);
    // The bar's own controls by their words (the languages are the same on every screen, as the
    // band's): the answers while a question waits, else Help and Finish.
    for (const auto& b : answers)
        parts.push_back(b.label);
    if (answers.empty()) {
        parts.emplace_back(ctx.t.tr("Help"));
        parts.emplace_back(ctx.t.tr("Finish and erase"));
    }
    return sentences(parts);
}

} // namespace dps::kiosk::ui
