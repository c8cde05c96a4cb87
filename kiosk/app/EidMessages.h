#pragma once
#include "../core/eid/CardCheck.h"

namespace dps::kiosk {

// What each e-ID outcome means for the visitor: what happened and what to do, in plain words
// (msgids; translated through the catalogue).
struct EidMessage {
    const char* what;
    const char* todo;
};
EidMessage eidMessage(eid::Outcome outcome);
const char* eidStepName(eid::CheckStep step);

} // namespace dps::kiosk
