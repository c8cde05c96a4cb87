#include "kiosk/app/KioskApp.h"

#include "kiosk/app/EidWatcher.h"
#include "kiosk/app/FacilitatorUnlocker.h"
#include "kiosk/core/BackKey.h"
#include "kiosk/presentation/SpokenWords.h"
#include "kiosk/ui/KeyboardFocus.h"
#include "kiosk/ui/Runner.h"
#include "kiosk/ui/TextInputMemory.h"
#include "kiosk/ui/Views.h"
#include "kiosk/ui/exercises/ExerciseView.h"
#include "kiosk/ui/views/FreeUseBarView.h"

#include "dps/log/Log.h"
#include <SDL_scancode.h>
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <imgui.h>

namespace dps::kiosk {

KioskApp::KioskApp(KioskFlow& flow, const i18n::Catalog& catalog, ThemeMaker makeTheme, ui::UiMap& map,
                   std::string siteName, ui::Images& images, Services services)
    : flow_(flow), catalog_(catalog), makeTheme_(std::move(makeTheme)),
      theme_(makeTheme_(static_cast<float>(flow.textSizePercent()) / 100.0F, flow.highContrast())),
      themeTextSize_(flow.textSizePercent()), themeContrast_(flow.highContrast()), map_(map),
      siteName_(std::move(siteName)), images_(images), services_(std::move(services)), speech_(services_.speech),
      eidWatcher_(services_.eid), views_(ui::makeViews()) {
    if (services_.compositor) layout_.emplace(*services_.compositor);
}

void KioskApp::onInput() {
    const bool prompting = flow_.screen() == Screen::StillThere;
    flow_.noteActivity();
    // Any sign of life answers the question; a tap that did must not press what is under it too.
    if (prompting && flow_.screen() != Screen::StillThere) swallowUntil_ = std::chrono::steady_clock::now() + kSwallow;
}

void KioskApp::beforeNewFrame() {
    ImGuiIO& io = ImGui::GetIO();
    ui::keysBeforeFrame(flow_);
    const ImVec2 nowhere(-FLT_MAX, -FLT_MAX);
    // A press that starts just after "Are you still there?" was answered (the touch that answered
    // it, or a mouse's click just after the move that did) is hidden from ImGui until released.
    const bool justAnswered = swallowUntil_ && std::chrono::steady_clock::now() < *swallowUntil_;
    if (io.MouseDown[0] && (swallowing_ || justAnswered)) {
        swallowing_ = true;
        io.MouseDown[0] = false;
        io.MousePos = nowhere;
        return;
    }
    swallowing_ = false;
    const Screen screen = flow_.screen();
    const std::size_t step = flow_.run() ? flow_.run()->stepIndex() : SIZE_MAX;
    if (screen != hoverScreen_ || step != hoverStep_) {
        hoverScreen_ = screen;
        hoverStep_ = step;
        hoverHidden_ = true;
        hiddenAt_ = io.MousePos;
    }
    if (!hoverHidden_) return;
    const bool moved = ImGui::IsMousePosValid(&io.MousePos) &&
                       (!ImGui::IsMousePosValid(&hiddenAt_) || std::abs(io.MousePos.x - hiddenAt_.x) > 2.0F ||
                        std::abs(io.MousePos.y - hiddenAt_.y) > 2.0F);
    if (moved || io.MouseDown[0])
        hoverHidden_ = false;
    else
        io.MousePos = nowhere;
}

bool KioskApp::update() {
    flow_.update();
    if (eidWatcher_) {
        // The status panel shows the card reader's state too.
        const bool onStatus = flow_.screen() == Screen::TerminalStatus;
        eidWatcher_->setActive(flow_.screen() == Screen::EidCheck || onStatus);
        while (auto delivery = eidWatcher_->take()) {
            if (onStatus) {
                facts_.cardReader = delivery->report.readerName;
                facts_.cardVerdict = delivery->report.verdict;
            } else {
                flow_.deliverEidReport(delivery->report);
                eidShown_ = std::move(delivery);
            }
            changed_ = true;
        }
        if (auto result = eidWatcher_->takePinResult()) {
            flow_.deliverPinResult(*result);
            changed_ = true;
        }
        if (auto request = flow_.takePinTestRequest()) {
            eidWatcher_->requestPinTest(std::move(request->block), std::move(request->reader),
                                        std::move(request->language));
        }
        if (flow_.takeRecheckRequest()) eidWatcher_->recheck();
    }
    if (auto request = flow_.takeUnlockRequest()) {
        if (services_.unlocker)
            services_.unlocker->check(std::move(*request));
        else
            flow_.deliverUnlock(std::nullopt); // nobody can be checked: no facilitator here
        changed_ = true;
    }
    if (services_.unlocker) {
        if (auto answer = services_.unlocker->take()) {
            flow_.deliverUnlock(*answer);
            changed_ = true;
        }
    }
    // The administrator PIN can be set or cleared by the command while the kiosk runs.
    const bool onMenu = flow_.screen() == Screen::Facilitator;
    if (onMenu && !menuFresh_ && services_.maintenanceExit) {
        flow_.offerMaintenanceExit(services_.maintenanceExit());
        changed_ = true;
    }
    menuFresh_ = onMenu;
    // Gathered each time the status panel opens; the card reader's line follows from the watcher.
    const bool onStatus = flow_.screen() == Screen::TerminalStatus;
    if (onStatus && !factsFresh_ && services_.facts) facts_ = services_.facts();
    factsFresh_ = onStatus;
    // A visitor changed the text size or contrast (or a visit ended and they return to normal).
    if (flow_.textSizePercent() != themeTextSize_ || flow_.highContrast() != themeContrast_) {
        themeTextSize_ = flow_.textSizePercent();
        themeContrast_ = flow_.highContrast();
        theme_ = makeTheme_(static_cast<float>(themeTextSize_) / 100.0F, themeContrast_);
        ui::Runner::reloadFonts();
        changed_ = true;
    }
    followLayout();
    const bool speaking = speech_ && speech_->speaking();
    if (animateAt_ && std::chrono::steady_clock::now() >= *animateAt_) {
        animateAt_.reset();
        changed_ = true;
    }
    const bool changed = changed_ || flow_.screen() != drawnScreen_ || flow_.secondsLeft() != drawnSeconds_ ||
                         speaking != drawnSpeaking_;
    changed_ = false;
    return changed;
}

void KioskApp::followLayout() {
    if (!layout_) return;
    // Free use's bar is a strip of the kiosk's window above the browser: exactly while the flow
    // shows the bar; its intro, the wipe's screen and facilitator mode take the whole screen.
    const int barHeight = ui::FreeUseBarView::wantedHeight(screenWidth_, flow_.textSizePercent());
    const WindowLayout wanted = wantedLayout(flow_.barMode(), barHeight, static_cast<int>(screenHeight_));
    const bool hadError = !layout_->lastError().empty();
    if (!layout_->follow(wanted, std::chrono::steady_clock::now())) return;
    changed_ = true;
    if (!layout_->lastError().empty()) {
        log::warning("the window could not be placed ({}): {}; tried again in {} s",
                     wanted.mode == WindowLayout::Mode::Bar ? "session bar" : "full screen", layout_->lastError(),
                     WindowLayoutKeeper::kRetry.count());
    } else if (wanted.mode == WindowLayout::Mode::Bar) {
        log::info("window: the session bar, {} px high{}", wanted.barHeight, hadError ? " (after a retry)" : "");
    } else {
        log::info("window: full screen{}", hadError ? " (after a retry)" : "");
    }
}

std::optional<SteadyTime> KioskApp::nextDeadline() const {
    std::optional<SteadyTime> next = flow_.nextDeadline();
    for (const auto& at : {animateAt_, layout_ ? layout_->nextRetry() : std::nullopt})
        if (at) next = next ? std::min(*next, *at) : at;
    return next;
}

const i18n::Translator& KioskApp::translator() {
    if (!translator_ || translator_->language() != flow_.language()) translator_.emplace(catalog_, flow_.language());
    return *translator_;
}

void KioskApp::drawFrame() {
    const Screen screen = flow_.screen();
    // Leaving a step or a screen leaves nothing typed behind in ImGui's own buffers.
    const std::size_t step = flow_.run() ? flow_.run()->stepIndex() : SIZE_MAX;
    if (screen != drawnScreen_ || step != drawnStep_) {
        ui::wipeTextInputMemory();
        if (speech_ && speech_->speaking()) speech_->stop(); // a new page: the old words stop
    }
    drawnSpeaking_ = speech_ && speech_->speaking();
    drawnStep_ = step;
    // Views may turn keyboard navigation off for one frame (the special-keys practice).
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    if (!layout_ || layout_->placed().mode == WindowLayout::Mode::FullScreen) {
        screenWidth_ = ImGui::GetIO().DisplaySize.x;
        screenHeight_ = ImGui::GetIO().DisplaySize.y;
    }
    map_.beginFrame(screenName(screen), flow_.language());
    if (speech_) map_.note("reading", drawnSpeaking_ ? "yes" : "no");
    voiceGuideKeys(screen);
    Intent intent;
    for (const auto& view : views_) {
        if (view->screen() != screen) continue;
        const ui::ViewContext ctx{flow_,     flow_.run(), catalog_, translator(),          theme_, map_,
                                  siteName_, images_,     speech_,  services_.eidPictures, facts_};
        intent = view->draw(ctx);
        if (!view->settled()) changed_ = true; // draw again until the layout stands still
        if (view->settled()) narrate(*view, ctx);
    }
    // Something moves ("Show me"): the next frame in 40 ms, not as fast as the loop can go.
    if (ui::takeAnimationRequest()) animateAt_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(40);
    if (!changed_) map_.endFrame();
    drawnScreen_ = screen;
    drawnSeconds_ = flow_.secondsLeft();
    if (eidShown_) {
        // The benchmark's figure: pcscd's news to the verdict on screen (this frame is presented next).
        using namespace std::chrono;
        const auto shown = duration_cast<microseconds>(steady_clock::now() - eidShown_->changeSeen);
        log::info("e-ID check: {} after {:.1f} ms, on screen {:.1f} ms after pcscd reported the change",
                  eid::outcomeCode(eidShown_->report.verdict),
                  static_cast<double>(eidShown_->checkTook.count()) / 1000.0,
                  static_cast<double>(shown.count()) / 1000.0);
        eidShown_.reset();
    }
    // Escape goes back (issue 21), unless what was drawn took the keys (the special-keys practice
    // turns keyboard navigation off as it draws, and Escape is one of its keys) or answered it.
    // A numeric keypad's 0 too, where digits are not typed.
    const bool back = ImGui::IsKeyPressed(SDL_SCANCODE_ESCAPE, false) ||
                      (ImGui::IsKeyPressed(SDL_SCANCODE_KP_0, false) && !ui::digitsAreTyped(flow_));
    if (isNone(intent) && !isFacilitatorScreen(screen) && back &&
        (ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) && !ImGui::GetIO().WantTextInput)
        intent = backIntent(flow_);
    const auto* read = std::get_if<intent::ReadAloud>(&intent);
    if (speech_ && read && !read->text.empty()) {
        speech_->say(read->text, flow_.language());
    } else if (speech_ && read && flow_.run()) {
        const auto& shownStep = flow_.run()->step();
        speech_->say(*shownStep.text.in(flow_.language(), flow_.fallbackLanguage()).text, flow_.language());
    } else if (speech_ && std::holds_alternative<intent::StopReading>(intent)) {
        speech_->stop();
    }
    if (!isNone(intent)) {
        flow_.apply(intent);
        changed_ = true;
    }
}

void KioskApp::voiceGuideKeys(Screen screen) {
    // The end of a visit ends the guide, at its normal pace: the next person starts without it.
    if (screen == Screen::Welcome && drawnScreen_ != Screen::Welcome) {
        narrator_.end();
        if (speech_ && rate_ != Speech::kNormalRate) speech_->setRate(rate_ = Speech::kNormalRate);
    }
    if (screen != Screen::Welcome) hintGiven_ = false;
    if (!speech_ || !speech_->available() || isFacilitatorScreen(screen)) return;
    const i18n::Translator& t = translator();
    const ImGuiIO& io = ImGui::GetIO();
    // Without sight, Welcome is found by its keys: moving there says once how to start the guide,
    // and holding Space for two seconds starts it too (a key found by touch).
    if (screen == Screen::Welcome && !narrator_.on()) {
        const bool exploring =
            ImGui::IsKeyPressed(SDL_SCANCODE_TAB, false) || ImGui::IsKeyPressed(SDL_SCANCODE_DOWN, false) ||
            ImGui::IsKeyPressed(SDL_SCANCODE_UP, false) || ImGui::IsKeyPressed(SDL_SCANCODE_LEFT, false) ||
            ImGui::IsKeyPressed(SDL_SCANCODE_RIGHT, false) || ImGui::IsKeyPressed(SDL_SCANCODE_SPACE, false);
        if (exploring && !hintGiven_) {
            hintGiven_ = true;
            speech_->say(voiceGuideHint(t), t.language());
        }
        // While Space is held the loop has no input to wake it: a frame every 200 ms to see the two seconds.
        if (io.KeysDown[SDL_SCANCODE_SPACE])
            animateAt_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
    }
    const float spaceHeld = io.KeysDownDuration[SDL_SCANCODE_SPACE];
    if (spaceHeld < 0) spaceHoldUsed_ = false;
    const bool longSpace = screen == Screen::Welcome && !narrator_.on() && !spaceHoldUsed_ && spaceHeld >= kSpaceHold;
    if (longSpace) spaceHoldUsed_ = true;
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F1, false) || longSpace) {
        if (const auto bye = narrator_.toggle(voiceGuideHelp(t), voiceGuideOff(t))) speech_->say(*bye, t.language());
        changed_ = true; // the next frame says the page
    }
    if (!narrator_.on()) return;
    ui::showFocus();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F2, false) && !narrator_.last().empty())
        speech_->say(narrator_.last(), t.language());
    // Slower (F3, the numeric keypad's minus) or faster (F4, plus): the last words again at the new pace.
    const bool slower =
        ImGui::IsKeyPressed(SDL_SCANCODE_F3, false) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_MINUS, false);
    const bool faster = ImGui::IsKeyPressed(SDL_SCANCODE_F4, false) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_PLUS, false);
    if (slower || faster) {
        rate_ = std::clamp(rate_ + (faster ? Speech::kRateStep : -Speech::kRateStep), Speech::kSlowestRate,
                           Speech::kFastestRate);
        speech_->setRate(rate_);
        if (!narrator_.last().empty()) speech_->say(narrator_.last(), t.language());
    }
    // Either Ctrl silences, as in screen readers; the next move speaks again.
    if ((ImGui::IsKeyPressed(SDL_SCANCODE_LCTRL, false) || ImGui::IsKeyPressed(SDL_SCANCODE_RCTRL, false)) &&
        speech_->speaking())
        speech_->stop();
}

void KioskApp::narrate(const ui::View& view, const ui::ViewContext& ctx) {
    if (!narrator_.on() || !speech_) return;
    const std::string page = std::string(screenName(view.screen())) + "/" + view.page(ctx);
    const auto said = narrator_.frame({page, view.narration(ctx), view.live()}, map_.focused(),
                                      [&ctx](const SpokenControl& c) { return describeControl(c, ctx.t); });
    if (said) speech_->say(*said, ctx.t.language());
}

void KioskApp::onReady() {
    map_.setLive(true);
    log::info("ready: waiting for visitors");
}

} // namespace dps::kiosk
