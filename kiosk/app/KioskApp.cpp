#include "KioskApp.h"

#include "../ui/Views.h"
#include "dps/log/Log.h"

namespace dps::kiosk {

KioskApp::KioskApp(KioskFlow& flow, const i18n::Catalog& catalog, const ui::Theme& theme, ui::UiMap& map,
                   std::string siteName)
    : flow_(flow), catalog_(catalog), theme_(theme), map_(map), siteName_(std::move(siteName)),
      views_(ui::makeViews()) {}

void KioskApp::onInput() { flow_.noteActivity(); }

bool KioskApp::update() {
    flow_.update();
    const bool changed = changed_ || flow_.screen() != drawnScreen_ || flow_.secondsLeft() != drawnSeconds_;
    changed_ = false;
    return changed;
}

std::optional<SteadyTime> KioskApp::nextDeadline() const { return flow_.nextDeadline(); }

const i18n::Translator& KioskApp::translator() {
    if (!translator_ || translator_->language() != flow_.language()) translator_.emplace(catalog_, flow_.language());
    return *translator_;
}

void KioskApp::drawFrame() {
    const Screen screen = flow_.screen();
    map_.beginFrame(screenName(screen), flow_.language());
    Intent intent;
    for (const auto& view : views_) {
        if (view->screen() != screen) continue;
        const ui::ViewContext ctx{flow_, catalog_, translator(), theme_, map_, siteName_};
        intent = view->draw(ctx);
        if (!view->settled()) changed_ = true; // draw again until the layout stands still
    }
    if (!changed_) map_.endFrame();
    drawnScreen_ = screen;
    drawnSeconds_ = flow_.secondsLeft();
    if (intent.kind != Intent::Kind::None) {
        flow_.apply(intent);
        changed_ = true;
    }
}

void KioskApp::onReady() {
    map_.setLive(true);
    log::info("ready: waiting for visitors");
}

} // namespace dps::kiosk
