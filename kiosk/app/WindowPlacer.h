#pragma once
#include "kiosk/core/Compositor.h"
#include "kiosk/ui/Runner.h"

namespace dps::kiosk {

// Both halves of a layout change: the kiosk's SDL window first (out of full screen at the bar's
// size, or back to full screen), then the compositor's (sway places it and the browser).
class WindowPlacer final : public Compositor {
public:
    WindowPlacer(ui::Runner& runner, Compositor& compositor) : runner_(runner), compositor_(compositor) {}
    [[nodiscard]] std::optional<std::string> place(const WindowLayout& layout) override {
        runner_.placeWindow(layout);
        return compositor_.place(layout);
    }

private:
    ui::Runner& runner_;
    Compositor& compositor_;
};

} // namespace dps::kiosk
