#pragma once
#include "kiosk/core/eid/Outcome.h"
#include "kiosk/core/eid/PinBlock.h"
#include "kiosk/core/eid/SmartCard.h"

#include <optional>
#include <string>

namespace dps::kiosk::eid {

// The optional PIN test's result. Right, wrong with the tries left, blocked; or why it could
// not be done (card removed, service gone, keypad cancelled).
struct PinTestResult {
    Outcome outcome = Outcome::CardReadError;
    std::optional<int> triesLeft;
};

// One VERIFY on the card in `reader`, then LOG OFF; the card is reset when the connection
// closes. block: the PIN typed on the screen's keypad; nullptr: typed on the reader's own
// keypad. language: the reader's display language (pinpad only).
PinTestResult runPinTest(SmartCardService& service, const std::string& reader, const PinBlock* block,
                         std::string_view language = "en");

} // namespace dps::kiosk::eid
