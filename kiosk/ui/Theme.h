#pragma once
#include <imgui.h>

#include <filesystem>

namespace dps::kiosk::ui {

struct FontFiles {
    std::filesystem::path regular, bold, icons;
};

// Colours chosen for contrast (text on background and on buttons above 7:1) rather than fashion.
// They change only between frames, on the UI thread, when a visitor asks for high contrast.
namespace colour {
inline ImU32 Background = IM_COL32(0xF7, 0xF5, 0xF0, 0xFF);
inline ImU32 Band = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
inline ImU32 Text = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
inline ImU32 Muted = IM_COL32(0x4A, 0x4A, 0x4A, 0xFF);
inline ImU32 OnPrimary = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline ImU32 Primary = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
inline ImU32 PrimaryHover = IM_COL32(0x2A, 0x62, 0xBC, 0xFF);
inline ImU32 PrimaryHeld = IM_COL32(0x16, 0x3A, 0x73, 0xFF);
inline ImU32 Surface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline ImU32 SurfaceHover = IM_COL32(0xE8, 0xEF, 0xFA, 0xFF);
inline ImU32 Outline = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
inline ImU32 Focus = IM_COL32(0xE0, 0x8A, 0x00, 0xFF);
inline ImU32 Accent = IM_COL32(0xC0, 0x39, 0x2B, 0xFF);
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
    [[nodiscard]] float bandHeight() const { return 2.6F * baseUnit; }
};

// Sets scale, fonts and style together, as they only make sense together. configuredScale 0
// means: derive from the screen (1366x768 is 1.0). Throws std::runtime_error naming a font that
// cannot be loaded.
// textSize multiplies every length (1, 1.5 or 2: the visitor's text size choice).
Theme applyTheme(ImVec2 screenPixels, float configuredScale, const FontFiles& fonts, float textSize = 1.0F,
                 bool highContrast = false);

} // namespace dps::kiosk::ui
