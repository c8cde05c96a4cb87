#include "kiosk/core/WindowLayoutKeeper.h"

#include <algorithm>

namespace dps::kiosk {

WindowLayout wantedLayout(bool barShown, int barHeight, int screenHeight) {
    if (!barShown) return WindowLayout::fullScreen();
    // Never less than a row of text, never more than half the screen: the browser is the point.
    const int most = screenHeight > 0 ? std::max(24, screenHeight / 2) : barHeight;
    return WindowLayout::bar(std::clamp(barHeight, 24, std::max(24, most)));
}

bool WindowLayoutKeeper::follow(const WindowLayout& wanted, SteadyTime now) {
    if (wanted == placed_ && !retryAt_) return false;
    // A failed placement is retried (for this layout or a newer one) once kRetry has passed.
    if (retryAt_ && now < *retryAt_ && wanted == wantedBefore_) return false;
    wantedBefore_ = wanted;
    if (auto error = compositor_.place(wanted)) {
        lastError_ = std::move(*error);
        retryAt_ = now + kRetry;
        return true;
    }
    placed_ = wanted;
    retryAt_.reset();
    lastError_.clear();
    return true;
}

} // namespace dps::kiosk
