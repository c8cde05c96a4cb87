#pragma once
#include "dps/i18n/Catalog.h"
#include "kiosk/app/EidWatcher.h"
#include "kiosk/core/Compositor.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/Speech.h"
#include "kiosk/core/TerminalFacts.h"
#include "kiosk/core/WindowLayoutKeeper.h"
#include "kiosk/core/spoken/Narrator.h"
#include "kiosk/ui/Images.h"
#include "kiosk/ui/Runner.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"
#include "kiosk/ui/View.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace dps::kiosk {

class FacilitatorUnlocker;

// The services the app carries the flow's requests to; any may be missing (screenshots,
// benchmarks, a terminal without a card service).
struct KioskServices {
    Speech* speech = nullptr;
    EidWatcher* eid = nullptr;
    FacilitatorUnlocker* unlocker = nullptr;
    std::function<TerminalFacts()> facts; // gathered when the status panel opens
    // Whether this terminal has an administrator PIN (the maintenance exit), asked each time the
    // facilitator's menu opens; missing: the flow's own answer stands (screenshots).
    std::function<bool()> maintenanceExit;
    std::filesystem::path eidPictures;
    // Places the window for free use's bar and back (WindowPlacer); missing: the window never
    // changes (screenshots, in-process tests).
    Compositor* compositor = nullptr;
};

// Connects the flow (domain), the views and the runner: input and time go to the flow, the
// current screen's view draws it, and the intent it returns goes back to the flow.
class KioskApp final : public ui::FrameSource {
public:
    // Builds fonts and style for a text size (1, 1.5, 2) and contrast; called between frames.
    using ThemeMaker = std::function<ui::Theme(float textSize, bool highContrast)>;

    using Services = KioskServices;

    KioskApp(KioskFlow& flow, const i18n::Catalog& catalog, ThemeMaker makeTheme, ui::UiMap& map, std::string siteName,
             ui::Images& images, Services services = {});

    void onInput() override;
    bool update() override;
    void drawFrame() override;
    [[nodiscard]] std::optional<SteadyTime> nextDeadline() const override;
    void onReady() override;
    void beforeNewFrame() override;
    [[nodiscard]] bool finished() const override { return flow_.facilitator().maintenanceExitRequested(); }

private:
    const i18n::Translator& translator();
    // The window's layout for what the flow shows (free use's bar or the whole screen).
    void followLayout();
    // The voice guide (issue 21): its keys (F1 on and off, F2 again, Ctrl silence), and what it
    // says of the page just drawn.
    void voiceGuideKeys(Screen screen);
    void narrate(const ui::View& view, const ui::ViewContext& ctx);

    KioskFlow& flow_;
    const i18n::Catalog& catalog_;
    ThemeMaker makeTheme_;
    ui::Theme theme_;
    int themeTextSize_ = 100;
    bool themeContrast_ = false;
    ui::UiMap& map_;
    std::string siteName_;
    ui::Images& images_;
    Services services_;
    Speech* speech_;
    EidWatcher* eidWatcher_;
    TerminalFacts facts_;
    bool factsFresh_ = false;
    bool menuFresh_ = false;              // the facilitator's menu was shown at the last update
    std::optional<EidDelivery> eidShown_; // delivered, not yet drawn
    bool drawnSpeaking_ = false;
    Narrator narrator_;
    int rate_ = Speech::kNormalRate;          // the voice guide's pace, back to normal when a visit ends
    bool hintGiven_ = false;                  // Welcome said how to start the guide (once a showing)
    bool spaceHoldUsed_ = false;              // this hold of Space turned the guide on already
    static constexpr float kSpaceHold = 2.0F; // seconds
    std::vector<std::unique_ptr<ui::View>> views_;
    std::optional<i18n::Translator> translator_;
    bool changed_ = true;
    Screen drawnScreen_ = Screen::Welcome;
    int drawnSeconds_ = -1;
    std::size_t drawnStep_ = 0;
    // The tap that answered "Are you still there?": ImGui does not see it until it is released.
    // A press that starts within kSwallow of the answer is that tap (a mouse answers with its
    // move, then clicks).
    static constexpr std::chrono::milliseconds kSwallow{600};
    std::optional<std::chrono::steady_clock::time_point> swallowUntil_;
    bool swallowing_ = false;
    // A new screen or step: nothing looks hovered until the pointer moves or touches again.
    bool hoverHidden_ = false;
    ImVec2 hiddenAt_;
    Screen hoverScreen_ = Screen::Welcome;
    std::size_t hoverStep_ = 0;
    std::optional<SteadyTime> animateAt_; // the next frame of an animation
    std::optional<WindowLayoutKeeper> layout_;
    float screenWidth_ = 0, screenHeight_ = 0; // the full-screen window's, which the bar's height follows
};

} // namespace dps::kiosk
