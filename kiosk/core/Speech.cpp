#include "kiosk/core/Speech.h"

namespace dps::kiosk {

std::string_view speechStatusCode(SpeechStatus s) {
    switch (s) {
    case SpeechStatus::Starting: return "starting";
    case SpeechStatus::Works: return "works";
    case SpeechStatus::NoSoundDevice: return "no_sound_device";
    case SpeechStatus::NoEngine: return "no_engine";
    case SpeechStatus::LastReadingFailed: return "last_reading_failed";
    }
    return "?";
}

} // namespace dps::kiosk
