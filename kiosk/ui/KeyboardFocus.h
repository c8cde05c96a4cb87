#pragma once
#include "kiosk/core/KioskFlow.h"
#include "kiosk/ui/UiMap.h"

#include <imgui.h>

namespace dps::kiosk::ui {

// The keyboard reaches every control of a screen, as a person without a mouse or touch screen
// needs (issue 20: the free-use screens' walk). ImGui 1.86 moves the focus with the arrow keys and
// presses with Space, but its Tab goes only between text fields and its Enter presses no button.

// Tab and Shift+Tab: the focus goes to the next or previous control in the order the screen draws
// them (its reading order: each view draws its controls top to bottom, left to right, the page
// before the band), round from the last to the first; the page scrolls to show it. Called once a
// frame, in the screen's window before any control is drawn. Not while a text field is being
// typed in (there Tab is the field's) nor while a practice takes the keys (no keyboard navigation).
void tabToNextControl();

// Before each frame starts (FrameSource::beforeNewFrame), with the screen about to be drawn: Enter
// presses the control that has the keyboard's focus, as Space does, on screens whose Enter means
// nothing else (the lesson's Enter turns the page, a keypad's is its OK); and whether the focused
// control was drawn in the frame before (a control gone with a question answered leaves none).
void keysBeforeFrame(const KioskFlow& shown);

// Where the digit keys type (a PIN entry, facilitator mode): a numeric keypad does not move there.
bool digitsAreTyped(const KioskFlow& flow);

// A frame around the control just drawn (min..max) when it has the keyboard's focus and the focus
// is shown, and "state focus ID" in the UI map, so a keyboard user sees where they are.
// colour: the page's (colour::Focus) unless the control is on the band's ground (colour::BandFocus).
void focusRing(UiMap& map, const char* id, ImVec2 min, ImVec2 max, float unit, ImU32 colour = 0);

// The focus is shown (its ring drawn) as if a key had moved it: with the voice guide on, the
// control it names is where Tab goes on from, not the first of the screen again.
void showFocus();

// The control drawn next is left out of the keyboard's way (arrows and Tab): a control only a
// pointer can use (the facilitator's two-second hold) would be a stop that does nothing.
struct PointerOnly {
    PointerOnly();
    ~PointerOnly();
    PointerOnly(const PointerOnly&) = delete;
    PointerOnly& operator=(const PointerOnly&) = delete;
};

} // namespace dps::kiosk::ui
