#pragma once
#include "kiosk/core/visit/VisitFacts.h"

#include "dps/i18n/Catalog.h"

#include <chrono>
#include <string>

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
// How long a session lasted, to the second as the visit log has it ("3 min 42 s"; "1 h 2 min"):
// rounded to minutes, a short session read "0 minutes".
std::string lastedWords(const i18n::Translator& t, std::chrono::seconds lasted);

} // namespace dps::kiosk::ui
