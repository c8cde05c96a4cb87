#include "KioskInProcess.h"

#include <utility>

#include "kiosk/ui/Images.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"

#include "dps/log/Log.h"

#include <SDL.h>
#include <cmath>
#include <imgui.h>

namespace dps::test {
namespace {

using kiosk::ui::Pointer;

// Fonts are built once per text size and contrast: a fresh app for each screen would rebuild the
// same atlas otherwise. The atlas is ImGui's (one per process), so the last one built is kept.
struct ThemeCache {
    float size = -1;
    bool contrast = false;
    kiosk::ui::Theme theme;
};
ThemeCache& themeCache() {
    static ThemeCache cache;
    return cache;
}

} // namespace

KioskInProcess::KioskInProcess(InProcessConfig config) : config_(std::move(config)) {
    log::setLevel(log::Level::Warning); // a walk starts hundreds of apps, each "ready"
    kiosk::ui::RunnerOptions r;
    r.fullscreen = false;
    r.width = config_.width;
    r.height = config_.height;
    r.renderer = "software";
    r.offscreen = true;
    r.lockedDown = false;
    runner_ = std::make_unique<kiosk::ui::Runner>(r);
    catalog_ = std::make_unique<i18n::Catalog>(config_.dataDir / "locale", "dps-kiosk", config_.settings.languages);
    library_ = kiosk::loadLibrary(config_.sourceDir / "assets" / "tutorials", config_.settings.languages);
    images_ = std::make_unique<kiosk::ui::Images>(runner_->renderer());
    themeCache() = ThemeCache{};
    restart();
}

KioskInProcess::~KioskInProcess() {
    app_.reset();
    images_.reset();
    themeCache() = ThemeCache{};
}

float KioskInProcess::bandHeight() const {
    // As the kiosk drew it ("state band" in its UI map).
    const std::string band = map().value("band");
    return band.empty() ? 0.0F : std::stof(band);
}

void KioskInProcess::restart(const std::function<void(kiosk::KioskFlow&, ManualClock&)>& walk,
                             const std::function<void(kiosk::FlowSettings&)>& configure) {
    app_.reset();
    visits_ = RecordingVisitLog{};
    kiosk::FlowSettings settings = config_.settings;
    if (configure) configure(settings);
    flow_ = std::make_unique<kiosk::KioskFlow>(settings, visits_, clock_, library_.tutorials, nullptr, config_.browser);
    if (walk) walk(*flow_, clock_);
    map_ = std::make_unique<kiosk::ui::UiMap>(std::filesystem::path());
    map_->keepInMemory();
    const ImVec2 pixels(static_cast<float>(config_.width), static_cast<float>(config_.height));
    const kiosk::ui::FontFiles fonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                     "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                                     "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf"};
    auto makeTheme = [pixels, fonts](float size, bool contrast) {
        ThemeCache& cache = themeCache();
        if (cache.size == size && cache.contrast == contrast) {
            kiosk::ui::colour::useHighContrast(contrast);
            return cache.theme;
        }
        cache.theme = kiosk::ui::applyTheme(pixels, 0, fonts, size, contrast);
        cache.size = size;
        cache.contrast = contrast;
        return cache.theme;
    };
    kiosk::KioskApp::Services services;
    services.eidPictures = config_.dataDir / "eid-pictures";
    services.speech = config_.speech;
    app_ = std::make_unique<kiosk::KioskApp>(*flow_, *catalog_, makeTheme, *map_, config_.siteName, *images_,
                                             std::move(services));
    app_->onReady();
    pointer_ = Pointer{};
    settle();
}

void KioskInProcess::step(bool down, float wheel) {
    pointer_.down = down;
    pointer_.wheel = wheel;
    runner_->drawFrameWith(*app_, pointer_, false);
    pointer_.wheel = 0;
}

void KioskInProcess::frame() { step(pointer_.down); }

UiMapFile KioskInProcess::map() const { return UiMapFile::parse(map_->lastFrame()); }

UiMapFile KioskInProcess::settle() {
    // Until two complete frames in a row say the same (a frame still being laid out says nothing).
    std::string last;
    int same = 0;
    for (int i = 0; i < 60 && same < 2; ++i) {
        const long before = map_->completeFrames();
        frame();
        const bool complete = map_->completeFrames() > before;
        same = complete && map_->lastFrame() == last ? same + 1 : 0;
        last = map_->lastFrame();
    }
    return map();
}

void KioskInProcess::moveTo(float x, float y) {
    pointer_.at = std::make_pair(x, y);
    frame();
}

void KioskInProcess::lift() {
    pointer_.at.reset();
    pointer_.down = false;
    frame();
}

UiMapFile KioskInProcess::bringIntoView(const std::string& id) {
    UiMapFile m = settle();
    float step = 1.0F, lastDirection = 0;
    for (int tries = 0; tries < 60; ++tries) {
        if (!m.has(id)) throw WalkError("no button " + id + " on " + m.screen);
        if (m.fullyVisible(id)) return m;
        Rect r = m.buttons.at(id);
        // The innermost area that does not show it whole turns its wheel. An area scrolled wholly
        // out of sight lays nothing out: the one around it brings the area itself into view.
        int wi = m.windowOf.count(id) ? m.windowOf.at(id) : -1;
        while (wi >= 0) {
            const MapWindow& w = m.windows[static_cast<std::size_t>(wi)];
            if (w.visible.empty() && !w.whole.empty() && w.parent >= 0) {
                r = w.whole;
                wi = w.parent;
                continue;
            }
            if (!(r.y0 >= w.visible.y0 && r.y1 <= w.visible.y1)) break;
            wi = w.parent;
        }
        if (wi < 0) throw WalkError("button " + id + " is cut at the side and no scrolling shows it");
        // An area cut by the one around it that shows too little of itself to show the button:
        // the area around it turns first, to show more of it.
        if (const MapWindow& in = m.windows[static_cast<std::size_t>(wi)];
            in.parent >= 0 && !in.whole.empty() && r.height() > in.visible.height() &&
            (in.whole.y0 < in.visible.y0 || in.whole.y1 > in.visible.y1)) {
            r = in.whole;
            wi = in.parent;
        }
        const MapWindow& w = m.windows[static_cast<std::size_t>(wi)];
        const std::string before = map_->lastFrame();
        // Smaller turns once it went past (a wheel notch can be longer than the room left).
        const float direction = r.y1 > w.visible.y1 ? -1.0F : 1.0F;
        if (lastDirection != 0 && direction != lastDirection) step *= 0.5F;
        lastDirection = direction;
        const float notches = direction * step;
        m = wheel(static_cast<float>(w.visible.x0 + 4), static_cast<float>((w.visible.y0 + w.visible.y1) / 2), notches);
        if (map_->lastFrame() == before)
            throw WalkError("button " + id + " at y " + std::to_string(r.y0) + "-" + std::to_string(r.y1) +
                            " cannot be scrolled into view (its area shows " + std::to_string(w.visible.y0) + "-" +
                            std::to_string(w.visible.y1) + ")");
    }
    throw WalkError("button " + id + " never came into view");
}

UiMapFile KioskInProcess::tapAt(float x, float y) {
    moveTo(x, y);
    frame();
    step(true);
    step(true);
    step(false);
    return settle();
}

UiMapFile KioskInProcess::tap(const std::string& id) {
    const UiMapFile m = bringIntoView(id);
    const Rect v = m.visiblePart(id);
    return tapAt(static_cast<float>(v.cx()), static_cast<float>(v.cy()));
}

UiMapFile KioskInProcess::doubleTap(const std::string& id) {
    const UiMapFile m = bringIntoView(id);
    const Rect v = m.visiblePart(id);
    moveTo(static_cast<float>(v.cx()), static_cast<float>(v.cy()));
    frame();
    // Four frames a finger's quick double tap lasts; ImGui times them on the real clock, and a
    // loaded machine can take longer than the double-click time to draw them; and a double tap
    // just after another would be counted as a third and fourth click.
    // The first press starts a new count (a tap just before is not part of this double tap), the
    // second is quick whatever the time the frames took.
    ImGuiIO& io = ImGui::GetIO();
    const float quick = std::exchange(io.MouseDoubleClickTime, 0.0F);
    step(true);
    step(false);
    io.MouseDoubleClickTime = 60.0F;
    step(true);
    step(false);
    io.MouseDoubleClickTime = quick;
    return settle();
}

UiMapFile KioskInProcess::drag(const std::string& from, const std::string& to) {
    UiMapFile m = bringIntoView(from);
    const Rect a = m.visiblePart(from);
    if (!m.fullyVisible(to)) throw WalkError(to + " is not in view while " + from + " is");
    const Rect b = m.visiblePart(to);
    moveTo(static_cast<float>(a.cx()), static_cast<float>(a.cy()));
    step(true);
    for (int i = 1; i <= 8; ++i) {
        pointer_.at = std::make_pair(static_cast<float>(a.cx() + (b.cx() - a.cx()) * i / 8),
                                     static_cast<float>(a.cy() + (b.cy() - a.cy()) * i / 8));
        step(true);
    }
    step(false);
    return settle();
}

UiMapFile KioskInProcess::swipe(float x, float y, float dy) {
    moveTo(x, y);
    step(true);
    for (int i = 1; i <= 8; ++i) {
        pointer_.at = std::make_pair(x, y + dy * static_cast<float>(i) / 8.0F);
        step(true);
    }
    step(false);
    return settle();
}

UiMapFile KioskInProcess::wheel(float x, float y, float notches) {
    moveTo(x, y);
    step(false, notches);
    return settle();
}

void KioskInProcess::key(SDL_Scancode code) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.scancode = code;
    e.key.keysym.sym = SDL_GetKeyFromScancode(code);
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    SDL_PushEvent(&e);
    frame();
    frame();
    frame();
}

void KioskInProcess::type(const std::string& text) {
    // One character an event, as SDL gives a keyboard's (UTF-8 sequences kept whole).
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0)
            n = 4;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        text.copy(e.text.text, n, i);
        SDL_PushEvent(&e);
        i += n;
    }
    frame();
    settle();
}

std::vector<std::string> KioskInProcess::layoutProblems() {
    return dps::test::layoutProblems(map(), bandHeight(), "###band");
}

std::vector<DrawnText> KioskInProcess::drawnText() const { return dps::test::drawnText(); }

void KioskInProcess::savePng(const std::filesystem::path& file) { runner_->renderToPng(*app_, file, 2); }

} // namespace dps::test
