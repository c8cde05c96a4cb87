#pragma once
#include "kiosk/ui/View.h"

#include <cstddef>

namespace dps::kiosk::ui {

// The on-screen keypad for a PIN (the e-ID's, a facilitator's): digits, erase and OK, from the
// screen or the keyboard (digits, Backspace, Enter). The digits themselves stay in the core: the
// keypad only says which key was pressed.
struct KeypadKeys {
    const char* idPrefix;  // "eid.key." → eid.key.1 … eid.key.ok in the UI map
    Intent (*digit)(char); // the intent of one digit
    Intent erase, submit;
};

// The keys fill width, and four rows fit in height (large text on a small screen).
Intent keypad(const ViewContext& ctx, const KeypadKeys& keys, bool complete, float width, float height);
// The PIN typed so far, as dots.
void maskedField(const ViewContext& ctx, std::size_t digits, float width);

} // namespace dps::kiosk::ui
