#pragma once
#include "dps/i18n/Catalog.h"
#include "kiosk/core/spoken/SpokenControl.h"

#include <string>

namespace dps::kiosk {

// The voice guide's words (issue 21), in the visitor's language.

// A control as it is said: its role, then its name, then its state ("button, Start", "choice,
// Français, chosen", "button, Next, not available yet"). Icons drawn in the label are left out.
std::string describeControl(const SpokenControl& control, const i18n::Translator& t);
// Said when the guide is turned on: how to move and choose.
std::string voiceGuideHelp(const i18n::Translator& t);
// Said once on Welcome when a key moves there with the guide off: how to start it.
std::string voiceGuideHint(const i18n::Translator& t);
// Said when it is turned off.
std::string voiceGuideOff(const i18n::Translator& t);
// A label without the icon font's glyphs (Unicode's private use area) and with its spaces folded:
// what a voice can say.
std::string speakable(std::string_view label);

} // namespace dps::kiosk
