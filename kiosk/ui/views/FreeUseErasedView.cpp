#include "kiosk/ui/views/FreeUseErasedView.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"

namespace dps::kiosk::ui {
namespace {

enum class State { Erasing, Erased, NotVerified };

const char* const kTakeStick = i18n::N_("You can take your USB stick now.");

State stateOf(const KioskFlow& flow) {
    if (flow.visitOpen()) return State::Erasing; // the visit ends when the wipe has reported
    return flow.lastWipeVerified() ? State::Erased : State::NotVerified;
}

const char* title(State s) {
    switch (s) {
    case State::Erasing: return i18n::N_("Erasing your session…");
    case State::Erased: return i18n::N_("Your session is erased: nothing of it stays on this computer.");
    case State::NotVerified: return i18n::N_("Please call a facilitator.");
    }
    return "";
}

const char* words(State s) {
    switch (s) {
    case State::Erasing: return i18n::N_("Please wait a moment: everything you did is being removed.");
    case State::Erased: return i18n::N_("Thank you for your visit!");
    case State::NotVerified:
        return i18n::N_("This computer could not check that your session was erased. A facilitator will look "
                        "at it before the next person uses it.");
    }
    return "";
}

} // namespace

Intent FreeUseErasedView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const float width = contentWidth();
    const State s = stateOf(ctx.flow);
    const char* mark = s == State::Erasing ? icon::Hourglass : s == State::Erased ? icon::Check : icon::Warning;
    centredText(th.tileIcon, mark, s == State::NotVerified ? colour::Accent : colour::Primary, width);
    centredText(th.heading, ctx.t.tr(title(s)), colour::Text, width * 0.9F);
    // Only once the wipe has reported (the runner unmounts the stick before it does); right under
    // the title, so that at 200 % it is still on the first screen, before the thanks.
    if (ctx.flow.usbStickToTake()) {
        centredText(th.heading, ctx.t.tr(kTakeStick), colour::Primary, width * 0.9F);
        ctx.map.note("usb", "take");
    }
    centredText(th.body, ctx.t.tr(words(s)), colour::Muted, width * 0.8F);
    ctx.map.note("free-use", s == State::Erasing ? "erasing" : s == State::Erased ? "erased" : "not-verified");
    if (s == State::Erasing) return {};
    ImGui::Dummy(ImVec2(0, th.unit * 0.5F));
    Intent intent;
    const ImVec2 size(th.unit * 12.0F, th.touchTarget() * 1.3F);
    centreBlock(size.x);
    if (bigButton(ctx.map, "free-use.back", icon::Home, ctx.t.tr("Back to the start"), size, ButtonLook::Primary))
        intent = intent::BackToWelcome{};
    const int left = ctx.flow.secondsLeft();
    const std::string note = ctx.t.trCount("Back to the start in {} second.", "Back to the start in {} seconds.", left);
    centredText(th.body, note.c_str(), colour::Muted, width * 0.8F);
    return intent;
}

std::string FreeUseErasedView::pageKey(const ViewContext& ctx) const {
    return std::to_string(static_cast<int>(stateOf(ctx.flow)));
}

std::string FreeUseErasedView::spokenText(const ViewContext& ctx) const {
    const State s = stateOf(ctx.flow);
    std::vector<std::string> parts{ctx.t.tr(title(s))};
    if (ctx.flow.usbStickToTake()) parts.emplace_back(ctx.t.tr(kTakeStick));
    parts.emplace_back(ctx.t.tr(words(s)));
    if (s != State::Erasing) parts.emplace_back(ctx.t.tr("Back to the start"));
    return sentences(parts);
}

} // namespace dps::kiosk::ui
