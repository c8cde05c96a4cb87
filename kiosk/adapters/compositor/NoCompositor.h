#pragma once
#include "kiosk/core/Compositor.h"

namespace dps::kiosk::compositor {

// No compositor to ask (a developer's X11 desktop, Xvfb, the tests' runs): the kiosk's own window
// changes (the runner's half) and nothing else does.
class NoCompositor final : public Compositor {
public:
    [[nodiscard]] std::optional<std::string> place(const WindowLayout&) override { return std::nullopt; }
};

} // namespace dps::kiosk::compositor
