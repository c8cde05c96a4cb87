// The kiosk's colours against what they are drawn on, by WCAG 2's contrast ratio (relative
// luminance of sRGB, https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), in both themes: text 7:1
// (Theme.h's promise), the focus ring 3:1 on the page and in the band (issue 21).
#include "kiosk/ui/Theme.h"

#include <cmath>
#include <gtest/gtest.h>

namespace {

double luminance(ImU32 c) {
    const auto channel = [](unsigned v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    // IM_COL32 packs red in the low byte.
    return 0.2126 * channel(c & 0xFFU) + 0.7152 * channel((c >> 8) & 0xFFU) + 0.0722 * channel((c >> 16) & 0xFFU);
}

double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

class ThemeContrast : public testing::TestWithParam<bool> {
protected:
    void SetUp() override { dps::kiosk::ui::colour::useHighContrast(GetParam()); }
    void TearDown() override { dps::kiosk::ui::colour::useHighContrast(false); }
};

} // namespace

TEST(ContrastRatio, MatchesWcagsFormulaOnKnownPairs) {
    EXPECT_NEAR(contrast(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)), 21.0, 1e-9);
    EXPECT_NEAR(contrast(IM_COL32(0x77, 0x77, 0x77, 255), IM_COL32(255, 255, 255, 255)), 4.48, 0.01);
}

TEST_P(ThemeContrast, TheFocusRingStandsOutFromWhatItIsDrawnOn) {
    using namespace dps::kiosk::ui;
    EXPECT_GE(contrast(colour::Focus, colour::Background), 3.0);
    EXPECT_GE(contrast(colour::BandFocus, colour::Band), 3.0);
}

TEST_P(ThemeContrast, TextIsAtLeastSevenToOne) {
    using namespace dps::kiosk::ui;
    EXPECT_GE(contrast(colour::Text, colour::Background), 7.0);
    EXPECT_GE(contrast(colour::OnPrimary, colour::Primary), 7.0);
    // The band's words: white on blue, or yellow on black in high contrast (View.cpp's band).
    EXPECT_GE(contrast(GetParam() ? colour::Primary : colour::OnPrimary, colour::Band), 7.0);
}

INSTANTIATE_TEST_SUITE_P(BothThemes, ThemeContrast, testing::Values(false, true),
                         [](const auto& theme) { return theme.param ? "HighContrast" : "Normal"; });
