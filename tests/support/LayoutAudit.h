#pragma once
#include "UiMapFile.h"

#include <string>
#include <vector>

namespace dps::test {

// A line of text as ImGui drew it: its glyphs, read back from the frame's draw data (each glyph
// is a quad whose texture coordinates name it in the font atlas), so what is checked is what
// reached the screen, whichever widget or draw call put it there.
struct DrawnText {
    std::string text;   // UTF-8; a gap wider than nothing between two glyphs is one space
    std::string window; // the ImGui window whose draw list holds it
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Every line of text in the frame just rendered (between ImGui::Render and the next NewFrame).
std::vector<DrawnText> drawnText();

// What is wrong with the layout of the frame just rendered, one sentence each (empty: nothing):
// - a glyph cut by the edge of the area it is drawn in (left or right; top or bottom where that
//   area cannot scroll it into view);
// - a window whose laid-out content is wider than the part of it that is shown;
// - a window whose content is taller than it and that shows no scroll bar (no cue it scrolls);
// - a scrolling area inside another scrolling area (one scroll area per page), except the scroll
//   exercise's list, whose scrolling is the lesson;
// - anything drawn in the top band (0 to bandHeight) but the band itself (window bandWindow) and
//   the dimming of a dialog (bandWindow: part of the band's window name);
// - a button of the UI map that cannot be brought into view by scrolling, or whose visible part
//   is under the top band (band buttons are those whose id starts with "chrome." or "session.").
std::vector<std::string> layoutProblems(const UiMapFile& map, float bandHeight, const std::string& bandWindow);

// The colours of the shapes (not the text) drawn inside r, as ImGui packs them (IM_COL32).
std::vector<unsigned> shapeColoursIn(const Rect& r);

// Strings on screen that still hold a placeholder meant to be filled ({}, {0}, %s, %d).
std::vector<std::string> unfilledPlaceholders(const std::vector<DrawnText>& texts);

} // namespace dps::test
