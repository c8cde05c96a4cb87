#pragma once
#include "../core/visit/VisitFacts.h"

#include <chrono>

namespace dps::kiosk::ui {

// What each code is called on screen (msgids, translated by the caller), and its pictogram.
const char* label(Purpose p);
const char* label(Audience a);
const char* label(Autonomy a);
const char* label(Referral r);
const char* label(Helped h);
const char* label(Equipment e);
const char* label(EquipmentState s);
const char* icon(Purpose p);
const char* icon(Helped h);
// Monday = 0.
const char* weekdayName(unsigned mondayBased);

} // namespace dps::kiosk::ui
