#pragma once
#include "kiosk/core/eid/PinEntry.h"

namespace dps::kiosk {

// Reads a PIN from the terminal without echo (or one line of standard input when it is not a
// terminal, for scripts), straight into the PIN entry's own wiping buffer: nothing else holds it.
// A character that is not a digit, or one digit too many, empties the entry.
void readPin(eid::PinEntry& pin);

// Asks for a new PIN twice, as `prompt` then "The same PIN again: ", on stderr; false when the two
// differ (pin then holds the first).
bool readNewPin(eid::PinEntry& pin, const char* prompt);

} // namespace dps::kiosk
