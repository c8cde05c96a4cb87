#pragma once
#include "kiosk/core/Intent.h"

namespace dps::kiosk {

class KioskFlow;

// What Escape does on the screen shown (issue 21: "Escape to go back", the 0 of a numeric keypad
// too): what the screen's own way back does (its Home, Back or Cancel button, a question's "No"),
// so a visitor who cannot see it goes back the way a visitor who can would. None where a screen
// has no way back (Welcome, Home, a PIN test under way, the screens that end a visit).
Intent backIntent(const KioskFlow& flow);

} // namespace dps::kiosk
