#pragma once
#include "kiosk/core/eid/Outcome.h"
#include "kiosk/core/eid/SmartCard.h"

#include <string>

namespace dps::kiosk::eid {

// A service error in the check's words; `otherwise` for the errors that say nothing definite.
Outcome outcomeOf(CardError error, Outcome otherwise);

// Why a card stopped answering mid-check (an error, or an empty answer). pcsc-lite names a card
// pulled out mid-command in several ways (removed, not transacted, an empty answer), and a reader
// driver may only notice at its next presence poll (vpcd: 400 ms): the reader is asked whether
// the card is still in, and asked again after that poll, before the card is blamed.
Outcome explainLoss(SmartCardService& service, const std::string& reader, CardError error);

} // namespace dps::kiosk::eid
