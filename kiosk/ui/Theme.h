#pragma once
#include <imgui.h>

#include <filesystem>

namespace dps::kiosk::ui {

struct FontFiles {
    std::filesystem::path regular, bold, icons;
};

// Colours chosen for contrast (text on background and on buttons above 7:1) rather than fashion.
// They change only between frames, on the UI thread, when a visitor asks for high contrast; they
// are set by useHighContrast(), which applyTheme() calls before anything is drawn.
namespace colour {
inline ImU32 Background = 0;
inline ImU32 Band = 0;
inline ImU32 Text = 0;
inline ImU32 Muted = 0;
inline ImU32 OnPrimary = 0;
inline ImU32 Primary = 0;
inline ImU32 PrimaryHover = 0;
inline ImU32 PrimaryHeld = 0;
inline ImU32 Surface = 0;
inline ImU32 SurfaceHover = 0;
inline ImU32 Outline = 0;
// The focus ring on the page (around a control, so against Background) and in the band and the
// session bar (against Band): 3:1 at least against what it is drawn on (WCAG 2.2's 2.4.13, the
// issue 21's rule; tests/kiosk/ThemeContrastTest.cpp).
inline ImU32 Focus = 0;
inline ImU32 BandFocus = 0;
inline ImU32 Accent = 0;
// Switches every colour above to the high-contrast set (yellow on black) or back.
void useHighContrast(bool on);
} // namespace colour

// Fonts and sizes for one screen size. Every length in the UI derives from unit (the body text
// height), never from fixed pixels, so the kiosk reads the same from 1 m on any screen.
struct Theme {
    float scale = 1;
    float unit = 28;
    ImFont* body = nullptr;    // text, with icons merged
    ImFont* lead = nullptr;    // a tutorial's instruction: larger text, icons merged
    ImFont* heading = nullptr; // bold titles
    ImFont* strong = nullptr;  // bold, a little larger than the text: card titles
    ImFont* tileIcon = nullptr;
    ImFont* display = nullptr; // the big countdown digits
    // The top band keeps its size whatever text size a visitor chose, so the buttons that change
    // it are always where they were.
    float baseUnit = 28;
    ImFont* chrome = nullptr;
    [[nodiscard]] float touchTarget() const { return 2.2F * unit; }
    // Whole pixels: the band's area and the page under it meet on a pixel row.
    [[nodiscard]] float bandHeight() const { return static_cast<float>(static_cast<int>(2.6F * baseUnit + 0.5F)); }
};

// Sets scale, fonts and style together, as they only make sense together. configuredScale 0
// means: derive from the screen (1366x768 is 1.0). Throws std::runtime_error naming a font that
// cannot be loaded.
// textSize multiplies every length (1, 1.5 or 2: the visitor's text size choice).
Theme applyTheme(ImVec2 screenPixels, float configuredScale, const FontFiles& fonts, float textSize = 1.0F,
                 bool highContrast = false);

} // namespace dps::kiosk::ui
