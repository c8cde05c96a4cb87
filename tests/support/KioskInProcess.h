#pragma once
#include "LayoutAudit.h"
#include "RecordingVisitLog.h"
#include "UiMapFile.h"

#include "dps/core/ManualClock.h"
#include "dps/i18n/Catalog.h"
#include "kiosk/adapters/content/TutorialLoader.h"
#include "kiosk/app/KioskApp.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/ui/Runner.h"

#include <SDL_scancode.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace dps::test {

// A step a visitor could not take: what it was and why.
class WalkError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct InProcessConfig {
    int width = 1366, height = 768;
    std::filesystem::path sourceDir; // the repository (assets/tutorials)
    std::filesystem::path dataDir;   // the build's share/dps-kiosk (locale, eid-pictures)
    std::string siteName = "EPN de la Bibliothèque des Riches Claires";
    kiosk::FlowSettings settings; // languages, features; the shipped tutorials are loaded
    // Free use's browser (its screens need one) and read-aloud's voice; none by default. The test
    // owns them; each restart hands them to the fresh flow and app.
    kiosk::BrowserSession* browser = nullptr;
    kiosk::Speech* speech = nullptr;
};

// The kiosk's own application (flow, views, runner, fonts, catalogues, the shipped tutorials) in
// the test's process, on SDL's offscreen display, with a pointer the test moves: ImGui sees it
// where the SDL backend puts a mouse's, frame by frame (hover, press, release), so a whole walk
// through every tutorial takes seconds. What it shows is read from the UI map it keeps in memory
// and from the draw data of each frame (LayoutAudit.h). The X pointer path itself is proven by
// the tests that drive the real binary with xdotool (KioskHarness).
class KioskInProcess {
public:
    explicit KioskInProcess(InProcessConfig config);
    ~KioskInProcess();
    KioskInProcess(const KioskInProcess&) = delete;
    KioskInProcess& operator=(const KioskInProcess&) = delete;

    // A new visitor's kiosk on Welcome (a fresh flow and app; the display and fonts stay). walk,
    // when given, moves the fresh flow before its first frame (as --screenshot does).
    // configure, when given, changes the settings of that flow only.
    void restart(const std::function<void(kiosk::KioskFlow&, ManualClock&)>& walk = {},
                 const std::function<void(kiosk::FlowSettings&)>& configure = {});
    kiosk::KioskFlow& flow() { return *flow_; }
    ManualClock& clock() { return clock_; }
    RecordingVisitLog& visits() { return visits_; }
    const std::vector<kiosk::Tutorial>& tutorials() const { return library_.tutorials; }
    [[nodiscard]] int width() const { return config_.width; }
    [[nodiscard]] int height() const { return config_.height; }
    [[nodiscard]] float bandHeight() const;

    // Draws frames until the UI map stands still, and returns it.
    UiMapFile settle();
    // Draws one frame with the pointer as it is.
    void frame();
    [[nodiscard]] UiMapFile map() const;

    // The pointer: where it is and whether it is pressed.
    void moveTo(float x, float y);
    void lift(); // a finger leaving the screen: no pointer
    // Brings a button fully into view by turning the mouse wheel over the area that hides it,
    // as a visitor would; throws WalkError when it cannot be.
    UiMapFile bringIntoView(const std::string& id);
    // Taps the middle of what is visible of a button (after bringing it into view).
    UiMapFile tap(const std::string& id);
    UiMapFile tapAt(float x, float y);
    UiMapFile doubleTap(const std::string& id);
    // Presses on one button, moves in small steps to another and lets go there.
    UiMapFile drag(const std::string& from, const std::string& to);
    // A finger dragged on an empty place of the page: dy < 0 moves the content up (scrolls down).
    UiMapFile swipe(float x, float y, float dy);
    UiMapFile wheel(float x, float y, float notches);
    void key(SDL_Scancode code);
    void type(const std::string& text);

    // The layout problems of the last frame (LayoutAudit.h).
    std::vector<std::string> layoutProblems();
    std::vector<DrawnText> drawnText() const;
    // Renders the last state to a PNG (for a person looking at a failure).
    void savePng(const std::filesystem::path& file);

private:
    void step(bool down, float wheel = 0);

    InProcessConfig config_;
    std::unique_ptr<kiosk::ui::Runner> runner_;
    std::unique_ptr<i18n::Catalog> catalog_;
    kiosk::TutorialLibrary library_;
    RecordingVisitLog visits_;
    ManualClock clock_;
    std::unique_ptr<kiosk::KioskFlow> flow_;
    std::unique_ptr<kiosk::ui::UiMap> map_;
    std::unique_ptr<kiosk::ui::Images> images_;
    std::unique_ptr<kiosk::KioskApp> app_;
    kiosk::ui::Pointer pointer_;
};

} // namespace dps::test
