#pragma once
#include "dps/i18n/Catalog.h"
#include "kiosk/ui/Runner.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk::ui {

// What `dps-kiosk --out-of-order` shows when the kiosk itself keeps failing: one calm message in
// every language at once (nobody has chosen one), nothing to press. It needs no database, no
// tutorials and no flow, so whatever broke the kiosk cannot break it too. It draws only after an
// event: the runner sleeps in SDL_WaitEvent the rest of the time.
class OutOfOrderScreen final : public FrameSource {
public:
    using ThemeMaker = std::function<Theme()>;
    OutOfOrderScreen(const i18n::Catalog& catalog, std::vector<std::string> languages, ThemeMaker makeTheme,
                     UiMap& map);

    void onInput() override {}
    bool update() override { return false; }
    void drawFrame() override;
    [[nodiscard]] std::optional<SteadyTime> nextDeadline() const override { return std::nullopt; }
    void onReady() override { map_.setLive(true); }

private:
    const i18n::Catalog& catalog_;
    std::vector<std::string> languages_;
    Theme theme_;
    UiMap& map_;
    float contentHeight_ = 0; // measured on the previous frame, to centre the message
};

} // namespace dps::kiosk::ui
