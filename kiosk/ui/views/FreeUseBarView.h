#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// The session bar of free use: the kiosk's whole window while the browser runs, a thin strip
// above it (1366x56 to 1920x96 at 100 % text) that no page can cover. Time left (held for two
// seconds: facilitator mode), the warnings and prompts, Help, the language, "Finish and erase".
class FreeUseBarView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::FreeUseBar; }
    [[nodiscard]] bool wholeWindow() const override { return true; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;
    // The strip's height for a screen this wide at this text size: 56 px at 1366, 96 at 1920 and
    // wider, times the text size. The bar notes it in the UI map (state bar-height) for the
    // compositor's layout; in a lower strip its words are smaller, never cut off.
    static int wantedHeight(float screenWidth, int textSizePercent);

protected:
    Intent drawContent(const ViewContext& ctx) override;

private:
    bool holdFired_ = false;
};

} // namespace dps::kiosk::ui
