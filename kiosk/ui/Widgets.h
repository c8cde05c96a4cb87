#pragma once
#include "kiosk/ui/Images.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"

#include <imgui.h>
#include <span>
#include <string>

namespace dps::kiosk::ui {

// Waiting: a button that cannot do its job yet (Next before the practice is done), drawn quiet but
// still answering a tap with what is missing.
enum class ButtonLook { Primary, Choice, ChosenChoice, Waiting };

// A big button with an icon and a word. Its identity is id (stable across languages); the
// label is only what is shown.
// font: nullptr for the current font. spoken: what the voice guide says beyond the label (a choice,
// chosen or not); a Waiting look is said "not available yet" by itself.
bool bigButton(UiMap& map, const char* id, const char* icon, const char* label, ImVec2 size, ButtonLook look,
               ImFont* font = nullptr, Spoken spoken = {});
// A Home tile: a large icon above a word. font: from tileFont(), so tiles of a grid read alike.
bool tile(UiMap& map, const Theme& theme, const char* id, const char* icon, const char* label, ImVec2 size,
          ImFont* font);
// The heading font, or the smaller bold one when one of labels would not fit a tile of this size.
ImFont* tileFont(const Theme& theme, std::span<const char* const> labels, ImVec2 size);
// Text wrapped to width and centred on the window's middle, line by line.
void centredText(ImFont* font, const char* text, ImU32 colour, float width);
// The height centredText takes for this text.
float centredTextHeight(ImFont* font, const char* text, float width);
// A finger dragged on the current window's background scrolls it (touch screens have no wheel).
// With unit, a finger that lands on a button and then moves up or down by half a unit scrolls too,
// and the button is not pressed: pages full of tiles scroll however they are touched.
void dragToScroll(float unit = 0);
// The item just drawn moves with the pointer (the drag exercise): dragging it never scrolls.
void keepDrag();
// Scrolls the current window so this rectangle (screen coordinates) is in view: after a tap, the
// answer to it.
void scrollIntoView(ImVec2 min, ImVec2 max);
// The horizontal middle of the current window's content (screen coordinates), scroll bar excluded.
float contentCentre();
// The width of the current window's content: padding and scroll bar excluded.
float contentWidth();
// How many blocks of width `block` fit side by side in `width`, `gap` apart; at least one.
int perRow(float width, float block, float gap);
// text, or as much of it as fits in maxWidth followed by "…" (whole characters only).
std::string fitted(ImFont* font, float size, const std::string& text, float maxWidth);
// A picture scaled to fit box, centred across it, at the cursor; nothing when it cannot be loaded.
void picture(Images& images, const std::filesystem::path& file, ImVec2 box);
// Moves the cursor so a block of this width is centred in the window.
void centreBlock(float width);

} // namespace dps::kiosk::ui
