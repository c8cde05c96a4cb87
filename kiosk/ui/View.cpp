// [SECTION] The band: the place's name, where a guided session is, read-aloud, language, contrast, text size
// [SECTION] The page: one scrolling area under the band, and a footer kept at the bottom
// [SECTION] The frame of every screen
#include "kiosk/ui/View.h"
#include "kiosk/core/spoken/Narrator.h"

#include "kiosk/ui/Icons.h"
#include "kiosk/ui/KeyboardFocus.h"
#include "kiosk/ui/Widgets.h"

#include "dps/i18n/Languages.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <imgui_internal.h>
#include <vector>

namespace dps::kiosk::ui {

std::string ViewContext::text(const LocalText& authored) const {
    const auto shown = authored.in(flow.language(), flow.fallbackLanguage());
    if (!shown.fallback) return *shown.text;
    for (const auto& [lang, value] : authored.all()) {
        if (&value == shown.text) return std::string(icon::Globe) + " " + lang + " · " + value;
    }
    return *shown.text;
}

std::string ViewContext::plainText(const LocalText& authored) const {
    return *authored.in(flow.language(), flow.fallbackLanguage()).text;
}

std::string sentences(const std::vector<std::string>& parts) { return spokenSentences(parts); }

std::string View::spokenText(const ViewContext&) const { return {}; }

namespace {

// [SECTION] The band

struct BandButton {
    std::string id;
    std::string label;
    Intent intent;
    bool chosen = false;         // drawn filled: the language in use
    bool solid = false;          // a guided session's controls, on a darker ground
    bool choice = false;         // one of several (a language): the voice guide says whether it is chosen
    std::string spokenName = {}; // what the voice guide says instead of the label ("Français" for FR)
};

// Buttons ending at `right`; returns where the leftmost starts. They are drawn left to right, the
// order Tab follows (drawn from the right, Tab went from text size back to Listen).
Intent bandRow(const ViewContext& ctx, const std::vector<BandButton>& buttons, float right, float band, float& left) {
    const float unit = ctx.theme.baseUnit;
    const float buttonH = 2.2F * unit * 0.85F;
    const ImU32 ink = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    const ImU32 ground = ctx.flow.highContrast() ? colour::Background : colour::Band;
    const float top = ImGui::GetWindowPos().y;
    const auto widthOf = [&](const BandButton& b) {
        return ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, b.label.c_str()).x + unit * 1.2F;
    };
    float x = right;
    for (const auto& b : buttons)
        x -= widthOf(b) + unit * 0.4F;
    left = x;
    x += unit * 0.4F;
    Intent intent;
    for (auto it = buttons.begin(); it != buttons.end(); ++it) {
        const ImVec2 ts = ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, it->label.c_str());
        const float w = widthOf(*it);
        ImGui::SetCursorScreenPos(ImVec2(x, top + (band - buttonH) * 0.5F));
        if (ImGui::InvisibleButton(it->id.c_str(), ImVec2(w, buttonH))) intent = it->intent;
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        if (it->chosen)
            draw->AddRectFilled(a, b, ink, unit * 0.3F);
        else if (it->solid)
            draw->AddRectFilled(a, b, colour::PrimaryHeld, unit * 0.3F);
        draw->AddRect(a, b, ink, unit * 0.3F, 0, 1.5F);
        draw->AddText(ctx.theme.chrome, unit, ImVec2(a.x + unit * 0.6F, a.y + (b.y - a.y - ts.y) * 0.5F),
                      it->chosen ? ground : ink, it->label.c_str());
        ctx.map.record(it->id, a, b, it->label,
                       {.role = it->choice ? SpokenRole::Choice : SpokenRole::Button,
                        .chosen = it->choice ? std::optional<bool>(it->chosen) : std::nullopt,
                        .name = it->spokenName});
        focusRing(ctx.map, it->id.c_str(), a, b, unit, colour::BandFocus);
        x += w + unit * 0.4F;
    }
    return intent;
}

// The languages offered as their codes (FR NL EN), the one in use filled, as on Belgian public
// websites and ticket machines: one tap, whatever screen; then contrast and text size. Leftmost,
// read-aloud on every visitor screen that has no read-aloud button of its own (issue 18 §15): it
// says the screen's text (View::spokenText), or stops; none when this terminal cannot speak
// (Terminal status says why).
std::vector<BandButton> visitorButtons(const ViewContext& ctx, const std::string& spoken) {
    std::vector<BandButton> buttons;
    if (!spoken.empty() && ctx.speech && ctx.speech->available()) {
        const bool speaking = ctx.speech->speaking();
        buttons.push_back({"chrome.read-aloud",
                           std::string(icon::Speaker) + "  " + (speaking ? ctx.t.tr("Stop") : ctx.t.tr("Listen")),
                           speaking ? Intent{intent::StopReading{}} : Intent{intent::ReadAloud{spoken}}, false,
                           speaking});
    }
    const auto& languages = ctx.flow.settings().languages;
    if (languages.size() > 1) {
        for (const auto& code : languages) {
            std::string label = code;
            for (char& c : label)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const auto known = i18n::findLanguage(code);
            buttons.push_back({"chrome.language." + code, label, intent::ChooseLanguage{code},
                               code == ctx.flow.language(), false, true, known ? std::string(known->endonym) : label});
        }
    }
    buttons.push_back(
        {"chrome.contrast", std::string(icon::Contrast) + "  " + ctx.t.tr("Contrast"), intent::ToggleContrast{}});
    buttons.push_back({"chrome.text-size", fmt::format("A  {}%", ctx.flow.textSizePercent()), intent::CycleTextSize{}});
    return buttons;
}

// While a guided session runs: where it is ("Guided session · 2 of 4"), left of the visitor's
// buttons. Only words: the session's controls are the facilitator's, in their menu, so a
// participant cannot skip a lesson; the summary says it is the end.
void sessionStatus(const ViewContext& ctx, float band, float& right) {
    const auto& session = ctx.flow.facilitator().session();
    if (!session || ctx.flow.screen() == Screen::SessionSummary) return;
    const float unit = ctx.theme.baseUnit;
    const ImU32 ink = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    const std::size_t n = session->tutorials.size();
    const std::string where =
        n == 0 ? std::string(ctx.t.tr("Guided session"))
               : fmt::format(fmt::runtime(ctx.t.tr("Guided session · {} of {}")), session->current + 1, n);
    const ImVec2 ws = ctx.theme.chrome->CalcTextSizeA(unit, FLT_MAX, 0, where.c_str());
    const float x = right - unit * 0.6F - ws.x;
    ImGui::GetWindowDrawList()->AddText(ctx.theme.chrome, unit,
                                        ImVec2(x, ImGui::GetWindowPos().y + (band - ws.y) * 0.5F), ink, where.c_str());
    ctx.map.note("session", std::to_string(session->current + 1) + "/" + std::to_string(n));
    right = x;
}

// [SECTION] The page

// More below: the page's lower edge fades out, with an arrow, so a visitor sees it goes on.
void moreBelow(const ViewContext& ctx) {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float unit = ctx.theme.unit;
    const ImRect r = w->InnerClipRect;
    const float h = unit * 1.6F;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 solid = colour::Background, clear = solid & ~IM_COL32_A_MASK;
    draw->AddRectFilledMultiColor(ImVec2(r.Min.x, r.Max.y - h), r.Max, clear, clear, solid, solid);
    const char* arrow = icon::ChevronDown;
    const ImVec2 size = ctx.theme.body->CalcTextSizeA(unit, FLT_MAX, 0, arrow);
    draw->AddText(ctx.theme.body, unit, ImVec2((r.Min.x + r.Max.x - size.x) * 0.5F, r.Max.y - size.y - unit * 0.1F),
                  colour::Primary, arrow);
}

} // namespace

Intent View::drawBand(const ViewContext& ctx) {
    const float band = ctx.theme.bandHeight();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    ctx.map.note("band", std::to_string(static_cast<int>(std::lround(band))));
    // Its own area, on top of the screen's: what scrolls never shows in it, and a tap in it is the
    // band's. In high contrast the band is black like the rest, its words in yellow.
    ImGuiWindow* host = ImGui::GetCurrentWindow();
    const ImVec2 hostMax = host->DC.CursorMaxPos;
    // ImGui finds the window under a finger with every window's area grown by TouchExtraPadding:
    // the band's area stops that much short of its lower edge, so it takes taps down to its edge
    // and not below it, where the page is.
    const float reach = band - ImGui::GetStyle().TouchExtraPadding.y;
    const ImRect whole(origin, ImVec2(origin.x + width, origin.y + band));
    ImGui::PushClipRect(origin, ImVec2(origin.x + width, origin.y + reach), false);
    ImGui::SetCursorScreenPos(origin);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("###band", ImVec2(width, band), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                          ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleVar();
    // Its ground in its own draw list (a child's ChildBg goes into the parent's, under the page),
    // down to its lower edge.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(whole.Min, whole.Max, false);
    draw->AddRectFilled(whole.Min, whole.Max, ctx.flow.highContrast() ? colour::Background : colour::Band);

    const float base = ctx.theme.baseUnit;
    float buttonsLeft = origin.x + width - base * 0.5F;
    Intent chrome;
    if (showsBandButtons()) chrome = bandRow(ctx, visitorButtons(ctx, spokenText(ctx)), buttonsLeft, band, buttonsLeft);
    // Where a guided session is, just left of those buttons.
    sessionStatus(ctx, band, buttonsLeft);
    // The place's name, shortened with "…" where the buttons start (large text leaves little room).
    // Held for two seconds, it opens facilitator mode: findable by staff who know, invisible to
    // visitors.
    std::string where = ctx.siteName.empty() ? ctx.t.tr("Public digital space") : ctx.siteName;
    if (ctx.flow.facilitator().unlocked())
        where = std::string(icon::Key) + "  " + ctx.flow.facilitator().name() + "  ·  " + where;
    const ImU32 bandText = ctx.flow.highContrast() ? colour::Primary : colour::OnPrimary;
    const float nameRight = buttonsLeft - base * 0.5F;
    const std::string shown = fitted(ctx.theme.chrome, base, where, nameRight - origin.x - base);
    draw->AddText(ctx.theme.chrome, base, ImVec2(origin.x + base, origin.y + (band - base) * 0.5F), bandText,
                  shown.c_str());
    ImGui::SetCursorScreenPos(origin);
    {
        const PointerOnly held; // two seconds held: not a stop for Tab or the arrows
        ImGui::InvisibleButton("chrome.facilitator",
                               ImVec2(std::max(base, std::min(nameRight - origin.x, base * 14)), reach));
    }
    ctx.map.record("chrome.facilitator", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemActive()) {
        const float held = ImGui::GetIO().MouseDownDuration[0];
        // A thin line fills under the name while it is held, so staff know it is coming.
        const float w = (ImGui::GetItemRectMax().x - origin.x) * std::min(1.0F, held / kFacilitatorHold);
        draw->AddRectFilled(ImVec2(origin.x, origin.y + band - base * 0.15F), ImVec2(origin.x + w, origin.y + band),
                            bandText);
        if (held >= kFacilitatorHold && !holdFired_) {
            holdFired_ = true;
            chrome = intent::OpenFacilitator{};
        }
    } else {
        holdFired_ = false;
    }
    draw->PopClipRect();
    ImGui::EndChild();
    ImGui::PopClipRect();
    host->DC.CursorMaxPos = hostMax; // the band is no part of the page's layout
    return chrome;
}

Intent View::drawPage(const ViewContext& ctx, bool fresh) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float band = ctx.theme.bandHeight();
    const float screenH = viewport->WorkSize.y;

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + band));
    // At the top, and kept there for the first frames: a practice that takes the keyboard focus
    // (a text to type) would otherwise scroll the page down to its field, past the instruction.
    if (fresh) topFrames_ = 3;
    if (topFrames_ > 0) {
        --topFrames_;
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
    }
    ImGui::BeginChild("###page", ImVec2(viewport->WorkSize.x, screenH - band - footerHeight_), false,
                      ImGuiWindowFlags_NavFlattened | ImGuiWindowFlags_AlwaysUseWindowPadding);
    const bool measuring = fresh || (centred() && contentHeight_ < 0);
    if (centred()) {
        const float visible = ImGui::GetWindowHeight();
        ImGui::SetCursorPosY(std::max(style.WindowPadding.y, (visible - std::max(contentHeight_, 0.0F)) * 0.5F));
    }
    const float startY = ImGui::GetCursorPosY();
    // An empty clip rectangle hides the measuring frame and keeps its buttons from being clicked.
    if (measuring) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    const Intent intent = drawContent(ctx);
    const float height = ImGui::GetCursorPosY() - startY;
    dragToScroll(ctx.theme.unit);
    if (measuring) ImGui::PopClipRect();
    if (!measuring && ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 1.0F) moreBelow(ctx);
    const float width = ImGui::GetWindowContentRegionMax().x;
    ImGui::EndChild();

    // The footer, under the page, at the bottom of the screen.
    if (measuring) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    const float footerTop = origin.y + screenH - footerHeight_;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + style.WindowPadding.x, footerTop + style.ItemSpacing.y * 0.5F));
    ImGui::BeginGroup();
    const Intent footer = drawFooter(ctx);
    ImGui::EndGroup();
    const float footerH = ImGui::GetItemRectSize().y > 0
                              ? ImGui::GetItemRectSize().y + style.ItemSpacing.y * 0.5F + style.WindowPadding.y
                              : 0.0F;
    if (measuring) ImGui::PopClipRect();

    settled_ = !measuring && (!centred() || std::abs(height - contentHeight_) < 1.0F) &&
               std::abs(footerH - footerHeight_) < 1.0F && std::abs(width - pageWidth_) < 1.0F;
    contentHeight_ = height;
    footerHeight_ = footerH;
    pageWidth_ = width;
    if (measuring) return Intent{};
    return firstOf(footer, intent);
}

Intent View::drawFixed(const ViewContext& ctx, bool fresh) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float unit = ctx.theme.unit;
    const float band = ctx.theme.bandHeight();
    const float available = viewport->WorkSize.y - band;
    const bool measuring = fresh && centred();
    const float top =
        band + (centred() ? std::max(unit * 0.5F, (available - std::max(contentHeight_, 0.0F)) * 0.5F) : unit * 0.5F);
    ImGui::SetCursorPosY(top);
    const float startY = ImGui::GetCursorPosY();
    if (measuring) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    const Intent intent = drawContent(ctx);
    if (measuring) ImGui::PopClipRect();
    const float height = ImGui::GetCursorPosY() - startY;
    settled_ = !centred() || (!measuring && std::abs(height - contentHeight_) < 1.0F);
    contentHeight_ = height;
    return measuring ? Intent{} : intent;
}

// [SECTION] The frame of every screen

Intent View::draw(const ViewContext& ctx) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const bool page = scrollsAsOnePage();
    const std::string key = pageKey(ctx);
    const bool fresh = ImGui::GetFrameCount() != lastFrame_ + 1 || key != shownKey_;
    lastFrame_ = ImGui::GetFrameCount();
    shownKey_ = key;
    narrated_.clear();
    live_.clear();
    if (fresh) contentHeight_ = -1;

    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // The screen is cleared in the background colour before ImGui draws: the window draws none.
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;
    if (wholeWindow()) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("###kiosk", nullptr, flags);
        ImGui::PopStyleVar();
        if (fresh) { // as below: the keyboard starts at the first control
            ImGui::FocusWindow(ImGui::GetCurrentWindow());
            ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
        }
        tabToNextControl();
        const Intent intent = drawContent(ctx);
        settled_ = !fresh; // its layout depends only on the window: the second frame stands
        ImGui::End();
        return fresh ? Intent{} : intent;
    }
    if (page) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("###kiosk", nullptr, flags);
    if (page) ImGui::PopStyleVar();
    // A screen just shown: keyboard focus restarts at its first button (the last screen's focused
    // button is gone, and arrow keys would search from where it was).
    if (fresh) {
        ImGui::FocusWindow(ImGui::GetCurrentWindow());
        ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
    }
    tabToNextControl();
    const Intent intent = page ? drawPage(ctx, fresh) : drawFixed(ctx, fresh);
    // The band last, so it is above whatever the screen drew, and after the page in keyboard order.
    const Intent chrome = drawBand(ctx);
    // With one page, the screen's window only holds the page, the footer and the band: it never
    // scrolls itself (what the footer's last spacing would make it do).
    if (page) ImGui::GetCurrentWindow()->DC.CursorMaxPos = ImGui::GetCurrentWindow()->DC.CursorStartPos;
    ImGui::End();
    return firstOf(chrome, intent);
}

} // namespace dps::kiosk::ui
